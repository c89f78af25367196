/**
 * The SOP API's answers to bad input, through HTTP with a signed-in session: every error is
 * `{ error: { code, message } }` with the right status, and nothing is written.
 */
import { expect, test } from '@playwright/test';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg, joinAs } from './support/orgs';

test('bad input gets clear JSON errors with the right status', async ({ page }) => {
  test.setTimeout(60_000);
  const email = uniqueEmail('apierr');
  await signUpAndConfirm(page, email);
  const slug = await createOrg(page, `Api ${email.slice(7, 15)}`);
  const api = `/api/v1/orgs/${slug}/sops`;
  const errorOf = async (res: Awaited<ReturnType<typeof page.request.get>>) => ((await res.json()) as { error: { code: string; message: string } }).error;

  // validation: which field, in words
  let res = await page.request.post(`${api}/generate`, { data: { title: 'x', processDescription: 'too short' } });
  expect(res.status()).toBe(400);
  expect(await errorOf(res)).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/^title: /) });
  res = await page.request.post(`${api}/generate`, { data: { title: 'Valid title', processDescription: 'long enough description of the process', frameworks: ['ISO 27001'] } });
  expect(res.status()).toBe(400);
  expect((await errorOf(res)).message).toContain('frameworks');
  // not JSON
  res = await page.request.post(api, { headers: { 'content-type': 'text/plain' }, data: 'title=x' });
  expect(res.status()).toBe(415);
  expect((await errorOf(res)).code).toBe('bad_request');
  // create by hand, then edit without / with a stale If-Match
  res = await page.request.post(api, { data: { title: 'Hand made' } });
  expect(res.status()).toBe(201);
  const etag = res.headers()['etag'];
  expect(etag).toBe('"r0"');
  const { sop } = (await res.json()) as { sop: { id: string } };
  res = await page.request.patch(`${api}/${sop.id}`, { data: { title: 'Renamed' } });
  expect(res.status()).toBe(428);
  res = await page.request.patch(`${api}/${sop.id}`, { headers: { 'if-match': etag! }, data: { title: 'Renamed' } });
  expect(res.status()).toBe(200);
  expect(res.headers()['etag']).toBe('"r0"'); // metadata only: the draft revision is unchanged
  res = await page.request.patch(`${api}/${sop.id}`, { headers: { 'if-match': '"r7"' }, data: { title: 'Stale' } });
  expect(res.status()).toBe(409);
  const conflict = (await res.json()) as { error: { code: string }; current: { title: string; draftRevision: number } };
  expect(conflict).toMatchObject({ error: { code: 'conflict' }, current: { title: 'Renamed', draftRevision: 0 } });
  // unknown ids: 404, and a malformed id is a validation error
  res = await page.request.get(`${api}/00000000-0000-4000-8000-000000000000`);
  expect(res.status()).toBe(404);
  expect((await errorOf(res)).code).toBe('not_found');
  res = await page.request.get(`${api}/not-a-uuid`);
  expect(res.status()).toBe(400);
  res = await page.request.get(`${api}/${sop.id}/export.docx`);
  expect(res.status()).toBe(404);
  expect((await errorOf(res)).message).toContain('no version');
  // a forged keyset cursor
  res = await page.request.get(`${api}?cursor=forged`);
  expect(res.status()).toBe(400);
  // signed out: 401
  const anon = await page.context().browser()!.newContext();
  res = await anon.request.get(api);
  expect(res.status()).toBe(401);
  expect((await errorOf(res)).code).toBe('unauthorized');
  await anon.close();
});

/** Steps nested `depth` levels deep, as JSON text (built without recursion, so any depth can be sent). */
function nestedProcedureJson(depth: number): string {
  let steps = '[{"text":"deepest"}]';
  for (let d = 1; d < depth; d++) steps = `[{"text":"level","substeps":${steps}}]`;
  return steps;
}

