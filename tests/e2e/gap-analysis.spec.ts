/**
 * Issue 16, "Gap analysis", in Chromium against the production build with the Anthropic fake
 * as the model (tests/fakes/anthropic-e2e.ts answers `report_gaps` with one real quote, one
 * invented quote, one real gap and one invented clause id): an author runs the analysis on an
 * SOP, sees both inventions dropped and flagged, follows "Improve this section" to the
 * editor's rewrite dialog prefilled (nothing runs until they confirm), and runs the offline
 * keyword analysis, labelled weaker. The framework is 21 CFR 117 once the library ships its
 * clauses, HACCP until then. Screenshots at 1280 and 390 px: test-results/screens/gap-*.png.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { getFramework, leafClauses } from '@/lib/library';
import { citationLabel } from '@/lib/compliance/gap-analysis';
import { INVENTED_QUOTE, inventedClause } from '../fakes/anthropic-e2e';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { collectConsoleProblems } from './support/console';
import { sopContent } from './support/content';
import { createOrg } from './support/orgs';

const SHOTS = 'test-results/screens';
const FRAMEWORK = leafClauses(getFramework('21CFR117')!).length ? getFramework('21CFR117')! : getFramework('HACCP')!;
const IDS = leafClauses(FRAMEWORK).map((c) => c.id);

async function shots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId('gap-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/gap-${name}-${width}.png`, fullPage: true });
    await page.getByTestId('gap-panel').screenshot({ path: `${SHOTS}/gap-${name}-${width}-panel.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('gap analysis: Claude’s inventions are dropped and flagged, "Improve this section" opens the prefilled rewrite, the offline analysis is labelled weaker', async ({ browser }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const page = await (await browser.newContext()).newPage();
  const email = uniqueEmail('gap-author');
  await signUpAndConfirm(page, email, 'Robin Gapfinder');
  const slug = await createOrg(page, `Gap Foods ${email.slice(11, 19)}`);
  const problems = collectConsoleProblems(page);

  // "(slow)" in the title makes the fake answer slowly, so the progress is seen.
  const procedure = [
    { text: 'Pass the ferrous and stainless test pieces through the metal detector at the start of each shift.', callouts: [], substeps: [] },
    { text: 'If a test piece is not rejected, stop the line and hold all product packed since the last good check.', callouts: [], substeps: [{ text: 'Record the check and any hold in the metal detector log.', callouts: [], substeps: [] }] },
  ];
  const created = await page.request.post(`/api/v1/orgs/${slug}/sops`, {
    data: { title: 'Metal detector check (slow)', content: sopContent({ titleBlock: { title: 'Metal detector check (slow)', documentNumber: '', department: 'Packing' }, purpose: 'Keeps metal out of packed product.', procedure }) },
  });
  expect(created.status(), await created.text()).toBe(201);
  const sopId = ((await created.json()) as { sop: { id: string } }).sop.id;

  await page.goto(`/o/${slug}/sops/${sopId}`);
  const panel = page.getByTestId('gap-panel');
  await expect(panel.getByTestId('gap-none')).toBeVisible();
  await panel.getByLabel('Framework').selectOption(FRAMEWORK.code);

  // With Claude (the fake): progress while it runs, then the verified result.
  await panel.getByRole('button', { name: 'Run gap analysis' }).click();
  await expect(panel.getByTestId('gap-progress')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Analysing with Claude…' })).toBeDisabled();
  await panel.screenshot({ path: `${SHOTS}/gap-running-1280-panel.png` });
  const result = panel.getByTestId('gap-result');
  await expect(result).toHaveAttribute('data-engine', 'claude', { timeout: 60_000 });
  await expect(panel.getByTestId('gap-progress')).toBeHidden();
  await expect(result.getByTestId('gap-engine')).toHaveText('Claude claude-sonnet-5-5');
  await expect(result.getByTestId('gap-meta')).toContainText('run by Robin Gapfinder');
  await expect(result.getByTestId('gap-meta')).toContainText('version 0.1');

  const flags = result.getByTestId('gap-flag');
  await expect(flags).toHaveCount(2);
  await expect(flags.nth(0)).toHaveText(`Dropped: the quoted sentence “${INVENTED_QUOTE}” does not occur in the SOP (cited for ${IDS[1]}).`);
  await expect(flags.nth(1)).toHaveText(`Dropped: ${inventedClause(IDS)} is not a clause of ${FRAMEWORK.shortName}.`);

  const addressed = result.getByTestId('gap-addressed');
  await expect(addressed).toHaveCount(1);
  await expect(addressed.getByTestId('gap-quote')).toHaveText(procedure[0]!.text);
  await expect(addressed.getByTestId('gap-location')).toContainText('Procedure step 1');
  const gaps = result.getByTestId('gap-item');
  await expect(gaps).toHaveCount(1);
  await expect(gaps).toHaveAttribute('data-clause', IDS[2]!);
  await shots(page, 'claude');

  // "Improve this section": the editor's rewrite dialog for that section, prefilled, waiting for the author.
  await gaps.getByRole('link', { name: 'Improve this section' }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${slug}/sops/${sopId}/edit`));
  const dialog = page.getByTestId('improve-panel');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Improve “Procedure” with Claude');
  const clause = FRAMEWORK.clauses.find((c) => c.id === IDS[2])!;
  await expect(dialog.getByRole('textbox')).toHaveValue(`Address ${citationLabel(FRAMEWORK.shortName, clause.id)} (${clause.title}): The SOP does not say how this is done or recorded.`);
  await expect(dialog.getByRole('button', { name: 'Rewrite section' })).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/gap-improve-1280.png` });
  // the address no longer carries the offer: a reload does not open it again
  await expect(page).toHaveURL(new RegExp(`/o/${slug}/sops/${sopId}/edit$`));

  // An unknown section in the address is ignored.
  await page.goto(`/o/${slug}/sops/${sopId}/edit?improve=titleBlock&instruction=${encodeURIComponent('Do something')}`);
  await expect(page.getByTestId('sop-editor')).toBeVisible();
  await expect(page.getByTestId('improve-panel')).toHaveCount(0);

  // Offline: the keyword analysis, labelled weaker.
  await page.goto(`/o/${slug}/sops/${sopId}`);
  await panel.getByLabel('Framework').selectOption(FRAMEWORK.code);
  await panel.getByRole('button', { name: 'Run offline keyword analysis' }).click();
  await expect(result).toHaveAttribute('data-engine', 'offline', { timeout: 30_000 });
  await expect(result.getByTestId('gap-engine')).toHaveText('Offline keyword analysis — weaker');
  await expect(result.getByTestId('gap-flag')).toHaveCount(0);
  await expect(result.getByTestId('gap-addressed').first()).toBeVisible();
  await shots(page, 'offline');

  // The API keeps both, newest first.
  const history = (await (await page.request.get(`/api/v1/orgs/${slug}/sops/${sopId}/gap-analyses?framework=${FRAMEWORK.code}`)).json()) as { analyses: { engine: string }[] };
  expect(history.analyses.map((a) => a.engine)).toEqual(['offline', 'claude']);
  expect(problems).toEqual([]);
});
