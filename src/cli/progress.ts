import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number, label?: string): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/** A progress bar on stderr, only for a person at a terminal (never with --json or in CI logs). */
export function progressBar(options: { total: number; unit: string; enabled: boolean }): Progress {
  if (!options.enabled || !process.stderr.isTTY || options.total <= 0) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `{label} [{bar}] {percentage}% | {value}/{total} ${options.unit} | {eta_formatted} left`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(options.total, 0, { label: '' });
  return {
    update: (value, label) =>
      bar.update(Math.min(value, options.total), label === undefined ? {} : { label }),
    stop: () => bar.stop(),
  };
}
