/**
 * The document-control API over HTTP against the production build, as far as it is reachable
 * without the signing ceremony (submission and signatures need it): a fresh version's
 * lifecycle, refusals in the wrong state (409), for a viewer (403, the database's words),
 * for another organization's ids (404) and for bad bodies (400), and making an SOP obsolete.
 */
import { expect, test, type APIResponse } from '@playwright/test';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg, joinAs } from './support/orgs';

const errorOf = async (res: APIResponse) => ((await res.json()) as { error: { code: string; message: string } }).error;

test('document control: a draft\'s lifecycle, 409 in the wrong state, 403 for a viewer, 404 across orgs, 400 for bad bodies, obsolete with a reason', async ({ browser }) => {
  test.setTimeout(120_000);
  const ownerCtx = await browser.newContext();
  const owner = await ownerCtx.newPage();
  const ownerEmail = uniqueEmail('dcowner');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `Doc control ${ownerEmail.slice(8, 16)}`);
  const org = `/api/v1/orgs/${slug}`;

  let res = await owner.request.post(`${org}/sops`, { data: { title: 'Line clearance', content: sopContent() } });
  expect(res.status(), await res.text()).toBe(201);
  const { sop } = (await res.json()) as { sop: { id: string } };
  res = await owner.request.post(`${org}/sops/${sop.id}/versions`, { headers: { 'if-match': res.headers()['etag']! }, data: { changeSummary: 'First version' } });
  expect(res.status(), await res.text()).toBe(201);
  const { version } = (await res.json()) as { version: { id: string } };
  const sopUrl = `${org}/sops/${sop.id}`;
  const versionUrl = `${sopUrl}/versions/${version.id}`;

  // A fresh version: draft, never submitted, no history, no signatures.
  res = await owner.request.get(`${versionUrl}/lifecycle`);
  expect(res.status(), await res.text()).toBe(200);
  expect(await res.json()).toEqual({
    lifecycle: { versionId: version.id, sopId: sop.id, orgId: expect.any(String), state: 'draft', revisionLabel: null, stateChangedAt: null, effectiveAt: null, round: null },
    history: [],
    signatures: [],
  });
  // Nobody asked the owner to review anything.
  res = await owner.request.get(`${org}/tasks`);
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ tasks: [] });

  // Wrong state: a draft is neither withdrawn nor made effective.
  res = await owner.request.post(`${versionUrl}/withdraw`, { data: { reason: 'Changed my mind' } });
  expect(res.status()).toBe(409);
  expect(await errorOf(res)).toEqual({ code: 'conflict', message: 'This version is draft: only a version in review, in approval or approved and not yet effective can be withdrawn.' });
  res = await owner.request.post(`${versionUrl}/make-effective`);
  expect(res.status()).toBe(409);
  expect(await errorOf(res)).toEqual({ code: 'conflict', message: 'This version is draft: only an approved version can become effective.' });

  // Bad bodies: 400 naming the field, before anything is tried.
  for (const data of [{}, { reason: '' }, { reason: '  \u0000 ' }, { reason: 'x'.repeat(2001) }, { reason: 42 }]) {
    for (const url of [`${versionUrl}/withdraw`, `${sopUrl}/obsolete`]) {
      res = await owner.request.post(url, { data });
      expect(res.status(), `${url} ${JSON.stringify(data).slice(0, 40)}`).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/^reason: /) });
    }
  }
  res = await owner.request.post(`${sopUrl}/obsolete`, { headers: { 'content-type': 'text/plain' }, data: 'reason=x' });
  expect(res.status()).toBe(415);

  // A viewer: reads the lifecycle, is refused every write with the database's words.
  const viewerEmail = uniqueEmail('dcviewer');
  const viewer = await joinAs(browser, owner, org, viewerEmail, 'viewer', 'Vera Viewer');
  res = await viewer.request.get(`${versionUrl}/lifecycle`);
  expect(res.status()).toBe(200);
  res = await viewer.request.post(`${sopUrl}/obsolete`, { data: { reason: 'Viewer wants it gone' } });
  expect(res.status()).toBe(403);
  expect(await errorOf(res)).toEqual({ code: 'forbidden', message: 'Only an owner or an admin can make a SOP obsolete.' });
  res = await viewer.request.post(`${versionUrl}/make-effective`);
  expect(res.status()).toBe(403);
  expect(await errorOf(res)).toEqual({ code: 'forbidden', message: 'Only an owner or an admin can make a version effective.' });
  res = await viewer.request.post(`${versionUrl}/withdraw`, { data: { reason: 'Viewer wants it back' } });
  expect(res.status()).toBe(403);
  expect(await errorOf(res)).toEqual({ code: 'forbidden', message: 'Your role cannot withdraw SOP versions in this organization.' });
  expect(((await (await owner.request.get(sopUrl)).json()) as { sop: { status: string } }).sop.status).toBe('draft');

  // Another organization: 404 for these ids, in the first org's path and under its own.
  const otherCtx = await browser.newContext();
  const other = await otherCtx.newPage();
  const otherEmail = uniqueEmail('dcother');
  await signUpAndConfirm(other, otherEmail, 'Otto Other');
  const otherSlug = await createOrg(other, `Other ${otherEmail.slice(8, 16)}`);
  const ownOrgUrl = `/api/v1/orgs/${otherSlug}/sops/${sop.id}`;
  for (const r of [
    await other.request.get(`${versionUrl}/lifecycle`),
    await other.request.post(`${versionUrl}/withdraw`, { data: { reason: 'Intruder' } }),
    await other.request.post(`${versionUrl}/make-effective`),
    await other.request.post(`${sopUrl}/obsolete`, { data: { reason: 'Intruder' } }),
    await other.request.get(`${org}/tasks`),
    await other.request.get(`${ownOrgUrl}/versions/${version.id}/lifecycle`),
    await other.request.post(`${ownOrgUrl}/versions/${version.id}/withdraw`, { data: { reason: 'Intruder' } }),
    await other.request.post(`${ownOrgUrl}/versions/${version.id}/make-effective`),
    await other.request.post(`${ownOrgUrl}/obsolete`, { data: { reason: 'Intruder' } }),
  ]) {
    expect(r.status(), r.url()).toBe(404);
    expect((await errorOf(r)).code).toBe('not_found');
  }
  // A well-formed id that is nowhere: 404 too.
  res = await owner.request.get(`${sopUrl}/versions/00000000-0000-4000-8000-000000000000/lifecycle`);
  expect(res.status()).toBe(404);

  // The owner makes the SOP obsolete with a reason: it reads obsolete, stays readable, and a second time is 409.
  res = await owner.request.post(`${sopUrl}/obsolete`, { data: { reason: 'Line 3 was decommissioned' } });
  expect(res.status(), await res.text()).toBe(200);
  expect(((await res.json()) as { sop: { id: string; status: string } }).sop).toMatchObject({ id: sop.id, status: 'obsolete' });
  expect(((await (await owner.request.get(sopUrl)).json()) as { sop: { status: string } }).sop.status).toBe('obsolete');
  const listed = async (query: string) => ((await (await owner.request.get(`${org}/sops${query}`)).json()) as { items: { id: string }[] }).items.map((i) => i.id);
  expect(await listed(''), 'an obsolete SOP leaves the default list').not.toContain(sop.id);
  expect(await listed('?status=obsolete'), 'and is listed when asked for by status').toContain(sop.id);
  expect((await owner.request.get(versionUrl)).status()).toBe(200);
  res = await owner.request.post(`${sopUrl}/obsolete`, { data: { reason: 'Again' } });
  expect(res.status()).toBe(409);
  expect(await errorOf(res)).toEqual({ code: 'conflict', message: 'This SOP is already obsolete.' });
  // The version itself never left draft: obsolescence is the SOP's.
  expect(((await (await owner.request.get(`${versionUrl}/lifecycle`)).json()) as { lifecycle: { state: string } }).lifecycle.state).toBe('draft');

  for (const ctx of [ownerCtx, viewer.context(), otherCtx]) await ctx.close();
});