const CONTENT = sopContent({
  titleBlock: { title: 'Press <Ctrl>+<S> to save', documentNumber: '', department: 'QA <Lab 2>' },
  purpose: 'if a<b and c>d then stop',
  scope: 'Everyone who uses the <Enter> key.',
  responsibilities: [{ role: '<b></b>', duties: 'Presses <Enter> & checks "it".' }],
  materialsAndEquipment: ['Keyboard <US>'],
  procedure: [{ text: 'Use the <Enter> key', callouts: [{ kind: 'note', text: 'Not <Esc>' }], substeps: [] }],
});

test('text is kept exactly as typed and escaped on output; malformed input is a 4xx, never a 500', async ({ page }) => {
  test.setTimeout(90_000);
  const email = uniqueEmail('astext');
  await signUpAndConfirm(page, email);
  const slug = await createOrg(page, `Text ${email.slice(7, 15)}`);
  const api = `/api/v1/orgs/${slug}/sops`;
  type ApiError = { error: { code: string; message: string } };

  // An organization and an SOP whose names are nothing but tags: stored as typed (not a 500).
  let res = await page.request.post('/api/v1/orgs', { data: { name: '<b></b>', slug: `tags-${email.slice(7, 15)}` } });
  expect(res.status(), await res.text()).toBe(201);
  expect(((await res.json()) as { name: string }).name).toBe('<b></b>');
  res = await page.request.post(api, { data: { title: '<b></b>' } });
  expect(res.status(), await res.text()).toBe(201);
  expect(((await res.json()) as { sop: { title: string } }).sop.title).toBe('<b></b>');

  // Text that looks like a tag, in every kind of field, comes back exactly as typed.
  res = await page.request.post(api, { data: { title: 'Press <Ctrl>+<S> to save', department: 'QA <Lab 2>', content: CONTENT } });
  expect(res.status(), await res.text()).toBe(201);
  const { sop } = (await res.json()) as { sop: { id: string; title: string; department: string; draftContent: { purpose: string; procedure: { text: string }[]; responsibilities: { role: string }[] }; currentVersionId: string } };
  expect(sop.title).toBe('Press <Ctrl>+<S> to save');
  expect(sop.department).toBe('QA <Lab 2>');
  expect(sop.draftContent.purpose).toBe('if a<b and c>d then stop');
  expect(sop.draftContent.procedure[0]!.text).toBe('Use the <Enter> key');
  expect(sop.draftContent.responsibilities[0]!.role).toBe('<b></b>');
  const version = ((await (await page.request.get(`${api}/${sop.id}/versions/${sop.currentVersionId}`)).json()) as { version: { html: string } }).version;
  expect(version.html).toContain('if a&lt;b and c&gt;d then stop');
  expect(version.html).toContain('Use the &lt;Enter&gt; key');
  expect(version.html).not.toMatch(/<(enter|ctrl|esc|us)>/i);
  res = await page.request.get(`${api}/${sop.id}`);
  const etag = res.headers()['etag']!;
  res = await page.request.post(`${api}/${sop.id}/versions`, { headers: { 'if-match': etag }, data: { changeSummary: 'Explained <Tab> & <Esc>' } });
  expect(res.status(), await res.text()).toBe(201);
  expect(((await res.json()) as { version: { changeSummary: string } }).version.changeSummary).toBe('Explained <Tab> & <Esc>');
  res = await page.request.get(`${api}/${sop.id}/export.docx`);
  expect(res.status()).toBe(200);
  // The page shows the text, escaped by React.
  await page.goto(`/o/${slug}/sops/${sop.id}`);
  await expect(page.getByTestId('sop-html').locator('h1')).toHaveText('Press <Ctrl>+<S> to save');
  await expect(page.getByTestId('sop-html')).toContainText('if a<b and c>d then stop');

  const json = (data: string) => ({ headers: { 'content-type': 'application/json' }, data });
  const expect4xx = async (r: Awaited<ReturnType<typeof page.request.get>>, status: number, message?: RegExp) => {
    const text = await r.text();
    expect(r.status(), text).toBe(status);
    const body = JSON.parse(text) as ApiError;
    expect(body.error.code).toEqual(expect.any(String));
    if (message) expect(body.error.message).toMatch(message);
  };

  // A lone UTF-16 surrogate is not text: 400, with the field named.
  await expect4xx(await page.request.post(api, json('{"title":"Lone \\ud800 surrogate"}')), 400, /^title: .*unpaired UTF-16 surrogate/);
  await expect4xx(await page.request.patch(`${api}/${sop.id}`, { headers: { 'content-type': 'application/json', 'if-match': etag }, data: `{"content":${JSON.stringify({ ...CONTENT, purpose: 'x' }).replace('"x"', '"\\udc00"')}}` }), 400, /content\.purpose: .*surrogate/);
  await expect4xx(await page.request.post('/api/v1/orgs', json('{"name":"\\ud83d"}')), 400, /surrogate/);

  // Steps nested deeper than 5 levels: 400 naming the limit — one level too many, or 3,000.
  for (const depth of [6, 3_000]) {
    const body = `{"title":"Too deep","content":${JSON.stringify(CONTENT).replace(/"procedure":\[.*?\]\}\],/, `"procedure":${nestedProcedureJson(depth)},`)}}`;
    expect(body).toContain('"deepest"');
    await expect4xx(await page.request.post(api, json(body)), 400, /at most 5 levels/);
  }
  res = await page.request.post(api, json(`{"title":"Deep enough","content":${JSON.stringify(CONTENT).replace(/"procedure":\[.*?\]\}\],/, `"procedure":${nestedProcedureJson(5)},`)}}`));
  expect(res.status(), await res.text()).toBe(201);

  // Cursors that look right to a loose check but not to Postgres; NUL and backslashes in a search.
  const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  for (const c of [cursor([new Date().toISOString(), '-'.repeat(36)]), cursor(['1', '00000000-0000-4000-8000-000000000000']), cursor(['0000-01-01T00:00:00.000Z', sop.id])]) {
    await expect4xx(await page.request.get(`${api}?cursor=${c}`), 400, /cursor/);
  }
  for (const q of ['%00', '%5C', 'a%5C', '%25', '_', '%00%00lock']) {
    res = await page.request.get(`${api}?q=${q}`);
    expect(res.status(), `q=${q}: ${await res.text()}`).toBe(200);
  }
  res = await page.request.get(`${api}?q=%3CCtrl%3E`);
  expect(((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toContain(sop.id);
  await expect4xx(await page.request.get(`${api}/${'-'.repeat(36)}`), 400);
  await expect4xx(await page.request.get(`${api}/${sop.id}/diff?from=${'-'.repeat(36)}&to=${sop.currentVersionId}`), 400);
  await expect4xx(await page.request.get(`${api}?limit=1e999`), 400);
  await expect4xx(await page.request.get(`${api}?owner=${'-'.repeat(36)}`), 400);
  await expect4xx(await page.request.get(`/api/v1/orgs/${slug}/generations/${'0'.repeat(36)}`), 400);
});

test('a viewer cannot cancel, edit, version, retry, rewrite, invite or remove (403); the run goes on; an owner can cancel', async ({ browser }) => {
  test.setTimeout(150_000);
  const ownerCtx = await browser.newContext();
  const owner = await ownerCtx.newPage();
  const ownerEmail = uniqueEmail('owner403');
  await signUpAndConfirm(owner, ownerEmail);
  const slug = await createOrg(owner, `Roles ${ownerEmail.slice(9, 17)}`);
  const org = `/api/v1/orgs/${slug}`;

  // A viewer joins through an invitation.
  const viewerEmail = uniqueEmail('viewer403');
  const viewer = await joinAs(browser, owner, org, viewerEmail, 'viewer', 'Vera Viewer');
  let res;
  const members = ((await (await owner.request.get(`${org}/members`)).json()) as { members: { userId: string; role: string }[] }).members;
  const ownerId = members.find((m) => m.role === 'owner')!.userId;

  // The owner starts a slow draft; the browser's fetch resolves at the headers, the run goes on without it.
  await owner.goto(`/o/${slug}`);
  const startDraft = (title: string) =>
    owner.evaluate(async ({ url, title }) => {
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title, processDescription: '1. Operator rinses the filler\n2. QA swabs with ATP and records it in the sanitation log' }) });
      return { status: r.status, id: r.headers.get('x-generation-id'), sopId: r.headers.get('x-sop-id') };
    }, { url: `${org}/sops/generate`, title });
  const finished = async (id: string) => {
    let g: { status: string } = { status: 'queued' };
    await expect
      .poll(async () => {
        g = ((await (await owner.request.get(`${org}/generations/${id}`)).json()) as { generation: { status: string } }).generation;
        return ['succeeded', 'failed', 'cancelled'].includes(g.status);
      }, { timeout: 90_000 })
      .toBe(true);
    return g.status;
  };
  const forbidden = async (r: Awaited<ReturnType<typeof viewer.request.get>>, what: string) => {
    const text = await r.text();
    expect(r.status(), `${what}: ${text}`).toBe(403);
    expect((JSON.parse(text) as { error: { code: string } }).error.code, what).toBe('forbidden');
  };

  const first = await startDraft('Viewer cannot stop this (slow)');
  expect(first.status).toBe(200);
  await forbidden(await viewer.request.post(`${org}/generations/${first.id}/cancel`), 'viewer cancel');
  expect(await finished(first.id!)).toBe('succeeded');
  await forbidden(await viewer.request.post(`${org}/generations/${first.id}/cancel`), 'viewer cancel of a finished run');

  // Editing and versioning: 403 whether or not the revision is current (never a 409 "someone else saved").
  res = await viewer.request.get(`${org}/sops/${first.sopId}`);
  expect(res.status()).toBe(200);
  const etag = res.headers()['etag']!;
  for (const ifMatch of [etag, '"r99"']) {
    await forbidden(await viewer.request.patch(`${org}/sops/${first.sopId}`, { headers: { 'if-match': ifMatch }, data: { title: 'Viewer was here' } }), `viewer edit ${ifMatch}`);
    await forbidden(await viewer.request.post(`${org}/sops/${first.sopId}/versions`, { headers: { 'if-match': ifMatch }, data: { changeSummary: 'Viewer version' } }), `viewer version ${ifMatch}`);
  }
  await forbidden(await viewer.request.post(`${org}/generations/${first.id}/retry`), 'viewer retry');
  await forbidden(await viewer.request.post(`${org}/sops/${first.sopId}/improve`, { data: { section: 'purpose', instruction: 'Make it shorter' } }), 'viewer improve');
  await forbidden(await viewer.request.post(`${org}/invites`, { data: { email: uniqueEmail('nope'), role: 'viewer' } }), 'viewer invite');
  await forbidden(await viewer.request.post(`${org}/invites`, { data: { email: ownerEmail, role: 'viewer' } }), 'viewer invite of a member');
  await forbidden(await viewer.request.get(`${org}/invites`), 'viewer list invites');
  await forbidden(await viewer.request.delete(`${org}/members/${ownerId}`), 'viewer remove owner');
  const after = ((await (await owner.request.get(`${org}/sops/${first.sopId}`)).json()) as { sop: { title: string } }).sop;
  expect(after.title).toBe('Viewer cannot stop this (slow)');
  expect(((await (await owner.request.get(`${org}/sops/${first.sopId}/versions`)).json()) as { versions: unknown[] }).versions).toHaveLength(1);

  // The owner may cancel: 202, and the run ends cancelled.
  const second = await startDraft('Owner stops this one (slow)');
  res = await owner.request.post(`${org}/generations/${second.id}/cancel`);
  expect(res.status(), await res.text()).toBe(202);
  expect(await finished(second.id!)).toBe('cancelled');
  // The viewer may still leave on their own.
  const viewerId = ((await (await owner.request.get(`${org}/members`)).json()) as { members: { userId: string; role: string }[] }).members.find((m) => m.role === 'viewer')!.userId;
  res = await viewer.request.delete(`${org}/members/${viewerId}`);
  expect(res.status()).toBe(204);
  await ownerCtx.close();
  await viewer.context().close();
});
