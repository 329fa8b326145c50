import { type ChildProcess, spawn } from 'node:child_process';

export interface JsonChild {
  child: ChildProcess;
  /**
   * The first line the process prints on stdout, parsed as JSON (a `--json` command's result). Rejects
   * when that line is not JSON, or when the process exits before printing one (with its stderr).
   */
  firstLine: Promise<Record<string, unknown>>;
  /** Resolves when the process exits, with everything it printed. */
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  stderr(): string;
}

/** Spawns `node ...args` with stdout and stderr captured (for `candor --json serve` and the like). */
export function spawnJsonChild(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; detached?: boolean } = {},
): JsonChild {
  const child = spawn(process.execPath, args, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  const firstLine = new Promise<Record<string, unknown>>((resolve, reject) => {
    const look = (): boolean => {
      const end = stdout.indexOf('\n');
      if (end < 0) return false;
      try {
        resolve(JSON.parse(stdout.slice(0, end)) as Record<string, unknown>);
      } catch (error) {
        reject(error as Error);
      }
      return true;
    };
    child.stdout?.on('data', look);
    void exited.then(({ code }) => {
      if (!look()) reject(new Error(`the process exited (${code}) before printing a line: ${stderr}`));
    });
  });
  // A caller that only waits for the exit must not see an unhandled rejection.
  firstLine.catch(() => {});
  return { child, firstLine, exited, stderr: () => stderr };
}
