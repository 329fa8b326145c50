import type { FastifyInstance } from 'fastify';
import { HttpError } from '../../http-error.js';

/**
 * Text with a NUL character (U+0000) in the path, query or body is refused as a bad request before
 * validation: PostgreSQL cannot store or compare it in text columns (it would fail with a 500), and
 * SQLite would store what PostgreSQL cannot, so both engines refuse it alike.
 */
export function registerNulRefusal(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = nulField(part);
      if (field !== undefined) {
        throw new HttpError(400, {
          type: 'invalid-request',
          detail: 'text may not contain NUL characters (U+0000)',
          ...(field ? { field } : {}),
        });
      }
    }
  });
}

interface Node {
  value: unknown;
  key: string;
  parent: Node | undefined;
}

/**
 * The dotted path of the first string holding a NUL (of the object, for a key holding one), '' for the
 * root, undefined when there is none. Iterative: a parsed body may nest deeply.
 */
export function nulField(root: unknown): string | undefined {
  const stack: Node[] = [{ value: root, key: '', parent: undefined }];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (typeof node.value === 'string') {
      if (node.value.includes('\u0000')) return pathOf(node);
    } else if (node.value !== null && typeof node.value === 'object') {
      for (const [key, value] of Object.entries(node.value)) {
        if (key.includes('\u0000')) return pathOf(node);
        stack.push({ value, key, parent: node });
      }
    }
  }
  return undefined;
}

function pathOf(node: Node): string {
  const keys: string[] = [];
  for (let at: Node | undefined = node; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}
