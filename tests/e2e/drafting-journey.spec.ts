/**
 * Issue 14's "done means", as a food-plant QA manager does it in Chromium on the embedded
 * default (offline drafter): the issue's two procedures (tests/quality/corpus.ts) are drafted
 * from free text, the sanitation one also from the built-in template; the page is reloaded
 * mid-way and Back is used, and nothing typed is lost. The drafts keep the user's form ids,
 * PPE, severities and warnings before their steps, with contact details out of the steps, on
 * the page and in the Word export as LibreOffice prints it. Screenshots:
 * test-results/screens/drafting-*.png.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { RECEIVING_EXAMPLE, SANITATION_EXAMPLE, type QualityCase } from '../quality/corpus';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { collectConsoleProblems } from './support/console';
import { createOrg } from './support/orgs';
import { wordPages } from './support/word';

const SHOTS = 'test-results/screens';
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/drafting-${name}.png`, fullPage: true });
const FRAMEWORK: Record<string, RegExp> = { HACCP: /HACCP/, ISO9001: /ISO 9001/, '29CFR1910': /29 CFR Part 1910/ };
const section = (page: Page, key: string) => page.getByTestId('sop-html').locator(`[data-section="${key}"]`);

async function describe(page: Page, c: QualityCase, department: string) {
  await page.getByLabel('Title').fill(c.title);
  await page.getByLabel('Department').fill(department);
  await page.getByLabel('Describe the process in your own words').fill(c.processDescription);
  for (const f of c.frameworks) await page.getByRole('checkbox', { name: FRAMEWORK[f] }).check();
}

/** The body text of one numbered section of a Word export ("7 Procedure" up to "8 Records"), not its line in the table of contents. */
function wordSection(text: string, heading: string, next: string): string {
  const at = (h: string) => text.search(new RegExp(`^\\s*\\d+ ${h}\\s*$`, 'm'));
  expect(at(heading), heading).toBeGreaterThan(-1);
  return text.slice(at(heading), at(next));
}

/** The Word export of the SOP the page is on, as pages of text; null where LibreOffice is missing. */
async function exportPages(page: Page, name: string): Promise<string | null> {
  const res = await page.request.get(`/api/v1${new URL(page.url()).pathname.replace(/^\/o\//, '/orgs/')}/export.docx`);
  expect(res.status(), await res.text().catch(() => '')).toBe(200);
  const pages = wordPages(await res.body(), `${SHOTS}/drafting-${name}-word`);
  return pages && pages.join('\n');
}

