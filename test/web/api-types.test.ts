import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from '../../scripts/export-openapi-types.js';

describe("the web app's API types", () => {
  it('match the routes’ schemas (run `npm run web:api-types` after changing a route)', async () => {
    const fresh = await apiTypesSource();
    expect(fresh).toContain('"/v1/recommendations"');
    // Compared whole: any drift between a route and what the app was type-checked against fails here.
    expect(readFileSync(API_TYPES_FILE, 'utf8') === fresh, 'web/src/api/schema.d.ts is stale').toBe(true);
  }, 60_000);
});
