import type { FastifyRequest } from 'fastify';
import { DEFAULT_PROFILE_MAX_LEVEL, profileKindSchema } from '../../../catalog/viewer-profile.js';
import { type MaturityLimits, maxAudienceLevelFor } from '../../../pipeline/viewer-context.js';
import type { Store } from '../../../store/open-store.js';
import { SUBJECT_HEADER } from '../../plugins/app/access-control.js';

/**
 * The highest audience level the caller may browse: a viewer's own profile, or the profile of the
 * viewer a service names; staff roles (curators, auditors...) see the whole catalog. The serving policy's
 * limits apply here as in recommendations, so browsing never shows what the feed would filter.
 */
export async function audienceCeiling(
  request: FastifyRequest,
  store: Store,
  limits: MaturityLimits = DEFAULT_PROFILE_MAX_LEVEL,
): Promise<number | undefined> {
  const principal = request.principal;
  if (!principal) return 0;
  let subjectId: string | undefined;
  if (principal.kind === 'account' && principal.subjectId) subjectId = principal.subjectId;
  else if (principal.roles.includes('service')) {
    const named = request.headers[SUBJECT_HEADER];
    subjectId = typeof named === 'string' ? named : undefined;
    // A service browsing without naming a viewer gets the strictest catalog, not the whole one.
    if (!subjectId) return maxAudienceLevelFor('kids', limits);
  }
  if (!subjectId) return undefined;
  const subject = await store.db
    .selectFrom('subjects')
    .select('profile_kind')
    .where('id', '=', subjectId)
    .executeTakeFirst();
  const kind = profileKindSchema.safeParse(subject?.profile_kind);
  return maxAudienceLevelFor(kind.success ? kind.data : 'kids', limits);
}
