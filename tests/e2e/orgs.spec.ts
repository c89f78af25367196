import { expect, test } from '@playwright/test';
import { collectConsoleProblems } from './support/console';
import { mailboxLink, PASSWORD, signUpAndConfirm, uniqueEmail } from './support/auth';
import { createOrg } from './support/orgs';

test('create an org, invite a colleague who signs up through the link, then remove them', async ({ browser }) => {
  test.setTimeout(120_000);
  const ownerCtx = await browser.newContext();
  const owner = await ownerCtx.newPage();
  const problems = collectConsoleProblems(owner);
  const ownerEmail = uniqueEmail('owner');
  await signUpAndConfirm(owner, ownerEmail, 'Olivia Owner');
  const suffix = ownerEmail.slice(6, 14);
  const slug = await createOrg(owner, `Acme Foods ${suffix}`);
  expect(slug).toBe(`acme-foods-${suffix}`);

  // Invite a colleague as Approver.
  const colleagueEmail = uniqueEmail('colleague');
  await owner.goto(`/o/${slug}/members`);
  await owner.getByLabel('Email address').fill(colleagueEmail);
  await owner.locator('#invite-role').selectOption('approver');
  await owner.getByRole('button', { name: 'Send invite' }).click();
  await expect(owner.getByTestId('form-notice')).toContainText(`Invitation sent to ${colleagueEmail}`);
  await expect(owner.getByTestId('invite-row')).toContainText(colleagueEmail);
  await owner.screenshot({ path: 'test-results/screens/members.png', fullPage: true });

  // The colleague has no account: the link leads through sign-up and confirmation back to the invite.
  const colleagueCtx = await browser.newContext();
  const colleague = await colleagueCtx.newPage();
  const inviteLink = await mailboxLink(colleague, colleagueEmail, 'invite');
  await colleague.goto(inviteLink);
  // Signed out, the link says who invited whom to what, and sign-up has the address filled in.
  const invited = `Olivia Owner invited you to join Acme Foods ${suffix} as Approver.`;
  await expect(colleague.getByTestId('invite-summary')).toHaveText(invited);
  await expect(colleague.getByTestId('invite-email')).toHaveText(colleagueEmail);
  await colleague.screenshot({ path: 'test-results/screens/invite-signed-out.png' });
  await colleague.getByRole('link', { name: 'Create an account' }).click();
  await colleague.getByLabel('Full name').fill('Carl Colleague');
  await expect(colleague.getByLabel('Work email')).toHaveValue(colleagueEmail);
  await colleague.getByLabel('Password').fill(PASSWORD);
  await colleague.getByRole('button', { name: 'Create account' }).click();
  await expect(colleague).toHaveURL(/\/check-email/);
  await colleague.goto(await mailboxLink(colleague, colleagueEmail, 'signup'));
  await expect(colleague.getByTestId('invite-summary')).toHaveText(invited);
  await colleague.screenshot({ path: 'test-results/screens/invite.png' });
  await colleague.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(colleague.getByTestId('org-name')).toHaveText(`Acme Foods ${suffix}`);
  await expect(colleague.getByText('Your role: Approver')).toBeVisible();

  // The invite link is single use.
  await colleague.goto(inviteLink);
  await expect(colleague.getByTestId('form-error')).toContainText('already been used');

  // The owner removes the colleague, who loses access on the next request.
  await owner.goto(`/o/${slug}/members`);
  await owner.getByTestId('member-row').filter({ hasText: colleagueEmail }).getByRole('button', { name: 'Remove' }).click();
  await expect(owner.getByTestId('member-row').filter({ hasText: colleagueEmail })).toHaveCount(0);
  const gone = await colleague.goto(`/o/${slug}`);
  expect(gone?.status()).toBe(404);

  // The audit trail shows what happened.
  await owner.goto(`/o/${slug}`);
  const audit = owner.getByTestId('audit-list');
  for (const words of [`created the organization “Acme Foods ${suffix}”`, `invited ${colleagueEmail} as Approver`, `Carl Colleague (${colleagueEmail}) accepted the invitation`, 'Carl Colleague joined as Approver', 'Carl Colleague (Approver) was removed by']) await expect(audit).toContainText(words);
  await owner.screenshot({ path: 'test-results/screens/org-overview.png', fullPage: true });
  expect(problems).toEqual([]);
  await ownerCtx.close();
  await colleagueCtx.close();
});

