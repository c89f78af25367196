/**
 * The training matrix page (/o/{slug}/training) and its downloads: an owner with an effective
 * SOP assigns it to the approvers' role through the API; the matrix shows the approver Pending
 * and the owner Not assigned; the status filter keeps the address; the CSV and the Excel
 * workbook download with the filters and parse. The clock is never moved here (overdue and
 * current cells are covered by tests/db/training-matrix.test.ts).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { parseCsv } from '@/lib/audit/csv-format';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { createOrg, joinAs } from './support/orgs';
import { makeEffective, memberId, sopWithVersion } from './support/signing';

const SHOTS = 'test-results/screens';

async function download(page: Page, testId: string, dir: string, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const target = path.join(dir, name);
  await file.saveAs(target);
  return readFileSync(target);
}

test('training matrix: Pending for the assigned role, Not assigned for others, status filter, CSV and Excel downloads', async ({ browser }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'matrix-e2e-'));
  const owner = await (await browser.newContext({ acceptDownloads: true })).newPage();
  const ownerEmail = uniqueEmail('matrixowner');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `Matrix ${ownerEmail.slice(12, 20)}`);
  const org = `/api/v1/orgs/${slug}`;

  // An empty organization: the tab is there, and the page says what will show.
  await owner.goto(`/o/${slug}`);
  await owner.getByTestId('org-tabs').getByRole('link', { name: 'Training' }).click();
  await expect(owner).toHaveURL(new RegExp(`/o/${slug}/training$`));
  await expect(owner.getByTestId('matrix-empty')).toContainText('No SOP is effective yet');
  await owner.setViewportSize({ width: 1280, height: 900 });
  await owner.screenshot({ path: `${SHOTS}/matrix-empty.png`, fullPage: true });

  const approverEmail = uniqueEmail('matrixapprover');
  const approver = await joinAs(browser, owner, org, approverEmail, 'approver', 'Paula Approver');
  const approverId = await memberId(owner, org, approverEmail);
  const one = await sopWithVersion(owner, org, 'Line clearance');
  await makeEffective(owner, approver, one.versionUrl, approverId);
  const two = await sopWithVersion(owner, org, 'Allergen changeover');
  await makeEffective(owner, approver, two.versionUrl, approverId);
  const res = await owner.request.post(`${one.sopUrl}/training-assignments`, { data: { kind: 'role', role: 'approver' } });
  expect(res.status(), await res.text()).toBe(201);

  // The matrix: people × SOPs, the approver Pending (with a due date), everyone else "—".
  await owner.goto(`/o/${slug}/training`);
  const table = owner.getByRole('table', { name: 'Training status by person (rows) and SOP (columns)' });
  await expect(table.getByRole('columnheader')).toHaveCount(3);
  await expect(table.getByRole('columnheader').nth(1)).toContainText('Line clearance');
  await expect(table.getByRole('columnheader').nth(1)).toContainText('rev 1.0');
  const paula = table.getByRole('row').filter({ has: owner.getByRole('rowheader', { name: /Paula Approver/ }) });
  const olga = table.getByRole('row').filter({ has: owner.getByRole('rowheader', { name: /Olga Owner/ }) });
  await expect(paula.getByRole('cell').nth(0)).toContainText('Pending');
  await expect(paula.getByRole('cell').nth(0)).toContainText(/due \d{4}-\d{2}-\d{2}/);
  await expect(paula.getByRole('cell').nth(1)).toHaveText('—Not assigned');
  await expect(olga.getByRole('cell').nth(0)).toHaveText('—Not assigned');
  await expect(owner.getByTestId('matrix-summary')).toContainText('0 of 1 required acknowledgement current, 1 pending, 0 overdue');
  await owner.screenshot({ path: `${SHOTS}/matrix-data-1280.png`, fullPage: true });
  const axe = await new AxeBuilder({ page: owner }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // Filter by status through the GET form: the address keeps it; only the approver's row.
  await owner.getByLabel('People with a status').selectOption('pending');
  await owner.getByRole('button', { name: 'Filter' }).click();
  await expect(owner).toHaveURL(/[?&]status=pending/);
  await expect(table.getByRole('rowheader')).toHaveCount(1);
  await expect(table.getByRole('rowheader')).toContainText('Paula Approver');
  await expect(owner.locator('[data-status="pending"]')).toHaveClass(/outline/);
  await owner.screenshot({ path: `${SHOTS}/matrix-filtered-1280.png`, fullPage: true });

  // The downloads keep the filter and parse: CSV (BOM, one record per person × SOP) and xlsx.
  await expect(owner.getByTestId('matrix-export-csv')).toHaveAttribute('href', `${org}/training/matrix.csv?status=pending`);
  const csv = (await download(owner, 'matrix-export-csv', dir, 'matrix.csv')).toString('utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const rows = parseCsv(csv);
  expect(rows[0]).toEqual(['Person', 'Email', 'Department', 'Role', 'SOP number', 'SOP title', 'Revision', 'Status', 'Due (UTC)', 'Acknowledged at (UTC)', 'Acknowledged revision']);
  expect(rows.slice(1).map((r) => [r[0], r[5], r[7]])).toEqual([
    ['Paula Approver', 'Line clearance', 'Pending'],
    ['Paula Approver', 'Allergen changeover', 'Not assigned'],
  ]);
  expect(rows[1]![8]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  const xlsx = await download(owner, 'matrix-export-xlsx', dir, 'matrix.xlsx');
  const files = unzipSync(new Uint8Array(xlsx));
  expect(strFromU8(files['xl/workbook.xml']!)).toContain('name="Training matrix"');
  const strings = strFromU8(files['xl/sharedStrings.xml']!);
  for (const s of ['Paula Approver', 'Pending', 'Not assigned', 'Olga Owner', 'Status: Pending']) expect(strings).toContain(s);

  // The exports are in the audit trail.
  const trail = (await (await owner.request.get(`${org}/audit?action=training.matrix_exported`)).json()) as { events: { description: string }[] };
  expect(trail.events.map((e) => e.description)).toEqual([
    'Olga Owner exported the training matrix as an Excel workbook (filtered by status)',
    'Olga Owner exported the training matrix as CSV data (filtered by status)',
  ]);

  // 390 px: the person column stays, the SOPs scroll sideways.
  await owner.goto(`/o/${slug}/training`);
  await owner.setViewportSize({ width: 390, height: 844 });
  await expect(table.getByRole('rowheader').first()).toBeVisible();
  const scroller = owner.getByTestId('matrix-scroll');
  await scroller.scrollIntoViewIfNeeded();
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await scroller.evaluate((el) => el.scrollBy({ left: 400 }));
  expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expect(table.getByRole('rowheader', { name: /Paula Approver/ })).toBeInViewport();
  await expect(table.getByRole('columnheader', { name: 'Person' })).toBeInViewport();
  expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390); // only the matrix scrolls sideways, not the page
  await owner.screenshot({ path: `${SHOTS}/matrix-390.png`, fullPage: true });

  // Every member reads it; a bad filter is a message, not an error page; the API refuses it (400).
  await approver.goto(`/o/${slug}/training?status=late`);
  await expect(approver.getByTestId('matrix-filter-error')).toContainText('status is one of');
  await expect(approver.getByRole('rowheader')).toHaveCount(2);
  expect((await approver.request.get(`${org}/training/matrix?status=late`)).status()).toBe(400);
  const json = (await (await approver.request.get(`${org}/training/matrix?sop=${two.sopId}`)).json()) as { sops: { title: string }[]; cells: { status: string }[] };
  expect(json.sops.map((s) => s.title)).toEqual(['Allergen changeover']);
  expect(json.cells.map((c) => c.status)).toEqual(['not_assigned', 'not_assigned']);
});
