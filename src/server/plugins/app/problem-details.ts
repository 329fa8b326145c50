import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { HttpError, PROBLEM_TYPE_BASE, type ProblemDetails } from '../../http-error.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Every error leaves as application/problem+json; 5xx details stay in the log, never in the response. */
export function registerProblemDetails(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError | ZodError, request, reply) => {
    const problem = toProblem(error);
    problem.instance = request.url.split('?')[0];
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else
      request.log.info(
        { status: problem.status, type: problem.type, field: problem.field },
        'request refused',
      );
    return reply.status(problem.status).type('application/problem+json').send(problem);
  });

  app.setNotFoundHandler((request, reply) => {
    const problem: ProblemDetails = {
      type: `${PROBLEM_TYPE_BASE}not-found`,
      title: TITLES[404] as string,
      status: 404,
      detail: `no route ${request.method} ${request.url.split('?')[0]}`,
    };
    return reply.status(404).type('application/problem+json').send(problem);
  });
}

/**
 * Errors Fastify answers before routing (a malformed URL escape), which skip the error handler: passed
 * to Fastify as `frameworkErrors`, so that they leave as problem details too.
 */
export function replyToFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem = toProblem(error);
  problem.instance = request.url.split('?')[0];
  void reply.status(problem.status).type('application/problem+json').send(problem);
}

function toProblem(error: FastifyError | HttpError | ZodError): ProblemDetails {
  if (error instanceof HttpError) {
    return problem(error.status, error.type, error.message, error.field);
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join('.') || undefined;
    return problem(400, 'invalid-request', issue?.message ?? 'invalid request', field);
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (error.validation) {
    const first = error.validation[0];
    const params = first?.params as { missingProperty?: string; keys?: unknown } | undefined;
    const path = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    // An unrecognized key is named itself, not the object that holds it.
    const unrecognized =
      first?.keyword === 'unrecognized_keys' && Array.isArray(params?.keys) ? params.keys[0] : undefined;
    const field =
      (typeof unrecognized === 'string' ? [path, unrecognized].filter(Boolean).join('.') : path) ||
      params?.missingProperty;
    return problem(400, 'invalid-request', error.message, field || undefined);
  }
  if (status >= 500) return problem(status, 'internal', 'the server could not complete the request');
  const type = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body-too-large' : 'bad-request';
  return problem(status, type, error.message);
}

function problem(status: number, type: string, detail: string, field?: string): ProblemDetails {
  return {
    type: `${PROBLEM_TYPE_BASE}${type}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(field ? { field } : {}),
  };
}
