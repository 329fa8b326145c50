import { z } from 'zod';

/**
 * How to split a dataset, as written on the command line:
 * `stratified[:RATIO]` (per-user random, RATIO of each viewer's items for training, default 0.75),
 * `temporal[:N]` (each viewer's last N items by time are the test; 0 < N < 1 means that fraction),
 * `strong[:HELD_OUT[:FOLD_IN]]` (HELD_OUT share of viewers held out whole; FOLD_IN of each held-out
 * history is given at scoring time, defaults 0.2 and 0.5).
 */
export const splitSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stratified'), ratio: z.number().gt(0).lt(1).default(0.75) }),
  z.strictObject({ kind: z.literal('temporal'), last: z.number().positive().default(1) }),
  z.strictObject({
    kind: z.literal('strong'),
    heldOut: z.number().gt(0).lt(1).default(0.2),
    foldIn: z.number().gt(0).lt(1).default(0.5),
  }),
]);
export type SplitSpec = z.infer<typeof splitSpecSchema>;

export function parseSplitSpec(text: string): SplitSpec {
  const [kind, ...numbers] = text.split(':');
  const values = numbers.map((n) => {
    const value = Number(n);
    if (n.trim() === '' || !Number.isFinite(value))
      throw new Error(`split '${text}': '${n}' is not a number`);
    return value;
  });
  const fields: Record<string, string[]> = {
    stratified: ['ratio'],
    temporal: ['last'],
    strong: ['heldOut', 'foldIn'],
  };
  const names = fields[kind ?? ''];
  if (!names) throw new Error(`split '${text}': kind must be stratified, temporal or strong`);
  if (values.length > names.length)
    throw new Error(`split '${text}': ${kind} takes at most ${names.length} number(s)`);
  const result = splitSpecSchema.safeParse({
    kind,
    ...Object.fromEntries(values.map((v, i) => [names[i], v])),
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`split '${text}': ${issue?.path.join('.')} ${issue?.message}`);
  }
  if (result.data.kind === 'temporal' && result.data.last >= 1 && !Number.isInteger(result.data.last)) {
    throw new Error(`split '${text}': last must be a whole number of items, or a fraction below 1`);
  }
  return result.data;
}

export function formatSplitSpec(spec: SplitSpec): string {
  if (spec.kind === 'stratified') return `stratified:${spec.ratio}`;
  if (spec.kind === 'temporal') return `temporal:${spec.last}`;
  return `strong:${spec.heldOut}:${spec.foldIn}`;
}
