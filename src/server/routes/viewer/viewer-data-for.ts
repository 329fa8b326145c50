import type { FastifyRequest } from 'fastify';
import { ViewerData } from '../../../store/repositories/viewer-data.js';
import type { ApiContext } from '../../api-context.js';
import { requireScope } from '../route-helpers.js';

/** The scoped data access for the request's one subject: the only way routes reach viewer rows. */
export const viewerDataFor = (request: FastifyRequest, ctx: ApiContext): ViewerData =>
  new ViewerData(ctx.store.db, ctx.store.dialect, requireScope(request), ctx.clock, ctx.store.keyring);
