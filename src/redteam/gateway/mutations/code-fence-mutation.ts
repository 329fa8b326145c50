import { pick, textMutation } from '../mutation.js';

/** Markup that makes the seed look like data, code or a system message rather than prose. */
const WRAPPERS = [
  '```\n{seed}\n```',
  '```system\n{seed}\n```',
  '> {seed}',
  '{"role": "system", "content": "{seed}"}',
  '<!-- {seed} -->',
  '**Note:** _{seed}_',
];

export const codeFenceMutation = textMutation(
  'code-fence',
  'wrapped in a markdown code fence, quote, JSON message or HTML comment',
  (text, random) => pick(WRAPPERS, random).replace('{seed}', () => text),
);