test("a user of another org gets 404 on every API route and page of the first org (members, SOPs, versions, exports, drafting runs, billing), and changes nothing", async ({ browser }) => {
  test.setTimeout(120_000);
  const aCtx = await browser.newContext();
  const a = await aCtx.newPage();
  const aEmail = uniqueEmail('tenant-a');
  await signUpAndConfirm(a, aEmail);
  const slugA = await createOrg(a, `Tenant A ${aEmail.slice(9, 17)}`);
  const before = await (await a.request.get(`/api/v1/orgs/${slugA}/members`)).json();
  const ownerId: string = before.members[0].userId;

  const bCtx = await browser.newContext();
  const b = await bCtx.newPage();
  const bEmail = uniqueEmail('tenant-b');
  await signUpAndConfirm(b, bEmail);
  const slugB = await createOrg(b, `Tenant B ${bEmail.slice(9, 17)}`);

  const listed = await (await b.request.get('/api/v1/orgs')).json();
  expect(listed.organizations.map((o: { slug: string }) => o.slug)).toEqual([slugB]);

  const attempts = [
    b.request.get(`/api/v1/orgs/${slugA}/members`),
    b.request.post(`/api/v1/orgs/${slugA}/invites`, { data: { email: 'intruder@example.test', role: 'admin' } }),
    b.request.delete(`/api/v1/orgs/${slugA}/members/${ownerId}`),
    b.request.patch(`/api/v1/orgs/${slugA}/members/${ownerId}`, { data: { department: 'Intruders' } }),
    b.request.get(`/api/v1/orgs/${slugA}/training/mine`),
    b.request.get(`/api/v1/orgs/${slugA}/routing-defaults`),
    b.request.put(`/api/v1/orgs/${slugA}/routing-defaults`, { data: { department: '', approvers: [ownerId] } }),
  ];
  for (const res of await Promise.all(attempts)) {
    expect(res.status()).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No such organization.' } });
  }
  for (const path of [`/o/${slugA}`, `/o/${slugA}/members`, `/o/${slugA}/settings`, `/o/${slugA}/tasks`, `/o/${slugA}/compliance`, `/o/${slugA}/compliance/ISO9001`]) {
    const res = await b.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(b.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
  // Unauthenticated API calls are 401, not 404 or 500.
  const anon = await browser.newContext();
  const anonRes = await anon.request.get(`/api/v1/orgs/${slugA}/members`);
  expect(anonRes.status()).toBe(401);
  await anon.close();

  // A drafts an SOP; B tries every SOP route and page with A's real ids.
  const gen = await a.request.post(`/api/v1/orgs/${slugA}/sops/generate`, {
    data: { title: 'Tenant A secret SOP', processDescription: '1. Do the secret thing carefully\n2. Record it in the secret log', frameworks: ['HACCP'] },
  });
  expect(gen.status()).toBe(200);
  const sse = await gen.text();
  const done = JSON.parse(/event: done\ndata: (.*)/.exec(sse)![1]!) as { sopId: string; versionId: string };
  const generationId = gen.headers()['x-generation-id']!;
  const sopA = `/api/v1/orgs/${slugA}/sops/${done.sopId}`;
  const sopBefore = await (await a.request.get(sopA)).json();
  expect((await a.request.post(`${sopA}/gap-analyses`, { data: { framework: 'HACCP', engine: 'offline' } })).status()).toBe(201);
  const gapsBefore = await (await a.request.get(`${sopA}/gap-analyses`)).json();
  const saved = await a.request.post(`/api/v1/orgs/${slugA}/templates`, { data: { sopId: done.sopId, name: 'Tenant A secret template' } });
  expect(saved.status()).toBe(201);
  const templateA = `/api/v1/orgs/${slugA}/templates/${((await saved.json()) as { template: { id: string } }).template.id}`;
  const templateId = templateA.split('/').pop()!;
  // A mapping of A's SOP, for B to aim at.
  const mapped = await a.request.post(`${sopA}/mappings`, { data: { framework: 'ISO9001', clause: '7.5' } });
  expect(mapped.status(), await mapped.text()).toBe(201);
  const mappingA: string = ((await mapped.json()) as { mapping: { id: string } }).mapping.id;
  const mappingsBefore = await (await a.request.get(`${sopA}/mappings`)).json();
  const sopAttempts = [
    b.request.get(`/api/v1/orgs/${slugA}/sops`),
    b.request.post(`/api/v1/orgs/${slugA}/sops`, { data: { title: 'Intruder' } }),
    b.request.post(`/api/v1/orgs/${slugA}/sops/generate`, { data: { title: 'Intruder', processDescription: 'x'.repeat(40) } }),
    b.request.get(sopA),
    b.request.patch(sopA, { headers: { 'if-match': '"r1"' }, data: { title: 'Hijacked' } }),
    b.request.get(`${sopA}/versions`),
    b.request.post(`${sopA}/versions`, { headers: { 'if-match': '"r1"' }, data: { changeSummary: 'hijack' } }),
    b.request.get(`${sopA}/versions/${done.versionId}`),
    b.request.get(`${sopA}/diff?from=${done.versionId}&to=${done.versionId}`),
    b.request.get(`${sopA}/export.docx`),
    b.request.post(`${sopA}/improve`, { data: { section: 'purpose', instruction: 'leak it' } }),
    b.request.get(`${sopA}/gap-analyses`),
    b.request.get(`${sopA}/gap-analyses?framework=HACCP`),
    b.request.post(`${sopA}/gap-analyses`, { data: { framework: 'HACCP' } }),
    b.request.get(`${sopA}/versions/${done.versionId}/lifecycle`),
    b.request.post(`${sopA}/versions/${done.versionId}/withdraw`, { data: { reason: 'hijack' } }),
    b.request.post(`${sopA}/versions/${done.versionId}/make-effective`),
    b.request.post(`${sopA}/versions/${done.versionId}/submit`, { data: { revisionKind: 'major', reason: 'hijack', reviewers: [], approvers: [ownerId], password: 'hijack' } }),
    b.request.post(`${sopA}/versions/${done.versionId}/signatures`, { data: { meaning: 'approved', password: 'hijack' } }),
    b.request.get(`${sopA}/versions/${done.versionId}/signatures`),
    b.request.post(`${sopA}/obsolete`, { data: { reason: 'hijack' } }),
    b.request.get(`${sopA}/training`),
    b.request.post(`${sopA}/acknowledgements`, { data: { password: 'hijack' } }),
    b.request.put(`${sopA}/review-interval`, { data: { months: 6 } }),
    b.request.get(`${sopA}/periodic-reviews`),
    b.request.post(`${sopA}/periodic-reviews`, { data: { password: 'hijack' } }),
    b.request.get(`${sopA}/effective`),
    b.request.get(`/api/v1/orgs/${slugA}/sops?effectiveAt=2026-01-01T00:00:00Z`),
    b.request.get(`/api/v1/orgs/${slugA}/tasks`),
    b.request.get(`/api/v1/orgs/${slugA}/templates`),
    b.request.post(`/api/v1/orgs/${slugA}/templates`, { data: { sopId: done.sopId, name: 'Intruder' } }),
    b.request.get(templateA),
    b.request.delete(templateA),
    b.request.delete(`/api/v1/orgs/${slugA}/templates/builtin:receiving`),
    b.request.post(`/api/v1/orgs/${slugA}/sops/from-template`, { data: { templateId, title: 'Intruder' } }),
    b.request.get(`/api/v1/orgs/${slugA}/sops/export.zip`),
    b.request.get(`/api/v1/orgs/${slugA}/generations/${generationId}`),
    b.request.get(`/api/v1/orgs/${slugA}/generations/${generationId}/events`),
    b.request.post(`/api/v1/orgs/${slugA}/generations/${generationId}/cancel`),
    b.request.post(`/api/v1/orgs/${slugA}/generations/${generationId}/retry`),
    b.request.get(`/api/v1/orgs/${slugA}/billing`),
    b.request.get(`/api/v1/orgs/${slugA}/audit`),
    b.request.get(`/api/v1/orgs/${slugA}/audit?sop=${done.sopId}`),
    b.request.get(`/api/v1/orgs/${slugA}/audit/export.csv`),
    b.request.get(`/api/v1/orgs/${slugA}/audit/export.docx`),
    b.request.get(`/api/v1/orgs/${slugA}/audit/access`),
    b.request.get(`/api/v1/orgs/${slugA}/audit/access/export.csv`),
    b.request.get(`/api/v1/orgs/${slugA}/training/matrix`),
    b.request.get(`/api/v1/orgs/${slugA}/training/matrix?sop=${done.sopId}`),
    b.request.get(`/api/v1/orgs/${slugA}/training/matrix.csv`),
    b.request.get(`/api/v1/orgs/${slugA}/training/matrix.xlsx`),
    b.request.get(`/api/v1/orgs/${slugA}/frameworks`),
    b.request.put(`/api/v1/orgs/${slugA}/frameworks`, { data: { frameworks: ['ISO9001'] } }),
    b.request.get(`${sopA}/mappings`),
    b.request.post(`${sopA}/mappings`, { data: { framework: 'ISO9001', clause: '7.5' } }),
    b.request.post(`${sopA}/mappings/from-references`),
    b.request.post(`${sopA}/mappings/suggest`, { data: { frameworks: ['HACCP'], engine: 'keywords' } }),
    b.request.post(`${sopA}/mappings/${mappingA}/accept`),
    b.request.delete(`${sopA}/mappings/${mappingA}`),
    b.request.get(`/api/v1/orgs/${slugA}/compliance`),
    b.request.get(`/api/v1/orgs/${slugA}/compliance/ISO9001`),
    b.request.get(`/api/v1/orgs/${slugA}/compliance/ISO9001?status=none`),
    b.request.get(`/api/v1/orgs/${slugA}/compliance/ISO9001/evidence?format=xlsx`),
    b.request.get(`/api/v1/orgs/${slugA}/compliance/ISO9001/evidence?format=csv`),
  ];
  for (const res of await Promise.all(sopAttempts)) {
    expect(res.status(), res.url()).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  }
  // A's ids under B's own organization are not found either.
  const crossIds = [
    b.request.get(`/api/v1/orgs/${slugB}/sops/${done.sopId}`),
    b.request.get(`/api/v1/orgs/${slugB}/sops/${done.sopId}/training`),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/acknowledgements`, { data: { password: 'hijack' } }),
    b.request.get(`/api/v1/orgs/${slugB}/sops/${done.sopId}/versions/${done.versionId}`),
    b.request.get(`/api/v1/orgs/${slugB}/sops/${done.sopId}/versions/${done.versionId}/lifecycle`),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/versions/${done.versionId}/withdraw`, { data: { reason: 'hijack' } }),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/versions/${done.versionId}/make-effective`),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/versions/${done.versionId}/submit`, { data: { revisionKind: 'minor', reason: 'hijack', approvers: [ownerId], password: 'hijack' } }),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/versions/${done.versionId}/signatures`, { data: { meaning: 'reviewed', password: 'hijack' } }),
    b.request.get(`/api/v1/orgs/${slugB}/sops/${done.sopId}/versions/${done.versionId}/signatures`),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/obsolete`, { data: { reason: 'hijack' } }),
    b.request.put(`/api/v1/orgs/${slugB}/sops/${done.sopId}/review-interval`, { data: { months: null, exemptReason: 'hijack' } }),
    b.request.get(`/api/v1/orgs/${slugB}/sops/${done.sopId}/periodic-reviews`),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/periodic-reviews`, { data: { password: 'hijack' } }),
    b.request.get(`/api/v1/orgs/${slugB}/sops/${done.sopId}/effective`),
    b.request.get(`/api/v1/orgs/${slugB}/sops/${done.sopId}/gap-analyses`),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/gap-analyses`, { data: { framework: 'HACCP', engine: 'offline' } }),
    b.request.get(`/api/v1/orgs/${slugB}/sops/${done.sopId}/export.docx?version=${done.versionId}`),
    b.request.get(`/api/v1/orgs/${slugB}/generations/${generationId}`),
    b.request.post(`/api/v1/orgs/${slugB}/generations/${generationId}/cancel`),
    b.request.get(`/api/v1/orgs/${slugB}/templates/${templateId}`),
    b.request.delete(`/api/v1/orgs/${slugB}/templates/${templateId}`),
    b.request.post(`/api/v1/orgs/${slugB}/templates`, { data: { sopId: done.sopId, name: 'Stolen' } }),
    b.request.post(`/api/v1/orgs/${slugB}/sops/from-template`, { data: { templateId, title: 'Stolen' } }),
    b.request.get(`/api/v1/orgs/${slugB}/sops/${done.sopId}/mappings`),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/mappings`, { data: { framework: 'ISO9001', clause: '7.2' } }),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/mappings/from-references`),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/mappings/suggest`, { data: { frameworks: ['ISO9001'], engine: 'keywords' } }),
    b.request.post(`/api/v1/orgs/${slugB}/sops/${done.sopId}/mappings/${mappingA}/accept`),
    b.request.delete(`/api/v1/orgs/${slugB}/sops/${done.sopId}/mappings/${mappingA}`),
  ];
  for (const res of await Promise.all(crossIds)) expect(res.status(), res.url()).toBe(404);
  expect((await (await b.request.get(`/api/v1/orgs/${slugB}/sops?q=secret`)).json()).items).toEqual([]);
  // B's own trail filtered by A's SOP is empty, never A's events.
  const crossAudit = await b.request.get(`/api/v1/orgs/${slugB}/audit?sop=${done.sopId}`);
  expect(crossAudit.status()).toBe(200);
  expect((await crossAudit.json()).events).toEqual([]);
  for (const path of [`/o/${slugA}/sops`, `/o/${slugA}/sops/${done.sopId}`, `/o/${slugA}/sops/${done.sopId}/edit`, `/o/${slugA}/sops/${done.sopId}/history`, `/o/${slugA}/sops/as-of?at=2026-01-01T00:00:00Z`, `/o/${slugA}/sops/${done.sopId}/as-of`, `/o/${slugB}/sops/${done.sopId}/as-of`, `/o/${slugA}/sops/${done.sopId}/versions/${done.versionId}`, `/o/${slugA}/billing`, `/o/${slugA}/audit`, `/o/${slugA}/audit?sop=${done.sopId}`, `/o/${slugA}/audit/access`, `/o/${slugA}/training`, `/o/${slugA}/sops/new?from=template`, `/o/${slugB}/sops/${done.sopId}`, `/o/${slugB}/sops/${done.sopId}/versions/${done.versionId}`]) {
    const res = await b.goto(path);
    expect(res?.status(), path).toBe(404);
  }
  expect(await (await a.request.get(sopA)).json()).toEqual(sopBefore);
  expect(await (await a.request.get(`${sopA}/gap-analyses`)).json()).toEqual(gapsBefore);
  expect(await (await a.request.get(`${sopA}/mappings`)).json()).toEqual(mappingsBefore);
  expect((await a.request.get(templateA)).status()).toBe(200);
  expect(((await (await b.request.get(`/api/v1/orgs/${slugB}/templates`)).json()) as { templates: { kind: string }[] }).templates.filter((t) => t.kind === 'org')).toEqual([]);

  const after = await (await a.request.get(`/api/v1/orgs/${slugA}/members`)).json();
  expect(after).toEqual(before);
  const invites = await a.request.post(`/api/v1/orgs/${slugA}/invites`, { data: { email: 'not-json' } });
  expect(invites.status()).toBe(400);
  expect((await invites.json()).error.code).toBe('validation_failed');
  await aCtx.close();
  await bCtx.close();
});
