import type { AccessAttempt, ObservedResponse } from './access-attempt.js';

/** A V8 stack frame: `at fn (/path/file.js:12:34)` or `at /path/file.js:12:34`. */
const STACK_FRAME = /\bat (?:[\w$.<>[\] ]+ \()?(?:file:\/\/|node:|\/|[A-Za-z]:\\)[^\s)]*:\d+:\d+\)?/;
/** Database errors that reach a client tell an attacker how the query was built. */
const DATABASE_ERROR =
  /SqliteError|SQLITE_[A-Z]+|syntax error at or near|unrecognized token|no such (?:table|column)|relation "[^"]+" does not exist|PG::/i;

/** The problem type the error handler gives every unexpected error; named 5xx refusals carry their own. */
const INTERNAL_PROBLEM = /"type"\s*:\s*"[^"]*\binternal"/;

/** Everything of the request an answer may legitimately echo (a path, a field the attacker sent). */
function requestText(attempt: AccessAttempt): string {
  const { request } = attempt;
  const raw = typeof request.raw === 'string' ? request.raw : '';
  const json = request.json === undefined ? '' : JSON.stringify(request.json);
  let decoded = request.path;
  try {
    decoded = decodeURIComponent(request.path);
  } catch {
    // A deliberately malformed escape: the raw path is what the server saw.
  }
  return [request.path, decoded, raw, json, ...Object.values(request.headers ?? {})].join('\n');
}

/** A deliberate 5xx names its problem (the web app not built, the server closing); a crash is `internal`. */
function isCrash(response: ObservedResponse): boolean {
  if (response.status >= 500) {
    const problem = (response.headers['content-type'] ?? '').includes('problem+json');
    return !problem || INTERNAL_PROBLEM.test(response.body);
  }
  return response.status === 0 && response.serverAlive === false;
}

/**
 * Whether an attempt got somewhere it must not. An attack succeeds when the server answers 2xx where it
 * must refuse, crashes (a 5xx that is not a named refusal, or stops answering), shows a stack trace or a
 * database error, or returns a secret it was not sent (another viewer's id, a server key).
 */
export function judgeResponse(
  attempt: AccessAttempt,
  response: ObservedResponse,
): { success: boolean; refused: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const ok = response.status >= 200 && response.status < 300;
  if (attempt.mustRefuse && ok) reasons.push(`answered ${response.status} where it must refuse`);
  if (isCrash(response)) {
    reasons.push(
      response.status === 0
        ? `server stopped answering (${response.error ?? 'no response'})`
        : `server error ${response.status}`,
    );
  }
  const answer = `${Object.values(response.headers).join('\n')}\n${response.body}`;
  if (STACK_FRAME.test(answer)) reasons.push('stack trace in the answer');
  if (DATABASE_ERROR.test(response.body)) reasons.push('database error in the answer');
  const sent = requestText(attempt);
  for (const secret of attempt.secrets) {
    if (secret.value.length >= 6 && answer.includes(secret.value) && !sent.includes(secret.value)) {
      reasons.push(`leaked ${secret.label}`);
    }
  }
  const refused =
    (response.status >= 400 && response.status < 500) ||
    (response.status === 0 && response.serverAlive === true);
  return { success: reasons.length > 0, refused, reasons };
}
