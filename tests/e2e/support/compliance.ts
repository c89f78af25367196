import { expect, type Page } from '@playwright/test';

/**
 * Seed the frameworks an organization follows and SOP-to-clause mappings as the signed-in
 * member, through POST /api/test/compliance (the suite's server only; it writes as the member,
 * RLS, triggers and audit included). Once the settings and mapping API are in the same build,
 * this helper is the one place to switch to them (PUT …/frameworks, POST …/sops/{id}/mappings).
 */
export async function seedCompliance(page: Page, org: string, seed: { follow?: string[]; map?: { sopId: string; framework: string; clause: string; origin?: 'manual' | 'references' | 'suggested' }[] }): Promise<string[]> {
  const res = await page.request.post('/api/test/compliance', { data: { org, ...seed } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { mappings: string[] }).mappings;
}
