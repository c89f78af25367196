/**
 * The public regulation library: /library (every framework by category, searchable),
 * /library/{code} (its clauses, withdrawn ids with their replacement, a superseded edition's
 * banner) and GET /api/v1/frameworks/{code}, all without signing in. Screenshots at 1280 and
 * 390 px go to test-results/screens/ (or SHOTS_DIR).
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { COPYRIGHT_NOTE, FRAMEWORKS } from '@/lib/library';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { collectConsoleProblems } from './support/console';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results/screens';

async function shoot(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `library-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const withClauses = FRAMEWORKS.filter((f) => f.clauses.length > 0);
const copyrighted = withClauses.find((f) => f.text === 'copyrighted')!;
const withWithdrawn = FRAMEWORKS.find((f) => f.clauses.some((c) => c.withdrawn?.replacedBy?.length));
const superseded = FRAMEWORKS.find((f) => f.status === 'superseded' && f.supersededBy);

test('browse the library signed out: frameworks by category, coverage, editions, and a framework’s clauses', async ({ page }) => {
  const problems = collectConsoleProblems(page);
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Library' }).click();
  await expect(page).toHaveURL(/\/library$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regulation library');

  // Every framework is listed once, under its category, with its coverage and clause count.
  const cards = page.getByTestId('framework-card');
  await expect(cards).toHaveCount(FRAMEWORKS.length);
  for (const category of new Set(FRAMEWORKS.map((f) => f.category))) await expect(page.getByRole('heading', { level: 2, name: category, exact: true })).toBeVisible();
  for (const f of FRAMEWORKS) {
    const card = page.locator(`[data-test="framework-card"][data-framework="${f.code}"]`);
    await expect(card.getByTestId(`coverage-${f.coverage}`)).toBeVisible();
    await expect(card.getByTestId('clause-count')).toHaveText(`${f.clauses.length} ${f.clauses.length === 1 ? 'clause' : 'clauses'}`);
    if (f.status === 'superseded') await expect(card.getByTestId('superseded')).toContainText('Superseded');
  }
  await expect(page.locator(`[data-framework="${copyrighted.code}"]`).getByTestId('copyright-note')).toHaveText(COPYRIGHT_NOTE);
  await shoot(page, 'index');

  // Open a framework: its group headings as headings and its clauses as rows.
  const f11 = FRAMEWORKS.find((f) => f.code === '21CFR11')!;
  await page.locator('[data-framework="21CFR11"]').getByRole('link', { name: f11.shortName }).click();
  await expect(page).toHaveURL(/\/library\/21CFR11$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(f11.shortName);
  await expect(page.getByTestId('clause')).toHaveCount(f11.clauses.filter((c) => !c.group).length);
  await expect(page.getByTestId('clause-heading')).toHaveCount(f11.clauses.filter((c) => c.group).length);
  await expect(page.locator('[data-test="clause"][data-clause="11.10"]')).toContainText(f11.clauses.find((c) => c.id === '11.10')!.title);
  await expect(page.getByTestId('source-link')).toHaveAttribute('href', f11.source.url);
  await shoot(page, 'framework');

  // Search within it: the address keeps the query; Clear goes back to the whole list.
  await page.getByLabel(`Search ${f11.shortName} clause ids and titles`).fill('signature');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/library\/21CFR11\?q=signature$/);
  const hits = page.getByTestId('search-results').getByTestId('clause');
  await expect(hits.first()).toBeVisible();
  for (const id of await hits.evaluateAll((els) => els.map((e) => e.getAttribute('data-clause')!))) {
    expect(`${id} ${f11.clauses.find((c) => c.id === id)!.title}`.toLowerCase()).toContain('signature');
  }
  await page.getByTestId('search-clear').click();
  await expect(page).toHaveURL(/\/library\/21CFR11$/);

  // A copyrighted standard says what is and is not here.
  await page.goto(`/library/${copyrighted.code}`);
  await expect(page.getByTestId('copyright-note')).toHaveText(COPYRIGHT_NOTE);
  expect(problems).toEqual([]);
});

test('search across the library: hits grouped by framework, each linking to its clause; bounded', async ({ page }) => {
  await page.goto('/library');
  await page.getByLabel('Search clause ids and titles across the library').fill('electronic signature');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/library\?q=electronic\+signature$/);
  const group = page.locator('[data-test="search-group"][data-framework="21CFR11"]');
  await expect(group).toBeVisible();
  await expect(group.locator('[data-clause="11.100"]')).toBeVisible();
  await shoot(page, 'search');
  await group.locator('[data-clause="11.100"]').getByRole('link', { name: '11.100' }).click();
  await expect(page).toHaveURL(/\/library\/21CFR11#c-11\.100$/);
  await expect(page.locator('[data-test="clause"][data-clause="11.100"]')).toBeInViewport();

  // Nothing found, and a search too long for the form: said plainly.
  await page.goto('/library?q=zzzz-no-such-clause');
  await expect(page.getByRole('heading', { level: 2, name: /No clause id or title contains/ })).toBeVisible();
  await page.goto(`/library?q=${'x'.repeat(300)}`);
  // (Next's route announcer is an alert too.)
  await expect(page.getByRole('alert').filter({ hasText: 'That search is too long' })).toBeVisible();

  // A one-letter search over the whole library lists at most 200 hits and says how many more there are.
  await page.goto('/library?q=e');
  const total = FRAMEWORKS.flatMap((f) => f.clauses).filter((c) => `${c.id} ${c.title}`.toLowerCase().includes('e')).length;
  await expect(page.getByTestId('search-results').getByTestId('clause')).toHaveCount(Math.min(total, 200));
  if (total > 200) await expect(page.getByTestId('search-omitted')).toContainText(`${total - 200} more`);
});

test('a withdrawn id is struck through with its note and a link to its replacement', async ({ page }) => {
  // TODO(lead): no framework ships a withdrawn id with a replacement yet; once one does this test runs.
  test.skip(!withWithdrawn, 'no framework in the library has a withdrawn id with replacedBy yet');
  const f = withWithdrawn!;
  const c = f.clauses.find((x) => x.withdrawn?.replacedBy?.length)!;
  await page.goto(`/library/${f.code}`);
  const row = page.locator(`[data-clause="${c.id}"]`).first();
  await expect(row.locator('del, .line-through').first()).toHaveText(c.id);
  await expect(row.getByTestId('withdrawn')).toContainText(`withdrawn: ${c.withdrawn!.note}`);
  const to = c.withdrawn!.replacedBy![0]!;
  await row.getByRole('link', { name: to, exact: true }).click();
  await expect(page.locator(`[data-clause="${to}"]`).first()).toBeInViewport();
  await shoot(page, 'withdrawn');
});

test('a superseded edition says so and links to its successor', async ({ page }) => {
  // TODO(lead): no superseded edition names its successor yet; once one does this test runs.
  test.skip(!superseded, 'no superseded framework with supersededBy in the library yet');
  const f = superseded!;
  const next = FRAMEWORKS.find((x) => x.code === f.supersededBy)!;
  await page.goto(`/library/${f.code}`);
  const banner = page.getByTestId('superseded-banner');
  await expect(banner).toContainText('This edition is superseded');
  if (f.successorMap) await expect(banner.getByTestId('successor-map').locator('tbody tr')).toHaveCount(Object.keys(f.successorMap).length);
  await shoot(page, 'superseded');
  await banner.getByRole('link', { name: new RegExp(next.shortName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().click();
  await expect(page).toHaveURL(new RegExp(`/library/${next.code}$`));
});

test('unknown framework pages are 404; a lower-case code goes to its page', async ({ page }) => {
  const res = await page.goto('/library/NO-SUCH-FRAMEWORK');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.goto('/library/iso9001');
  await expect(page).toHaveURL(/\/library\/ISO9001$/);
});

test('GET /api/v1/frameworks/{code}: public, 200 with clauses, ?q= filters, 404 unknown, 400 malformed', async ({ request }) => {
  const list = await request.get('/api/v1/frameworks');
  expect(list.status()).toBe(200);
  expect(((await list.json()) as { frameworks: unknown[] }).frameworks).toHaveLength(FRAMEWORKS.length);

  const f11 = FRAMEWORKS.find((f) => f.code === '21CFR11')!;
  const res = await request.get('/api/v1/frameworks/21CFR11');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe('no-store');
  const body = (await res.json()) as { framework: { code: string; coverageNote: string; text: string; clauses: { id: string; title: string; group?: true }[] } };
  expect(body.framework).toMatchObject({ code: '21CFR11', coverageNote: f11.coverageNote, text: f11.text });
  expect(body.framework.clauses.map((c) => c.id)).toEqual(f11.clauses.map((c) => c.id));
  expect(body.framework.clauses.find((c) => c.id === 'Subpart A')?.group).toBe(true);

  const q = (await (await request.get('/api/v1/frameworks/21CFR11?q=signature')).json()) as { query: string; framework: { clauses: { id: string; title: string }[] } };
  expect(q.query).toBe('signature');
  expect(q.framework.clauses.length).toBeGreaterThan(0);
  expect(q.framework.clauses.every((c) => `${c.id} ${c.title}`.toLowerCase().includes('signature'))).toBe(true);

  const missing = await request.get('/api/v1/frameworks/NOPE');
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toEqual({ error: { code: 'not_found', message: expect.stringContaining('NOPE') } });

  for (const bad of ['iso 9001', 'a'.repeat(60), '-X', 'iso9001']) {
    const r = await request.get(`/api/v1/frameworks/${encodeURIComponent(bad)}`);
    expect(r.status(), bad).toBe(400);
    expect(((await r.json()) as { error: { code: string } }).error.code, bad).toBe('validation_failed');
  }
  expect((await request.get(`/api/v1/frameworks/21CFR11?q=${'x'.repeat(300)}`)).status()).toBe(400);
});

test('the library pages have no WCAG 2 A/AA violations that axe can find', async ({ page }) => {
  const pages = ['/library', '/library?q=control', '/library/21CFR11', '/library/21CFR11?q=signature', `/library/${copyrighted.code}`];
  if (withWithdrawn) pages.push(`/library/${withWithdrawn.code}`);
  if (superseded) pages.push(`/library/${superseded.code}`);
  const violations: string[] = [];
  for (const p of pages) {
    await page.goto(p);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(result.passes.length, p).toBeGreaterThan(10);
    for (const v of result.violations) violations.push(`${p} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  }
  expect(violations).toEqual([]);
});

test('signed in, the app header links to the library', async ({ page }) => {
  await signUpAndConfirm(page, uniqueEmail('library'));
  await page.goto('/o');
  await page.getByRole('banner').getByRole('link', { name: 'Library' }).click();
  await expect(page).toHaveURL(/\/library$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regulation library');
});
