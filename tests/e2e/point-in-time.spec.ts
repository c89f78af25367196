/**
 * "What was in effect on a date" in the browser and over the API: 1.0 is made effective, then
 * 2.0; asked "as of" a moment between the two (real times, to the second — the clock is never
 * moved here), the SOP list's As-of form and the per-SOP view show 1.0 with its approver, and
 * the API answers the same. A malformed or future moment is a clear message, never a 500.
 */
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, signUpAndConfirm, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg, joinAs } from './support/orgs';
import { memberId, sopWithVersion } from './support/signing';

const SHOTS = 'test-results/screens';

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SHOTS}/asof-${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/asof-${name}-390.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} is wider than 390 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('as of a moment between 1.0 and 2.0: the list and the SOP show 1.0 with its approver; bad and future moments are refused clearly', async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = await (await browser.newContext()).newPage();
  const ownerEmail = uniqueEmail('asof');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `As of ${ownerEmail.slice(5, 13)}`);
  const org = `/api/v1/orgs/${slug}`;
  const approverEmail = uniqueEmail('asofappr');
  const approver = await joinAs(browser, owner, org, approverEmail, 'approver', 'Paul Approver');
  const approverId = await memberId(owner, org, approverEmail);
  const { sopId, versionId, sopUrl } = await sopWithVersion(owner, org, 'Line clearance');
  const draft = await sopWithVersion(owner, org, 'Forklift check'); // never effective

  const approve = async (id: string, reason: string): Promise<number> => {
    let res = await owner.request.post(`${sopUrl}/versions/${id}/submit`, { data: { revisionKind: 'major', reason, reviewers: [], approvers: [approverId], password: PASSWORD } });
    expect(res.status(), await res.text()).toBe(200);
    res = await approver.request.post(`${sopUrl}/versions/${id}/signatures`, { data: { meaning: 'approved', password: PASSWORD } });
    expect(res.status(), await res.text()).toBe(201);
    const { lifecycle } = (await res.json()) as { lifecycle: { state: string; effectiveAt: string } };
    expect(lifecycle.state).toBe('effective');
    return Date.parse(lifecycle.effectiveAt);
  };
  const first = await approve(versionId, 'First issue');
  // Paul must read it (a task for revision 1, due in 14 days).
  let res = await owner.request.post(`${sopUrl}/training-assignments`, { data: { kind: 'person', userId: approverId } });
  expect(res.status(), await res.text()).toBe(201);
  const assigned = Date.parse(((await res.json()) as { assignment: { createdAt: string } }).assignment.createdAt);
  // The moment asked about: the first whole second after both, and 2.0 only after it.
  const between = new Date(Math.floor(Math.max(first, assigned) / 1000) * 1000 + 1000);
  await expect.poll(() => Date.now(), { timeout: 5_000 }).toBeGreaterThan(between.getTime() + 1000);
  res = await owner.request.get(sopUrl);
  res = await owner.request.patch(sopUrl, { headers: { 'if-match': res.headers()['etag']! }, data: { content: sopContent({ purpose: 'Revised: a second check' }) } });
  expect(res.status(), await res.text()).toBe(200);
  res = await owner.request.post(`${sopUrl}/versions`, { headers: { 'if-match': res.headers()['etag']! }, data: { changeSummary: 'Adds a second check' } });
  const v2 = ((await res.json()) as { version: { id: string } }).version.id;
  const second = await approve(v2, 'Second issue');
  expect(second).toBeGreaterThan(between.getTime());

  // From the SOP list: the As-of form, in UTC to the second.
  await owner.goto(`/o/${slug}/sops`);
  await shoot(owner, 'sop-list-form');
  await owner.getByLabel('As of (UTC)').fill(between.toISOString().slice(0, 19));
  await owner.getByTestId('as-of-submit').click();
  await expect(owner).toHaveURL(new RegExp(`/sops/as-of\\?at=${encodeURIComponent(between.toISOString().slice(0, 19) + 'Z')}`));
  await expect(owner.getByTestId('as-of-heading')).toHaveText(`In effect on ${between.toISOString().slice(0, 19).replace('T', ' ')} UTC`);
  const item = owner.getByTestId('as-of-item');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('as-of-revision')).toHaveText('Revision 1.0');
  await expect(item.getByTestId('approvers')).toContainText('Paul Approver');
  await expect(item.getByTestId('approvers')).toContainText('Olga Owner');
  await expect(item.getByTestId('not-acknowledged')).toContainText('Paul Approver');
  await expect(item.getByTestId('acknowledged')).toContainText('Nobody yet');
  await expect(owner.getByTestId('not-in-effect')).toContainText('Forklift check');
  await expect(owner.getByTestId('not-in-effect-status')).toHaveText('not yet effective');
  await shoot(owner, 'list');

  // The same SOP on its own, with the revision after it; the revision links to its version page.
  await item.getByTestId('as-of-sop-link').click();
  await expect(owner).toHaveURL(new RegExp(`/sops/${sopId}/as-of\\?at=`));
  await expect(owner.getByTestId('as-of-revision')).toHaveText('Revision 1.0');
  await expect(owner.getByTestId('as-of-revision')).toHaveAttribute('href', `/o/${slug}/sops/${sopId}/versions/${versionId}`);
  await expect(owner.getByTestId('timeline-next')).toContainText('Revision 2.0');
  await expect(owner.getByTestId('timeline-previous')).toContainText('None');
  await shoot(owner, 'sop');

  // Now (default): 2.0. Before 1.0: nothing in effect, 1.0 next.
  const now = (await (await owner.request.get(`${sopUrl}/effective`)).json()) as { effective: { revisionLabel: string; versionId: string }; previous: { revisionLabel: string } };
  expect(now.effective).toMatchObject({ revisionLabel: '2.0', versionId: v2 });
  expect(now.previous.revisionLabel).toBe('1.0');
  await owner.goto(`/o/${slug}/sops/${sopId}/as-of?at=${new Date(first - 60_000).toISOString()}`);
  await expect(owner.getByTestId('as-of-none')).toContainText('No revision of this SOP was effective yet');
  await expect(owner.getByTestId('timeline-next')).toContainText('Revision 1.0');

  // The API: the list at that moment, one SOP, and the refusals.
  const at = encodeURIComponent(between.toISOString());
  const list = (await (await owner.request.get(`${org}/sops?effectiveAt=${at}`)).json()) as { at: string; items: { sopId: string; revisionLabel: string; versionId: string; approvers: { name: string; meaning: string }[] }[] };
  expect(list.at).toBe(between.toISOString());
  expect(list.items).toEqual([expect.objectContaining({ sopId, revisionLabel: '1.0', versionId })]);
  expect(list.items[0]!.approvers.find((a) => a.meaning === 'approved')!.name).toBe('Paul Approver');
  expect((list.items[0] as unknown as { notAcknowledged: { name: string; overdue: boolean }[] }).notAcknowledged).toEqual([expect.objectContaining({ name: 'Paul Approver', overdue: false })]);
  expect(((await (await owner.request.get(`${org}/sops`)).json()) as { items: unknown[]; nextCursor: unknown }).items).toHaveLength(2); // the default list is unchanged
  expect((list as unknown as { notInEffect: { sopId: string; status: string }[] }).notInEffect).toEqual([expect.objectContaining({ sopId: draft.sopId, status: 'not_yet_effective' })]);
  const one = (await (await owner.request.get(`${sopUrl}/effective?at=${at}`)).json()) as { effective: { revisionLabel: string }; next: { revisionLabel: string } };
  expect(one.effective.revisionLabel).toBe('1.0');
  expect(one.next.revisionLabel).toBe('2.0');
  for (const bad of ['yesterday', '2026-06-01T14:00:00', '2026-02-30T00:00:00Z']) {
    res = await owner.request.get(`${org}/sops?effectiveAt=${encodeURIComponent(bad)}`);
    expect(res.status(), bad).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/ISO 8601/);
    expect((await owner.request.get(`${sopUrl}/effective?at=${encodeURIComponent(bad)}`)).status(), bad).toBe(400);
  }
  const future = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
  res = await owner.request.get(`${sopUrl}/effective?at=${future}`);
  expect(res.status()).toBe(422);
  expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/in the future/);
  expect((await owner.request.get(`${org}/sops?effectiveAt=${future}`)).status()).toBe(422);

  // The pages say so too.
  await owner.goto(`/o/${slug}/sops/as-of?at=not-a-date`);
  await expect(owner.getByTestId('as-of-error')).toContainText('ISO 8601');
  await shoot(owner, 'error-malformed');
  await owner.goto(`/o/${slug}/sops/as-of?at=${future}`);
  await expect(owner.getByTestId('as-of-error')).toContainText('is in the future');
  await shoot(owner, 'error-future');
  await owner.goto(`/o/${slug}/sops/as-of?at=2020-01-01T00:00:00Z`);
  await expect(owner.getByTestId('as-of-empty')).toBeVisible();

  // Reached from the SOP's history too.
  await owner.goto(`/o/${slug}/sops/${sopId}/history`);
  await owner.getByTestId('as-of-link').click();
  await expect(owner.getByTestId('as-of-heading')).toContainText('on a date');
});