test('the two procedures drafted from free text and from a template: reload and Back lose nothing; page and Word keep what the QA manager wrote', async ({ browser }) => {
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });
  const page = await (await browser.newContext()).newPage();
  const email = uniqueEmail('qa-drafts');
  await signUpAndConfirm(page, email, 'Dana Whitfield');
  const slug = await createOrg(page, `Northfield ${email.slice(10, 18)}`);
  const problems = collectConsoleProblems(page);

  // The embedded default has no model: the offline drafter writes the draft (here: AI switched off).
  await page.goto(`/o/${slug}/settings`);
  await page.getByTestId('ai-allowed').uncheck();
  await page.getByTestId('document-settings-form').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('document-settings-form').getByTestId('form-notice')).toContainText('saved');

  // 1. Receiving, from free text. A reload mid-way keeps every field.
  await page.goto(`/o/${slug}/sops/new`);
  await describe(page, RECEIVING_EXAMPLE, 'Receiving');
  await page.reload();
  await expect(page.getByTestId('fields-restored')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue(RECEIVING_EXAMPLE.title);
  await expect(page.getByLabel('Department')).toHaveValue('Receiving');
  await expect(page.getByLabel('Describe the process in your own words')).toHaveValue(RECEIVING_EXAMPLE.processDescription);
  await expect(page.getByRole('checkbox', { name: /HACCP/ })).toBeChecked();
  await page.getByRole('button', { name: 'Create offline draft' }).click();

  // Once the SOP exists the address is the SOP's; a reload shows the draft, not an empty form.
  await expect(page).toHaveURL(/\/sops\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.1', { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.1');
  await expect(section(page, 'purpose')).toContainText('Make sure every inbound delivery of chilled and frozen raw material is checked');
  await expect(section(page, 'records')).toContainText('QF-017');
  await expect(section(page, 'healthAndSafety')).toContainText(/hi-vis vest/i);
  await expect(section(page, 'procedure')).toContainText('≤ 4 °C');
  for (const contact of ['555-201-0142', 'qa.receiving@northfield-foods.example', 'ext. 214']) {
    await expect(section(page, 'procedure')).not.toContainText(contact);
    await expect(section(page, 'responsibilities')).toContainText(contact);
  }
  await shot(page, '1-receiving');
  const receivingWord = await exportPages(page, '1-receiving');
  if (receivingWord) {
    expect(receivingWord).toContain('QF-017');
    expect(receivingWord).toMatch(/hi-vis vest/i);
    const procedureText = wordSection(receivingWord, 'Procedure', 'Records');
    expect(procedureText).toContain('QF-017');
    expect(procedureText).not.toContain('555-201-0142');
  }

  // Back returns to New SOP, which says what the text became.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/o/${slug}/sops/new`));
  await expect(page.getByTestId('last-draft')).toContainText(RECEIVING_EXAMPLE.title);

  // 2. Sanitation, from free text: warnings keep their severity and print before the step they guard.
  await describe(page, SANITATION_EXAMPLE, 'Sanitation');
  await page.getByRole('button', { name: 'Create offline draft' }).click();
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.1', { timeout: 30_000 });
  const procedure = section(page, 'procedure');
  await expect(section(page, 'records')).toContainText('SAN-002');
  const text = (await procedure.innerText()).replace(/\s+/g, ' ').toLowerCase();
  for (const c of SANITATION_EXAMPLE.callouts) {
    await expect(procedure.locator(`aside.callout-${c.kind}`).filter({ hasText: c.text }), `${c.text} is a ${c.kind}`).toHaveCount(1);
    const [callout, step] = [text.indexOf(c.text.toLowerCase()), text.indexOf(c.guards.toLowerCase())];
    expect(callout, c.text).toBeGreaterThan(-1);
    expect(callout, `${c.text} prints before "${c.guards}"`).toBeLessThan(step);
  }
  await expect(section(page, 'healthAndSafety')).toContainText('WARNING');
  await shot(page, '2-sanitation');
  const sanitationWord = await exportPages(page, '2-sanitation');
  if (sanitationWord) {
    const flat = wordSection(sanitationWord, 'Procedure', 'Records').replace(/\s+/g, ' ');
    const warning = flat.search(/WARNING: the slicer blade stays sharp/i);
    expect(warning).toBeGreaterThan(-1);
    expect(warning).toBeLessThan(flat.indexOf('Remove the blade guard'));
    expect(flat).toContain('SAN-002');
    expect(flat).toMatch(/CAUTION: never mix the foam cleaner/i);
  }

  // 3. Sanitation from the built-in template; the choice and the fields survive a reload.
  await page.goto(`/o/${slug}/sops/new?from=template`);
  await page.getByTestId('template-card').filter({ has: page.getByTestId('template-name').getByText('Sanitation', { exact: true }) }).getByRole('radio').check();
  await page.getByLabel('Title').fill('Slicer sanitation (line 2)');
  await page.getByLabel('Department').fill('Sanitation');
  await page.reload();
  await expect(page.getByTestId('chosen-template')).toContainText('Template: Sanitation.');
  await expect(page.getByLabel('Title')).toHaveValue('Slicer sanitation (line 2)');
  await expect(page.getByLabel('Department')).toHaveValue('Sanitation');
  await page.getByRole('button', { name: 'Create SOP' }).click();
  await expect(page).toHaveURL(/\/sops\/[0-9a-f-]{36}\?created=template$/);
  await expect(page.getByTestId('sop-title')).toHaveText('Slicer sanitation (line 2)');
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.1');
  await expect(section(page, 'procedure')).toContainText('WARNING');
  await shot(page, '3-template');
  await page.reload();
  await expect(page.getByTestId('sop-title')).toHaveText('Slicer sanitation (line 2)');

  // All three are in the SOP list.
  await page.goto(`/o/${slug}/sops`);
  for (const title of [RECEIVING_EXAMPLE.title, SANITATION_EXAMPLE.title, 'Slicer sanitation (line 2)']) await expect(page.getByRole('link', { name: title })).toBeVisible();
  expect(problems).toEqual([]);
});
