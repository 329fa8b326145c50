import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { HttpError } from '../../http-error.js';

/**
 * Where `vite build` puts the web app. The same relative path holds from `src/` (tests, tsx) and from
 * `dist/` (the built server), since both sit next to `dist/` in the package.
 */
export const WEB_APP_DIR = fileURLToPath(new URL('../../../../dist/web/', import.meta.url));

/** Paths that belong to the API or operations, never to the app's client-side routes. */
const NOT_APP = /^\/(v1|docs|metrics|healthz)(\/|$)/;

/**
 * Serves the web app (viewer app and responsible-AI dashboard) at `/`: hashed assets cached for good,
 * the HTML shell never cached, and the shell for any other page path so that the app's own routes
 * (`/privacy`, `/dashboard/models`...) survive a reload. The app holds no data: it signs in and reads
 * everything through the API, where each call is authorized.
 */
export async function registerWebApp(
  app: FastifyInstance,
  // CANDOR_WEB_DIR: another build of the app (the browser tests build their own, so that a parallel
  // `npm run build` cannot swap the files under a running test).
  dir: string = process.env.CANDOR_WEB_DIR || WEB_APP_DIR,
): Promise<void> {
  dir = dir.endsWith('/') ? dir : `${dir}/`;
  const built = existsSync(`${dir}index.html`);
  if (built)
    await app.register(fastifyStatic, { root: dir, serve: false, index: false, cacheControl: false });

  const shell = (reply: FastifyReply) => {
    if (!built) {
      // Not a server fault: this deployment has no web app (it was never built), so there is none here.
      throw new HttpError(404, {
        type: 'web-app-not-built',
        detail: 'the web app is not built here: run `npm run build`',
      });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };

  app.get(
    '/assets/*',
    { config: { access: { public: 'web-app' } }, schema: { hide: true } },
    async (request, reply) => {
      const file = (request.params as { '*': string })['*'];
      if (!built || !/^[\w.-]+$/.test(file) || !existsSync(`${dir}assets/${file}`)) {
        throw new HttpError(404, { type: 'not-found', detail: `no asset ${file}` });
      }
      // Vite names assets by content hash: a new build is a new name.
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(`assets/${file}`);
    },
  );
  app.get('/', { config: { access: { public: 'web-app' } }, schema: { hide: true } }, async (_r, reply) =>
    shell(reply),
  );
  app.get(
    '/*',
    { config: { access: { public: 'web-app' } }, schema: { hide: true } },
    async (request, reply) => {
      const path = request.url.split('?')[0] as string;
      if (NOT_APP.test(path) || /\.\w+$/.test(path)) {
        throw new HttpError(404, { type: 'not-found', detail: `no route GET ${path}` });
      }
      return shell(reply);
    },
  );
}
