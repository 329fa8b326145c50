import { ApiError } from '../api/client';

/**
 * A query's retry rule for pages whose 4xx answers are meant for the viewer (a blocked search, a title
 * not on this profile): those are shown at once; only a failure on the way or on the server is retried,
 * once.
 */
export function retryUnlessAnswered(failures: number, error: unknown): boolean {
  return !(error instanceof ApiError && error.status < 500) && failures < 1;
}
