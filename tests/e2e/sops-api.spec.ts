/**
 * The SOP API's answers to bad input, through HTTP with a signed-in session: every error is
 * `{ error: { code, message } }` with the right status, and nothing is written.
 */
import { expect, test } from '@playwright/test';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { createOrg } from './support/orgs';

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
