import { request as httpRequest } from 'node:http';
import type { AttackRequest, ObservedResponse } from './access-attempt.js';

/** Long enough for the slowest legitimate route on a small machine (a fairness audit's first answer). */
const TIMEOUT_MS = 30_000;
/** More than any attack needs to read: bodies are scanned for leaks, not kept. */
const MAX_BODY_CHARS = 4 * 1024 * 1024;

function bodyOf(request: AttackRequest): {
  body?: RequestInit['body'];
  headers: Record<string, string>;
  duplex?: 'half';
} {
  const headers = { ...(request.headers ?? {}) };
  if (typeof request.raw === 'function') return { body: request.raw(), headers, duplex: 'half' };
  if (request.raw !== undefined) return { body: request.raw, headers };
  if (request.json === undefined) return { headers };
  return { body: JSON.stringify(request.json), headers: { 'content-type': 'application/json', ...headers } };
}

async function alive(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}

/** A bodiless request with its path exactly as given, over node:http. */
function verbatim(baseUrl: string, request: AttackRequest): Promise<ObservedResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: hostname,
        port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        timeout: TIMEOUT_MS,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (body.length < MAX_BODY_CHARS) body += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, value]) => [
                name,
                [value ?? ''].flat().join(', '),
              ]),
            ),
            body,
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * Sends one request over real HTTP and reads the whole answer. A connection that fails is not
 * necessarily a crash (a server may close it on an oversized body): the health check right after tells.
 */
export async function sendAttempt(baseUrl: string, request: AttackRequest): Promise<ObservedResponse> {
  const { body, headers, duplex } = bodyOf(request);
  try {
    if (request.verbatim) return await verbatim(baseUrl, request);
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      ...(body === undefined ? {} : { body }),
      ...(duplex ? { duplex } : {}),
    } as RequestInit);
    const text = await response.text();
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: text.length > MAX_BODY_CHARS ? text.slice(0, MAX_BODY_CHARS) : text,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      status: 0,
      headers: {},
      body: '',
      error: cause?.code ?? cause?.message ?? (error as Error).message,
      serverAlive: await alive(baseUrl),
    };
  }
}
