/**
 * Mapping SOPs to frameworks in Chromium against the production build, with the Anthropic
 * fake as Claude: the owner chooses ISO 9001 and 21 CFR 210/211 in Settings; maps one SOP by
 * hand (search, pick, Add), one from Claude's suggestions (the fake proposes two listed clauses
 * and an invented ISO 9001 11.4, which is reported as dropped; one is accepted, one rejected),
 * and one from its references; a viewer sees the mappings and the frameworks, read-only.
 * Screenshots of Settings and the panel at 1280 and 390 px go to test-results/screens.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { collectConsoleProblems } from './support/console';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg, joinAs } from './support/orgs';

const SHOTS = 'test-results/screens';

async function shots(page: Page, name: string, test?: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const path = `${SHOTS}/mapping-${name}-${width}.png`;
    if (test) await page.getByTestId(test).screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function newSop(page: Page, org: string, title: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await page.request.post(`${org}/sops`, {
    data: {
      title,
      content: sopContent({
        titleBlock: { title, documentNumber: '', department: '' },
        procedure: [
          { text: 'Calibrate the thermometer against the reference standard', callouts: [], substeps: [] },
          { text: 'Record the reading in the calibration log', callouts: [], substeps: [] },
        ],
        ...overrides,
      }),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { sop: { id: string } }).sop.id;
}

test('the owner chooses frameworks, maps SOPs by hand, from suggestions and from references; a viewer reads them', async ({ browser }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const owner = await (await browser.newContext()).newPage();
  const problems = collectConsoleProblems(owner);
  const email = uniqueEmail('map-owner');
  await signUpAndConfirm(owner, email, 'Mia Owner');
  const slug = await createOrg(owner, `Mapping ${email.slice(10, 18)}`);
  const org = `/api/v1/orgs/${slug}`;
  const viewer = await joinAs(browser, owner, org, uniqueEmail('map-viewer'), 'viewer', 'Vic Viewer');

  // Before any framework: the panel says so and links to Settings.
  const byHand = await newSop(owner, org, 'Thermometer calibration');
  await owner.goto(`/o/${slug}/sops/${byHand}`);
  await expect(owner.getByTestId('no-frameworks')).toContainText('Your organization follows no framework yet');

  // Settings: ISO 9001 and 21 CFR 210/211.
  await owner.goto(`/o/${slug}/settings`);
  const form = owner.getByTestId('org-frameworks-form');
  await form.getByTestId('follow-ISO9001').check();
  await form.getByTestId('follow-21CFR211').check();
  await form.getByTestId('org-frameworks-save').click();
  await expect(form.getByTestId('form-notice')).toHaveText('Saved: the organization follows 2 frameworks.');
  expect(((await (await owner.request.get(`${org}/frameworks`)).json()) as { frameworks: string[] }).frameworks).toEqual(['21CFR211', 'ISO9001']);
  await shots(owner, 'settings', 'org-frameworks-form');

  // By hand: search the framework's clauses, pick one, Add.
  await owner.goto(`/o/${slug}/sops/${byHand}`);
  const panel = owner.getByTestId('mapping-panel');
  await expect(panel.getByTestId('no-mappings')).toBeVisible();
  await panel.getByTestId('add-clause-framework').selectOption('ISO9001');
  await panel.getByTestId('add-clause-search').fill('measuring');
  await panel.getByRole('radio', { name: /7\.1\.5 Monitoring and measuring resources/ }).check();
  await panel.getByTestId('add-clause-submit').click();
  await expect(panel.getByTestId('add-clause-notice')).toHaveText('Mapped to ISO 9001 7.1.5.');
  await expect(panel.getByTestId('mapping')).toHaveCount(1);
  await expect(panel.getByTestId('mapping')).toContainText('7.1.5');
  await expect(panel.getByTestId('mapping-origin')).toHaveText('by hand');
  await expect(panel.getByTestId('mapping')).toContainText('Mia Owner');

  // From suggestions: Claude (the fake) proposes two clauses and one that does not exist.
  const suggested = await newSop(owner, org, 'Thermometer calibration, line 2');
  await owner.goto(`/o/${slug}/sops/${suggested}`);
  await expect(panel.getByTestId('suggest-engine')).toHaveValue('auto');
  await panel.getByTestId('suggest-clauses').click();
  await expect(panel.getByTestId('mapping-notice')).toContainText('Claude suggested 2 clauses');
  await expect(panel.getByTestId('mapping-notice')).toContainText('1 suggestion was dropped: not clauses of the library (ISO 9001 11.4).');
  const proposals = panel.getByTestId('proposal');
  await expect(proposals).toHaveCount(2);
  await expect(proposals.first().getByTestId('proposal-engine')).toContainText('Suggested by Claude');
  await expect(proposals.first().getByTestId('proposal-reason')).not.toBeEmpty();
  await shots(owner, 'panel-proposals', 'mapping-panel');
  const rejected = (await proposals.nth(1).getByTestId('mapping-clause').textContent())!;
  const accepted = (await proposals.first().getByTestId('mapping-clause').textContent())!;
  await proposals.first().getByTestId('mapping-accept').click();
  await expect(proposals).toHaveCount(1);
  await proposals.first().getByTestId('mapping-reject').click();
  await expect(proposals).toHaveCount(0);
  await expect(panel.getByTestId('mapping')).toHaveCount(1);
  await expect(panel.getByTestId('mapping')).toContainText(accepted);
  await expect(panel.getByTestId('mapping')).not.toContainText(` ${rejected} `);
  await expect(panel.getByTestId('mapping-origin')).toHaveText('accepted suggestion');

  // Keyword matching (offline) on the same SOP: the calibration clause, said so.
  await panel.getByTestId('suggest-engine').selectOption('keywords');
  await panel.getByTestId('suggest-clauses').click();
  await expect(panel.getByTestId('mapping-notice')).toContainText('Keyword matching suggested');
  await expect(proposals.filter({ hasText: '7.1.5' }).getByTestId('proposal-engine')).toContainText('Suggested by keyword matching (offline)');
  await expect(proposals.filter({ hasText: '7.1.5' }).getByTestId('proposal-reason')).toContainText('The procedure mentions');

  // From references: the known citations, and one that is not a clause of the library.
  const fromRefs = await newSop(owner, org, 'Labelling', {
    references: [
      { framework: 'ISO9001', clause: '8.5.2', reason: 'Step 2 labels each lot' },
      { framework: 'ISO9001', clause: '11.4' },
    ],
  });
  await owner.goto(`/o/${slug}/sops/${fromRefs}`);
  await panel.getByTestId('map-from-references').click();
  await expect(panel.getByTestId('mapping-notice')).toHaveText('Mapped 1 clause from the SOP’s references. 1 reference is not a clause of the library, so not mapped.');
  await expect(panel.getByTestId('mapping')).toContainText('8.5.2');
  await expect(panel.getByTestId('mapping-origin')).toHaveText('from references');
  await expect(panel.getByTestId('mapping')).toContainText('Step 2 labels each lot');

  // The audit trail has the story.
  await owner.goto(`/o/${slug}/audit`);
  const trail = owner.getByTestId('audit-events');
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // (The fake proposes the first two clauses listed, of whichever framework the library lists first.)
  for (const words of ['Mia Owner added ISO 9001 to the frameworks the organization follows', new RegExp(`Mia Owner accepted the suggestion that .+ addresses .+ ${esc(accepted)}`), new RegExp(`Mia Owner rejected the suggestion that .+ addresses .+ ${esc(rejected)}`), 'to ISO 9001 7.1.5', '8.5.2 (from its references)']) {
    await expect(trail).toContainText(words);
  }

  // A viewer: the mappings and the frameworks, read-only.
  await viewer.goto(`/o/${slug}/sops/${byHand}`);
  const seen = viewer.getByTestId('mapping-panel');
  await expect(seen.getByTestId('mapping')).toContainText('7.1.5');
  await expect(seen.getByTestId('add-clause')).toHaveCount(0);
  await expect(seen.getByTestId('mapping-remove')).toHaveCount(0);
  await expect(seen.getByTestId('suggest-clauses')).toHaveCount(0);
  await viewer.goto(`/o/${slug}/sops/${suggested}`);
  await expect(seen.getByTestId('proposal').first()).toBeVisible();
  await expect(seen.getByTestId('mapping-accept')).toHaveCount(0);
  await shots(viewer, 'panel-viewer', 'mapping-panel');
  await viewer.goto(`/o/${slug}/settings`);
  await expect(viewer.getByTestId('org-framework')).toHaveCount(2);
  await expect(viewer.getByTestId('org-frameworks-form')).toHaveCount(0);
  const refused = await viewer.request.put(`${org}/frameworks`, { data: { frameworks: [] } });
  expect(refused.status()).toBe(403);
  const refusedMap = await viewer.request.post(`${org}/sops/${byHand}/mappings`, { data: { framework: 'ISO9001', clause: '7.2' } });
  expect(refusedMap.status()).toBe(403);

  // New SOP: the organization's frameworks chosen, the rest under "More frameworks".
  await owner.goto(`/o/${slug}/sops/new`);
  await expect(owner.getByTestId('followed-frameworks').getByRole('checkbox')).toHaveCount(2);
  await expect(owner.getByRole('checkbox', { name: /ISO 9001/ })).toBeChecked();
  await expect(owner.getByTestId('more-frameworks')).not.toHaveAttribute('open', /.*/);
  await shots(owner, 'new-sop');
  await owner.goto(`/o/${slug}/sops/${byHand}`);
  await shots(owner, 'sop-page');
  expect(problems).toEqual([]);
});
