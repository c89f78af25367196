/**
 * The audit trail as an inspector uses it, in Chromium against the production build: the
 * page tells events in words with people's names, its GET filters work, the CSV downloads and
 * `npm run audit:verify` proves it intact (and, with --since and the published key, that a
 * later export extends it); one byte changed in a row makes it exit 1 naming that row. The
 * access report names who held which role, including a removed member. A viewer gets 403.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg, joinAs } from './support/orgs';

const root = path.resolve(__dirname, '../..');
const verify = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'audit:verify', '--', ...args], { cwd: root, encoding: 'utf8' });

async function download(page: Page, testId: string, dir: string, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const target = path.join(dir, name);
  await file.saveAs(target);
  return target;
}

test('audit trail: words with names, filters, CSV that audit:verify proves intact and catches one changed byte, access report, 403 for a viewer', async ({ browser }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-e2e-'));
  const owner = await (await browser.newContext({ acceptDownloads: true })).newPage();
  const ownerEmail = uniqueEmail('auditowner');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `Audit ${ownerEmail.slice(11, 19)}`);
  const org = `/api/v1/orgs/${slug}`;

  let res = await owner.request.post(`${org}/sops`, { data: { title: 'Line clearance', content: sopContent() } });
  expect(res.status(), await res.text()).toBe(201);
  const { sop } = (await res.json()) as { sop: { id: string; docNumber: string } };
  res = await owner.request.post(`${org}/sops/${sop.id}/versions`, { headers: { 'if-match': res.headers()['etag']! }, data: { changeSummary: 'First version' } });
  expect(res.status(), await res.text()).toBe(201);
  res = await owner.request.post(`${org}/sops`, { data: { title: 'Glass breakage' } });
  expect(res.status()).toBe(201);

  const viewerEmail = uniqueEmail('auditviewer');
  const viewer = await joinAs(browser, owner, org, viewerEmail, 'viewer', 'Vic Viewer');
  const leaverEmail = uniqueEmail('auditleaver');
  const leaver = await joinAs(browser, owner, org, leaverEmail, 'author', 'Rita Removed');
  const members = (await (await owner.request.get(`${org}/members`)).json()) as { members: { userId: string; email: string }[] };
  const rita = members.members.find((m) => m.email === leaverEmail)!;
  res = await owner.request.delete(`${org}/members/${rita.userId}`);
  expect(res.status(), await res.text()).toBeLessThan(300);
  await leaver.context().close();

  // The owner makes the viewer an approver on the members page (an audited role change).
  await owner.goto(`/o/${slug}/members`);
  const row = owner.getByTestId('member-row').filter({ hasText: viewerEmail });
  await row.getByLabel('Role').selectOption('approver');
  await row.getByRole('button', { name: 'Change role' }).click();
  await expect(row.getByText('Role changed.')).toBeVisible();

  // A viewer… is now an approver and may read the trail; a fresh viewer may not.
  const plainEmail = uniqueEmail('auditplain');
  const plain = await joinAs(browser, owner, org, plainEmail, 'viewer', 'Pia Plain');
  res = await plain.request.get(`${org}/audit`);
  expect(res.status()).toBe(403);
  expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'Your role cannot read the audit trail of this organization.' } });
  expect((await plain.request.get(`${org}/audit/export.csv`)).status()).toBe(403);
  expect((await plain.request.get(`${org}/audit/access`)).status()).toBe(403);
  await plain.goto(`/o/${slug}/audit`);
  await expect(plain.getByTestId('audit-refused')).toBeVisible();
  await expect(plain.getByRole('link', { name: 'Audit trail' })).toHaveCount(0);
  res = await viewer.request.get(`${org}/audit?limit=5`);
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { events: unknown[] }).events).toHaveLength(5);

  // Bad filters are 400 naming the field, never 500.
  for (const q of ['limit=500', 'sop=nope', 'from=2026-13-45', 'action=DROP%20TABLE', 'action=nogroup', 'cursor=-1', 'from=2026-12-02&to=2026-12-01']) {
    res = await owner.request.get(`${org}/audit?${q}`);
    expect(res.status(), q).toBe(400);
  }

  // The page: events in words, with names.
  await owner.goto(`/o/${slug}`);
  await owner.getByRole('link', { name: 'Audit trail', exact: true }).click();
  await expect(owner).toHaveURL(new RegExp(`/o/${slug}/audit$`));
  const words = owner.getByTestId('audit-description');
  await expect(words.filter({ hasText: `Olga Owner created ${sop.docNumber} “Line clearance”` })).toHaveCount(1);
  await expect(words.filter({ hasText: 'Vic Viewer was given the role Approver (was Viewer) by Olga Owner' })).toHaveCount(1);
  await expect(words.filter({ hasText: 'Rita Removed (Author) was removed by Olga Owner' })).toHaveCount(1);
  await expect(words.filter({ hasText: 'Vic Viewer joined as Viewer' })).toHaveCount(1);
  await owner.screenshot({ path: 'test-results/screens/audit-trail.png', fullPage: true });

  // Filters (a GET form): action group, then SOP, then a date range with nothing in it.
  await owner.getByLabel('Action').selectOption('access');
  await owner.getByRole('button', { name: 'Filter' }).click();
  await expect(owner).toHaveURL(/action=access/);
  const actions = await owner.getByTestId('audit-event').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
  expect(actions.length).toBeGreaterThan(3);
  expect(actions.every((a) => /^(member|invite)\./.test(a!))).toBe(true);
  await owner.getByLabel('Action').selectOption('');
  await owner.getByLabel('SOP', { exact: true }).selectOption(sop.id);
  await owner.getByRole('button', { name: 'Filter' }).click();
  await expect(owner.getByRole('heading', { name: `Audit trail of ${sop.docNumber} Line clearance` })).toBeVisible();
  await expect(words.filter({ hasText: 'Glass breakage' })).toHaveCount(0);
  await expect(words.filter({ hasText: `saved ${sop.docNumber} “Line clearance” version 0.1` })).toHaveCount(1);
  await owner.getByLabel('From (UTC)').fill('2000-01-01');
  await owner.getByLabel('To (UTC, inclusive)').fill('2000-01-02');
  await owner.getByRole('button', { name: 'Filter' }).click();
  await expect(owner.getByTestId('audit-empty')).toBeVisible();

  // The SOP page links to its trail.
  await owner.goto(`/o/${slug}/sops/${sop.id}`);
  await owner.getByTestId('sop-audit-link').click();
  await expect(owner).toHaveURL(new RegExp(`/o/${slug}/audit\\?sop=${sop.id}$`));

  // The complete CSV: audit:verify proves it intact, offline.
  await owner.goto(`/o/${slug}/audit`);
  const first = await download(owner, 'audit-export-csv', dir, 'first.csv');
  let run = verify(first);
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/intact/);
  const csv = readFileSync(first, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('seq,created_at,org_id,actor_id,action,target_type,target_id,data,reason,prev_hash,hash,actor_email,actor_name,description');
  expect(csv).toMatch(/audit\.exported/);

  // Its export was audited, and the page says so.
  await owner.reload();
  await expect(words.first()).toHaveText('Olga Owner exported the audit trail as CSV data');

  // One byte changed in one row: exit 1, naming that row.
  const lines = csv.split('\r\n');
  const i = lines.findIndex((l) => l.includes('sop.created') && l.includes('Line clearance'));
  const seq = lines[i]!.split(',')[0]!;
  lines[i] = lines[i]!.replace('Line clearance', 'Line clearancf');
  const altered = path.join(dir, 'altered.csv');
  writeFileSync(altered, lines.join('\r\n'));
  run = verify(altered);
  expect(run.status, run.stdout).toBe(1);
  expect(run.stdout).toContain(`row seq ${seq} (sop.created) was altered`);

  // A later export extends the earlier one, checked against the published key.
  const key = path.join(dir, 'key.json');
  res = await owner.request.get('/.well-known/sopwright-audit-key.json');
  expect(res.status()).toBe(200);
  writeFileSync(key, await res.text());
  const second = await download(owner, 'audit-export-csv', dir, 'second.csv');
  run = verify(second, '--since', first, '--key', key);
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/extends the earlier export/);
  run = verify(first, '--since', second, '--key', key);
  expect(run.status, run.stdout).toBe(1);

  // A filtered CSV is for reading: audit:verify says it cannot prove completeness.
  await owner.goto(`/o/${slug}/audit?action=access`);
  run = verify(await download(owner, 'audit-export-csv', dir, 'filtered.csv'));
  expect(run.status, run.stdout).toBe(2);

  // The Word export downloads.
  const docx = await download(owner, 'audit-export-docx', dir, 'trail.docx');
  expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');

  // Access report: who held which role from when to when, the removed member by name.
  await owner.goto(`/o/${slug}/audit`);
  await owner.getByTestId('access-report-link').click();
  const periods = owner.getByTestId('access-period');
  await expect(periods.filter({ hasText: 'Rita Removed' })).toContainText('removed by Olga Owner');
  await expect(periods.filter({ hasText: 'Vic Viewer' })).toHaveCount(2);
  await expect(periods.filter({ hasText: 'Vic Viewer' }).filter({ hasText: 'still held' })).toContainText('Approver');
  await expect(periods.filter({ hasText: 'Olga Owner' }).first()).toContainText('Owner');
  await expect(periods.filter({ hasText: 'Vic Viewer' }).first()).toContainText('Olga Owner (invitation)');
  await expect(periods.filter({ hasText: 'Vic Viewer' }).first()).toContainText('role changed to Approver by Olga Owner');
  await owner.screenshot({ path: 'test-results/screens/audit-access-report.png', fullPage: true });
  res = await owner.request.get(`${org}/audit/access/export.csv`);
  expect(res.status()).toBe(200);
  const access = await res.text();
  expect(access.split('\r\n')[0]).toBe('user_id,name,email,role,from_utc,to_utc,granted_by,ended');
  expect(access).toContain('Rita Removed');
});
