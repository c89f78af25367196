/**
 * Compliance coverage (/o/{slug}/compliance and /o/{slug}/compliance/{code}) and the evidence
 * export: an owner with one effective SOP and one draft follows ISO 9001 and HACCP and maps
 * clauses (seeded as the owner through the suite's seeding route, support/compliance.ts); the
 * charts count effective / draft only / not covered, proposed suggestions and unknown ids do
 * not count, the clause table filters by status and text through the address, a framework not
 * followed still reads, an unknown code is the 404 page, and the Excel evidence downloads and
 * opens in exceljs with the approver and training. The clock is never moved here.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { percent } from '@/components/dashboard/chart-math';
import { parseCsv } from '@/lib/audit/csv-format';
import { getFramework, leafClauses } from '@/lib/library';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { seedCompliance } from './support/compliance';
import { createOrg, joinAs } from './support/orgs';
import { makeEffective, memberId, sopWithVersion } from './support/signing';

const SHOTS = process.env.E2E_SHOTS_DIR ?? 'test-results/screens';
const ISO_TOTAL = leafClauses(getFramework('ISO9001')!).length;
const HACCP_TOTAL = leafClauses(getFramework('HACCP')!).length;

async function download(page: Page, testId: string, dir: string, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const target = path.join(dir, name);
  await file.saveAs(target);
  return readFileSync(target);
}

async function shots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    const wide = await page.evaluate((w) => [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > w + 1).slice(0, 8).map((el) => `${el.tagName}.${el.className}`.slice(0, 120)), width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width}px scrolls sideways: ${wide.join(' | ')}`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `${SHOTS}/coverage-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('compliance coverage: charts, clause table with filters, not followed, 404, evidence downloads', async ({ browser }) => {
  test.setTimeout(240_000);
  const dir = process.env.E2E_DOWNLOADS_DIR ?? mkdtempSync(path.join(tmpdir(), 'coverage-e2e-'));
  const owner = await (await browser.newContext({ acceptDownloads: true })).newPage();
  const ownerEmail = uniqueEmail('covowner');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `Coverage ${ownerEmail.slice(9, 17)}`);
  const org = `/api/v1/orgs/${slug}`;

  // No framework followed: the tab is there and says who picks them.
  await owner.goto(`/o/${slug}`);
  await owner.getByTestId('org-tabs').getByRole('link', { name: 'Compliance' }).click();
  await expect(owner).toHaveURL(new RegExp(`/o/${slug}/compliance$`));
  await expect(owner.getByTestId('compliance-empty')).toContainText('Owners and admins pick frameworks in Settings');
  await expect(owner.getByTestId('compliance-empty').getByRole('link', { name: 'Go to Settings' })).toHaveAttribute('href', `/o/${slug}/settings`);
  await shots(owner, 'empty');
  expect(((await (await owner.request.get(`${org}/compliance`)).json()) as { frameworks: unknown[] }).frameworks).toEqual([]);

  // One effective SOP (approved by Paula), one draft; training on the effective one for the approvers.
  const approverEmail = uniqueEmail('covapprover');
  const approver = await joinAs(browser, owner, org, approverEmail, 'approver', 'Paula Approver');
  const approverId = await memberId(owner, org, approverEmail);
  const control = await sopWithVersion(owner, org, 'Document control');
  await makeEffective(owner, approver, control.versionUrl, approverId);
  const audit = await sopWithVersion(owner, org, 'Internal audit');
  const res = await owner.request.post(`${control.sopUrl}/training-assignments`, { data: { kind: 'role', role: 'approver' } });
  expect(res.status(), await res.text()).toBe(201);

  await seedCompliance(owner, slug, {
    follow: ['ISO9001', 'HACCP'],
    map: [
      { sopId: control.sopId, framework: 'ISO9001', clause: '7.5.3' },
      { sopId: control.sopId, framework: 'ISO9001', clause: '8.5', origin: 'references' },
      { sopId: audit.sopId, framework: 'ISO9001', clause: '8.5' },
      { sopId: audit.sopId, framework: 'ISO9001', clause: '9.2' },
      { sopId: audit.sopId, framework: 'ISO9001', clause: '9.3', origin: 'suggested' },
      { sopId: control.sopId, framework: 'ISO9001', clause: '99.9' },
    ],
  });

  // The overview: a chart per followed framework, in library order, with the numbers in words.
  await owner.goto(`/o/${slug}/compliance`);
  const cards = owner.getByTestId('framework-card');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toHaveAttribute('data-code', 'HACCP');
  const iso = owner.getByTestId('chart-ISO9001');
  await expect(iso).toHaveAttribute('data-effective', '2');
  await expect(iso).toHaveAttribute('data-draft', '1');
  await expect(iso).toHaveAttribute('data-none', String(ISO_TOTAL - 3));
  await expect(iso.getByRole('img')).toHaveAttribute('aria-label', `ISO 9001: 2 of ${ISO_TOTAL} clauses effective (${percent(2, ISO_TOTAL)}%), 1 draft only (${percent(1, ISO_TOTAL)}%), ${ISO_TOTAL - 3} not covered (${percent(ISO_TOTAL - 3, ISO_TOTAL)}%)`);
  await expect(owner.getByTestId('chart-ISO9001-legend')).toContainText(`Effective 2 (${percent(2, ISO_TOTAL)}%)`);
  await expect(owner.getByTestId('chart-HACCP')).toHaveAttribute('data-none', String(HACCP_TOTAL));
  await expect(cards.nth(1)).toContainText('1 mapping to clause ids not in the library, not counted.');
  const summary = (await (await approver.request.get(`${org}/compliance`)).json()) as { frameworks: { framework: string; effective: number; draft: number; none: number; total: number }[] };
  expect(summary.frameworks.map((f) => [f.framework, f.effective, f.draft, f.none, f.total])).toEqual([
    ['HACCP', 0, 0, HACCP_TOTAL, HACCP_TOTAL],
    ['ISO9001', 2, 1, ISO_TOTAL - 3, ISO_TOTAL],
  ]);
  await shots(owner, 'overview');
  const axe = await new AxeBuilder({ page: owner }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // The framework page: chart, then the clause table with groups as section rows.
  await cards.nth(1).getByRole('link', { name: /Clause by clause/ }).click();
  await expect(owner).toHaveURL(new RegExp(`/o/${slug}/compliance/ISO9001$`));
  const row = (id: string) => owner.locator(`[data-test="clause-row"][data-clause="${id}"]`);
  await expect(row('7.5.3')).toHaveAttribute('data-status', 'effective');
  await expect(row('7.5.3')).toContainText('Document control');
  await expect(row('7.5.3')).toContainText('rev 1.0');
  await expect(row('7.5.3').getByRole('link', { name: /Document control/ })).toHaveAttribute('href', `/o/${slug}/sops/${control.sopId}`);
  await expect(row('8.5')).toHaveAttribute('data-status', 'effective');
  await expect(row('9.2')).toHaveAttribute('data-status', 'draft');
  await expect(row('9.2')).toContainText('Draft only');
  await expect(row('9.3')).toHaveAttribute('data-status', 'none'); // a proposed suggestion does not count
  await expect(owner.getByTestId('clause-group').first()).toContainText('Context of the organization');
  await expect(owner.getByTestId('uncounted')).toContainText('99.9');
  await shots(owner, 'framework');
  const axe2 = await new AxeBuilder({ page: owner }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe2.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // Filter by status through the GET form, then by text: the address keeps them.
  await owner.getByLabel('Status', { exact: true }).selectOption('draft');
  await owner.getByRole('button', { name: 'Filter' }).click();
  await expect(owner).toHaveURL(/[?&]status=draft/);
  await expect(owner.getByTestId('clause-row')).toHaveCount(1);
  await expect(owner.getByTestId('clause-group')).toHaveText(/Performance evaluation/);
  await expect(owner.getByTestId('clause-showing')).toHaveText(`1 of ${ISO_TOTAL} clauses match.`);
  await owner.goto(`/o/${slug}/compliance/ISO9001?q=internal`);
  await expect(owner.getByTestId('clause-row')).toHaveCount(4); // 8.5 (the SOP's title), 9.2, 9.2.1 and 9.2.2
  await owner.goto(`/o/${slug}/compliance/ISO9001?status=late`);
  await expect(owner.getByTestId('clause-filter-error')).toContainText('status is one of');
  expect((await owner.request.get(`${org}/compliance/ISO9001?status=late`)).status()).toBe(400);
  const json = (await (await approver.request.get(`${org}/compliance/iso9001?status=effective`)).json()) as { clauses: { id: string; group: boolean }[]; unknownClauseIds: string[] };
  expect(json.clauses.filter((c) => !c.group).map((c) => c.id)).toEqual(['7.5.3', '8.5']);
  expect(json.unknownClauseIds).toEqual(['99.9']);

  // A library framework the org does not follow reads, saying so; an unknown code is the 404 page.
  await owner.goto(`/o/${slug}/compliance/21CFR11`);
  await expect(owner.getByTestId('not-followed')).toContainText('not followed by your organization');
  const missing = await owner.goto(`/o/${slug}/compliance/NOPE`);
  expect(missing?.status()).toBe(404);
  await expect(owner.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  expect((await owner.request.get(`${org}/compliance/NOPE`)).status()).toBe(404);

  // The evidence: the Excel file from the button, opened with exceljs.
  await owner.goto(`/o/${slug}/compliance/ISO9001`);
  const xlsx = await download(owner, 'evidence-xlsx', dir, 'evidence.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(xlsx).buffer);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['Evidence', 'Coverage']);
  const sheet = wb.getWorksheet('Evidence')!;
  const col1 = sheet.getColumn(1).values;
  expect(sheet.getCell(col1.indexOf('Organization'), 2).value).toBe(`Coverage ${ownerEmail.slice(9, 17)}`);
  expect(sheet.getCell(col1.indexOf('Generated by'), 2).value).toBe(`Olga Owner <${ownerEmail}>`);
  const r = sheet.getRow(col1.indexOf('7.5.3'));
  expect([r.getCell(3).value, r.getCell(5).value, r.getCell(7).value]).toEqual(['Effective', 'Document control', '1.0']);
  expect(String(r.getCell(9).value)).toMatch(/^Paula Approver — Approved \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(r.getCell(10).value).toBe('0 of 1 current, 1 pending');
  expect(r.getCell(8).value).toBeInstanceOf(Date);
  expect(sheet.getRow(col1.indexOf('4.1')).getCell(4).value).toBe('Not covered');
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: col1.indexOf('Clause') });

  // CSV and Word from the API, with good names; a bad format is a 400; the exports are audited.
  const csvRes = await approver.request.get(`${org}/compliance/ISO9001/evidence?format=csv`);
  expect(csvRes.status()).toBe(200);
  const today = new Date().toISOString().slice(0, 10);
  expect(csvRes.headers()['content-disposition']).toContain(`evidence-ISO9001-${slug}-${today}.csv`);
  const csv = parseCsv(await csvRes.text());
  expect(csv.filter((x) => x[0] === '8.5').map((x) => [x[3], x[6]])).toEqual([[expect.stringMatching(/^SOP-/), '1.0'], [expect.stringMatching(/^SOP-/), 'No effective version']]);
  const docx = await owner.request.get(`${org}/compliance/ISO9001/evidence?format=docx`);
  expect(docx.status()).toBe(200);
  expect(docx.headers()['content-type']).toContain('wordprocessingml');
  expect((await owner.request.get(`${org}/compliance/ISO9001/evidence?format=pdf`)).status()).toBe(400);
  const trail = (await (await owner.request.get(`${org}/audit?action=compliance.evidence_exported`)).json()) as { events: { description: string }[] };
  expect(trail.events.map((e) => e.description)).toEqual([
    'Olga Owner exported the compliance evidence for ISO 9001 as a Word document',
    'Paula Approver exported the compliance evidence for ISO 9001 as CSV data',
    'Olga Owner exported the compliance evidence for ISO 9001 as an Excel workbook',
  ]);
});
