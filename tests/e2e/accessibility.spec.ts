/**
 * WCAG 2 A/AA checks (axe-core) on the drafting, editing, history, billing, settings and API
 * reference pages, with real content on them: no violations allowed.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { createOrg } from './support/orgs';

test('the SOP pages have no WCAG 2 A/AA violations that axe can find', async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('axe');
  await signUpAndConfirm(page, email);
  const slug = await createOrg(page, `Axe ${email.slice(4, 12)}`);
  await page.goto(`/o/${slug}/sops/new`);
  await page.getByLabel('Title').fill('Accessible SOP');
  await page.getByLabel('Describe the process in your own words').fill('1. Operator does the first thing\n   Warning: hot surface\n2. QA checks and records it in the log');
  await page.getByTestId('generate-submit').click();
  await expect(page).toHaveURL(/\/sops\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.1', { timeout: 30_000 });
  const sop = new URL(page.url()).pathname;
  const violations: string[] = [];
  for (const path of [`/o/${slug}/sops`, `/o/${slug}/sops/new`, sop, `${sop}/edit`, `${sop}/history`, `/o/${slug}/billing`, `/o/${slug}/settings`, '/docs/api']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(result.passes.length, path).toBeGreaterThan(10);
    for (const v of result.violations) violations.push(`${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  }
  expect(violations).toEqual([]);
});
