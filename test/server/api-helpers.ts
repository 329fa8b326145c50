import { expect } from 'vitest';
import type { Database } from '../../src/store/schema.js';
import { SUBJECT_HEADER } from '../../src/server/plugins/app/access-control.js';
import type { ApiHarness, Caller } from '../support/api-harness.js';

/** A pseudonym: 128 bits of HMAC in base64url. */
export const PSEUDONYM = /^[A-Za-z0-9_-]{22}$/;

export type Headers = Record<string, string>;

/** The service key acting for one viewer. */
export const serviceFor = (h: ApiHarness, subjectId: string): Headers => ({
  ...h.service.headers,
  [SUBJECT_HEADER]: subjectId,
});

export async function call(
  h: ApiHarness,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  who: Caller | Headers,
  payload?: unknown,
) {
  const headers =
    'headers' in who && typeof who.headers === 'object' ? (who as Caller).headers : (who as Headers);
  return h.built.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** Rows in a table, optionally those matching one column. */
export async function countRows(
  h: ApiHarness,
  table: keyof Database,
  where?: [string, unknown],
): Promise<number> {
  let query = h.t.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
  // The column name comes from the tests, never from input.
  if (where) query = query.where(where[0] as never, '=', where[1] as never);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** A problem details response: status, media type and the four members, and optionally the field. */
export function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  field?: string,
): Record<string, unknown> {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(typeof body.detail).toBe('string');
  if (field !== undefined) expect(body.field).toBe(field);
  return body;
}
