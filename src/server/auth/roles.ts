/**
 * Who may do what. Permissions are split into the data plane (a viewer's own data and what is served
 * to them) and the control plane (accounts, keys, models, the audit log). A route names exactly one
 * permission; a role grants a fixed set; everything not granted is denied.
 */
export const ROLES = ['viewer', 'curator', 'analyst', 'auditor', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

export const DATA_PLANE_PERMISSIONS = [
  /** Browse and search the catalog. */
  'catalog:read',
  /** Recommendations for the subject in scope. */
  'recommendations:read',
  /** Record viewing events for the subject in scope. */
  'events:write',
  /** Give feedback as the subject in scope. */
  'feedback:write',
  /** Read the subject in scope's own profile, history and decision records. */
  'me:read',
  /** Grant or withdraw consent as the subject in scope. */
  'consent:write',
  /** Erase the subject in scope: every row, key, cache and their influence on the model. */
  'me:erase',
  /** Aggregates over all viewers; never one viewer's rows. */
  'analytics:read',
  /** Post a review as the subject in scope (inspected before it is stored). */
  'reviews:write',
  /** Inspect text with the safety gateway (Azure Content Safety and Presidio compatible endpoints). */
  'safety:analyze',
] as const;

export const CONTROL_PLANE_PERMISSIONS = [
  /** Accounts and their roles. */
  'users:manage',
  /** API keys for services. */
  'keys:manage',
  /** List and inspect trained models. */
  'models:read',
  /** Run a candidate's promotion gate, promote it once signed off, roll back, move aliases. */
  'models:manage',
  /** Sign off a candidate's gate report in a role the policy requires (one role per person). */
  'models:signoff',
  /** Read the serving policy and its history. */
  'policy:read',
  /** Change the serving policy (takes effect atomically, audited). */
  'policy:manage',
  /** Drift reports and alerts. */
  'monitoring:read',
  /** Run a drift comparison on demand. */
  'monitoring:manage',
  /** The audit log and every decision record (pseudonymized). */
  'audit:read',
  /** Prometheus metrics. */
  'metrics:read',
  /** The API reference. */
  'docs:read',
  /** Erase any subject on request, run retention, rotate keys. */
  'privacy:manage',
  /** Blocklists and the curator queue of content the safety gateway held back. */
  'safety:manage',
  /** Viewer profiles quarantined as suspected fakes: scores and detector evidence, under pseudonyms. */
  'quarantine:read',
  /** Release a quarantined profile back into training, or confirm it as fake. */
  'quarantine:manage',
  /** The caller's own session: who am I, sign out. Every role has it. */
  'session:self',
] as const;

export type DataPlanePermission = (typeof DATA_PLANE_PERMISSIONS)[number];
export type ControlPlanePermission = (typeof CONTROL_PLANE_PERMISSIONS)[number];
export type Permission = DataPlanePermission | ControlPlanePermission;
export const PERMISSIONS: readonly Permission[] = [...DATA_PLANE_PERMISSIONS, ...CONTROL_PLANE_PERMISSIONS];

/**
 * Data-plane permissions that act on one viewer's data. A request using one is scoped to exactly one
 * subject: a viewer's own, or the one a service key names. No other role reaches a viewer's rows.
 */
export const SUBJECT_SCOPED: ReadonlySet<Permission> = new Set<Permission>([
  'recommendations:read',
  'events:write',
  'feedback:write',
  'me:read',
  'consent:write',
  'me:erase',
  'reviews:write',
]);

const VIEWER_DATA: Permission[] = [
  'catalog:read',
  'recommendations:read',
  'events:write',
  'feedback:write',
  'me:read',
  'consent:write',
  'me:erase',
  'reviews:write',
];

export const ROLE_GRANTS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  viewer: new Set<Permission>([...VIEWER_DATA, 'docs:read', 'session:self']),
  // A front end's back end: acts for one named viewer per request.
  service: new Set<Permission>([...VIEWER_DATA, 'safety:analyze', 'docs:read', 'session:self']),
  curator: new Set<Permission>([
    'catalog:read',
    'models:read',
    'safety:analyze',
    'safety:manage',
    'quarantine:read',
    'quarantine:manage',
    'docs:read',
    'session:self',
  ]),
  analyst: new Set<Permission>([
    'catalog:read',
    'analytics:read',
    'models:read',
    'models:signoff',
    'policy:read',
    'monitoring:read',
    'monitoring:manage',
    'metrics:read',
    'docs:read',
    'session:self',
  ]),
  auditor: new Set<Permission>([
    'catalog:read',
    'audit:read',
    'models:read',
    'models:signoff',
    'policy:read',
    'monitoring:read',
    'quarantine:read',
    'docs:read',
    'session:self',
  ]),
  admin: new Set<Permission>([
    'session:self',
    'catalog:read',
    'users:manage',
    'keys:manage',
    'models:read',
    'models:manage',
    'models:signoff',
    'policy:read',
    'policy:manage',
    'monitoring:read',
    'monitoring:manage',
    'metrics:read',
    'docs:read',
    'privacy:manage',
    'safety:analyze',
    'safety:manage',
    'quarantine:read',
    'quarantine:manage',
  ]),
};

export const planeOf = (permission: Permission): 'data' | 'control' =>
  (DATA_PLANE_PERMISSIONS as readonly string[]).includes(permission) ? 'data' : 'control';

export function grants(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_GRANTS[role].has(permission));
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
