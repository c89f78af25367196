/**
 * The Word export over HTTP shows document control as it is (21 CFR 11.50): an SOP submitted and
 * approved through the signing API (passwords checked by the auth emulator) is exported with
 * "Effective <date>" in the page header and the approver's printed name, "Approved" and the UTC
 * time on the approvals page; once a revision is effective, the default export is the new
 * revision and ?version= of the old one is stamped SUPERSEDED. Also: a draft is "DRAFT — not
 * approved", ?version= of another SOP is 404 and a malformed one 400.
 *
 * The signed part needs POST …/versions/{id}/submit and …/signatures (the signing routes); it
 * is skipped, saying so, on a build without them.
 */
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { PASSWORD, signUpAndConfirm, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg, joinAs } from './support/orgs';

/** The page header(s) and the body of an exported .docx, as XML text. */
async function docxParts(res: APIResponse): Promise<{ header: string; body: string }> {
  expect(res.status(), res.status() === 200 ? '' : await res.text()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const files = unzipSync(new Uint8Array(await res.body()));
  const headers = Object.keys(files).filter((k) => /^word\/header\d*\.xml$/.test(k));
  return { header: headers.map((k) => strFromU8(files[k]!)).join('\n'), body: strFromU8(files['word/document.xml']!) };
}

async function newSop(page: Page, org: string, title: string): Promise<{ sopId: string; versionId: string; sopUrl: string }> {
  let res = await page.request.post(`${org}/sops`, { data: { title, content: sopContent() } });
  expect(res.status(), await res.text()).toBe(201);
  const { sop } = (await res.json()) as { sop: { id: string } };
  res = await page.request.post(`${org}/sops/${sop.id}/versions`, { headers: { 'if-match': res.headers()['etag']! }, data: { changeSummary: 'First version' } });
  expect(res.status(), await res.text()).toBe(201);
  return { sopId: sop.id, versionId: ((await res.json()) as { version: { id: string } }).version.id, sopUrl: `${org}/sops/${sop.id}` };
}

async function newVersionOf(page: Page, sopUrl: string, change: string): Promise<string> {
  let res = await page.request.get(sopUrl);
  const etag = res.headers()['etag']!;
  res = await page.request.patch(sopUrl, { headers: { 'if-match': etag }, data: { content: sopContent({ purpose: `Revised: ${change}` }) } });
  expect(res.status(), await res.text()).toBe(200);
  res = await page.request.post(`${sopUrl}/versions`, { headers: { 'if-match': res.headers()['etag']! }, data: { changeSummary: change } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { version: { id: string } }).version.id;
}

test('export: a draft is "DRAFT — not approved"; ?version= of another SOP is 404, a malformed one 400', async ({ browser }) => {
  test.setTimeout(90_000);
  const owner = await (await browser.newContext()).newPage();
  const email = uniqueEmail('exdraft');
  await signUpAndConfirm(owner, email, 'Olga Owner');
  const org = `/api/v1/orgs/${await createOrg(owner, `Export draft ${email.slice(8, 16)}`)}`;
  const a = await newSop(owner, org, 'Line clearance');
  const b = await newSop(owner, org, 'Forklift check');

  const draft = await docxParts(await owner.request.get(`${a.sopUrl}/export.docx`));
  expect(draft.header).toContain('DRAFT — not approved');
  expect(draft.header).toMatch(/Draft 0\.\d+</);
  expect(draft.body).toContain('Draft – not yet approved');
  expect((await docxParts(await owner.request.get(`${a.sopUrl}/export.docx?version=${a.versionId}`))).header).toContain('DRAFT — not approved');

  let res = await owner.request.get(`${a.sopUrl}/export.docx?version=${b.versionId}`);
  expect(res.status()).toBe(404);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  res = await owner.request.get(`${a.sopUrl}/export.docx?version=not-a-version`);
  expect(res.status()).toBe(400);
  expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'validation_failed', message: expect.stringMatching(/^version: /) });
});

test('export: a signed, effective version shows "Effective <date>" in the header and the signatures; the revision it is replaced by supersedes it', async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = await (await browser.newContext()).newPage();
  const ownerEmail = uniqueEmail('exowner');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `Export signed ${ownerEmail.slice(8, 16)}`);
  const org = `/api/v1/orgs/${slug}`;
  const { sopId, versionId, sopUrl } = await newSop(owner, org, 'Line clearance');
  const probe = await owner.request.post(`${sopUrl}/versions/${versionId}/submit`, { data: {} });
  test.skip(probe.status() === 404 || probe.status() === 405, 'the signing routes (POST …/submit, …/signatures) are not in this build');

  const approverEmail = uniqueEmail('exapprover');
  const approver = await joinAs(browser, owner, org, approverEmail, 'approver', 'Paul Approver');
  const { members } = (await (await owner.request.get(`${org}/members`)).json()) as { members: { userId: string; email: string }[] };
  const approverId = members.find((m) => m.email === approverEmail)!.userId;

  const approve = async (id: string, revisionKind: 'major' | 'minor', reason: string) => {
    let res = await owner.request.post(`${sopUrl}/versions/${id}/submit`, { data: { revisionKind, reason, reviewers: [], approvers: [approverId], password: PASSWORD } });
    expect(res.status(), await res.text()).toBe(200);
    res = await approver.request.post(`${sopUrl}/versions/${id}/signatures`, { data: { meaning: 'approved', password: PASSWORD } });
    expect(res.status(), await res.text()).toBe(201);
    const signed = (await res.json()) as { signature: { signedAt: string }; lifecycle: { state: string; effectiveAt: string } };
    expect(signed.lifecycle.state).toBe('effective');
    return signed;
  };

  const first = await approve(versionId, 'major', 'First issue of the line clearance SOP');
  const day = first.lifecycle.effectiveAt.slice(0, 10);
  const effective = await docxParts(await owner.request.get(`${sopUrl}/export.docx`));
  expect(effective.header).toContain(`Effective ${day}`);
  expect(effective.header).toContain('Revision 1.0');
  expect(effective.header).not.toContain('DRAFT');
  for (const s of ['Paul Approver', approverEmail, 'Olga Owner', 'Authored', 'Approved', `${first.signature.signedAt.slice(0, 16).replace('T', ' ')} UTC`, 'Valid (password re-entered)', 'First issue of the line clearance SOP']) {
    expect(effective.body, s).toContain(s);
  }

  // A revision in approval: the default export stays the effective 1.0.
  const v2 = await newVersionOf(owner, sopUrl, 'Adds the second check');
  expect((await docxParts(await owner.request.get(`${sopUrl}/export.docx`))).header).toContain('Revision 1.0');
  await approve(v2, 'minor', 'Second check after the line audit');

  const current = await docxParts(await owner.request.get(`${sopUrl}/export.docx`));
  expect(current.header).toContain('Revision 1.1');
  expect(current.header).toContain(`Effective ${day}`);
  expect(current.body).toContain('Second check after the line audit');
  const old = await docxParts(await owner.request.get(`${sopUrl}/export.docx?version=${versionId}`));
  expect(old.header).toContain('SUPERSEDED — not for use');
  expect(old.header).toContain('Superseded by revision 1.1');
  expect(old.header).not.toContain(`Effective ${day}`);
  expect(old.body).toContain('Paul Approver');

  // The SOP page's Export link downloads the effective revision.
  await owner.goto(`/o/${slug}/sops/${sopId}`);
  const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByTestId('export-docx').click()]);
  expect(download.suggestedFilename()).toMatch(/^SOP-0001 Line clearance\.docx$/);
});
