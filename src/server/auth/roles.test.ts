import { describe, expect, it } from 'vitest';
import { grants, PERMISSIONS, planeOf, ROLE_GRANTS, ROLES, SUBJECT_SCOPED } from './roles.js';

describe('roles and permissions', () => {
  it('keeps viewer data away from staff roles', () => {
    for (const role of ['curator', 'analyst', 'auditor', 'admin'] as const) {
      for (const permission of SUBJECT_SCOPED)
        expect(grants([role], permission), `${role} ${permission}`).toBe(false);
    }
  });

  it('gives the control plane to admins only, and the audit log to auditors only', () => {
    for (const permission of ['users:manage', 'keys:manage', 'models:manage', 'policy:manage'] as const) {
      expect(ROLES.filter((role) => grants([role], permission))).toEqual(['admin']);
    }
    expect(ROLES.filter((role) => grants([role], 'audit:read'))).toEqual(['auditor']);
    expect(ROLES.filter((role) => grants([role], 'analytics:read'))).toEqual(['analyst']);
  });

  it('lets the reviewing roles sign off a promotion, never viewers, services or curators', () => {
    expect(ROLES.filter((role) => grants([role], 'models:signoff'))).toEqual(['analyst', 'auditor', 'admin']);
  });

  it('lets viewers and services touch only the data plane (and their own session)', () => {
    for (const role of ['viewer', 'service'] as const) {
      const control = [...ROLE_GRANTS[role]].filter((p) => planeOf(p) === 'control');
      expect(control.sort()).toEqual(['docs:read', 'session:self']);
    }
  });

  it('splits every permission into exactly one plane and grants none twice by accident', () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
    expect(PERMISSIONS.filter((p) => planeOf(p) === 'data')).toContain('recommendations:read');
    expect(planeOf('users:manage')).toBe('control');
    expect(grants([], 'catalog:read')).toBe(false);
    expect(grants(['viewer', 'analyst'], 'analytics:read')).toBe(true);
  });
});
