import createClient from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The typed API client: paths, parameters and response bodies come from the server's OpenAPI document
 * (schema.d.ts, generated), so a call that does not match a route fails the type check. The session
 * cookie (httpOnly, SameSite=Strict) authenticates every call; the app never sees a token.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/** An RFC 9457 problem the API answered with, kept whole so a form can point at the failing field. */
export class ApiError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  readonly type: string | undefined;

  constructor(status: number, problem: { detail?: string; title?: string; field?: string; type?: string }) {
    super(problem.detail ?? problem.title ?? `request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.field = problem.field;
    this.type = problem.type;
  }
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The body of a successful answer, or an ApiError carrying the problem the server sent. */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const problem = (typeof error === 'object' && error !== null ? error : {}) as {
    detail?: string;
    title?: string;
    field?: string;
    type?: string;
  };
  const failure = new ApiError(response.status, problem);
  // The session is gone (expired, revoked): sign the app out. Other 401s (a wrong password) are answers.
  if (response.status === 401 && problem.type?.endsWith('/unauthenticated')) {
    window.dispatchEvent(new CustomEvent('candor:signed-out'));
  }
  throw failure;
}

/** A message for a person: the server's own detail for 4xx, a plain apology otherwise. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status >= 500) return 'Something went wrong on our side. Please try again.';
    return error.message;
  }
  return 'The service could not be reached. Check your connection and try again.';
}

type JsonOf<Operation> = Operation extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** The JSON body a route answers 200 with, e.g. `ApiBody<'/v1/me'>`. */
export type ApiBody<
  Path extends keyof paths,
  Method extends 'get' | 'post' | 'put' | 'delete' | 'patch' = 'get',
> = JsonOf<paths[Path][Method]>;
