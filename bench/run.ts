/**
 * `npm run bench -- NAME [NAME ...]` runs benchmarks and prints one JSON object per benchmark on stdout.
 * No benchmark asserts a time: they measure, and the numbers go into the closing notes.
 */
const BENCHMARKS: Record<string, () => Promise<Record<string, unknown>>> = {
  ingest: async () => (await import('./ingest.bench.js')).run(),
  generate: async () => (await import('./generate.bench.js')).run(),
  accuracy: async () => (await import('./accuracy.bench.js')).run(),
  scale: async () => (await import('./scale.bench.js')).run(),
  tune: async () => (await import('./tune.bench.js')).run(),
  serve: async () => (await import('./serve.bench.js')).run(),
  fairness: async () => (await import('./fairness.bench.js')).run(),
  forget: async () => (await import('./forget.bench.js')).run(),
  safety: async () => (await import('./safety.bench.js')).run(),
  web: async () => (await import('./web.bench.js')).run(),
  'redteam-gateway': async () => (await import('./redteam-gateway.bench.js')).run(),
  redteam: async () => (await import('./redteam.bench.js')).run(),
};

const names = process.argv.slice(2);
if (names.length === 0 || names.some((name) => !(name in BENCHMARKS))) {
  process.stderr.write(`usage: npm run bench -- ${Object.keys(BENCHMARKS).join('|')} [...]\n`);
  process.exit(2);
}
for (const name of names) {
  const result = await (BENCHMARKS[name] as () => Promise<Record<string, unknown>>)();
  process.stdout.write(`${JSON.stringify({ benchmark: name, ...result })}\n`);
}
