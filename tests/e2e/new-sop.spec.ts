/**
 * New SOP loses nothing: what is typed survives a reload, the SOP's own address is shown as
 * soon as the SOP exists (a reload there shows the draft, mid-stream or finished), Back
 * returns to New SOP, which points at the SOP the text became; and a button that waits says so.
 */
import { expect, test } from '@playwright/test';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { collectConsoleProblems } from './support/console';
import { createOrg } from './support/orgs';

const SHOTS = 'test-results/screens';
const DESCRIPTION = ['1. Operator stops the line and removes all product of the previous lot', '   Warning: moving parts, apply lockout first', '2. Clean the hopper and the conveyor', '3. QA verifies the line is clear and signs the changeover record'].join('\n');

test('New SOP keeps what was typed across reload and Back; the draft lives at the SOP address', async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('newsop');
  await signUpAndConfirm(page, email, 'Nora New');
  const slug = await createOrg(page, `Newsop ${email.slice(7, 15)}`);
  const problems = collectConsoleProblems(page);

  await page.goto(`/o/${slug}/sops/new`);
  await page.getByLabel('Title').fill('Allergen changeover (slow)');
  await page.getByLabel('Department (optional)').fill('Quality Assurance');
  await page.getByLabel('Describe the process in your own words').fill(DESCRIPTION);
  await page.getByRole('checkbox', { name: /HACCP/ }).check();

  // Reload: everything typed is back, and the page says so.
  await page.reload();
  await expect(page.getByTestId('fields-restored')).toContainText('Restored what you typed');
  await expect(page.getByLabel('Title')).toHaveValue('Allergen changeover (slow)');
  await expect(page.getByLabel('Department (optional)')).toHaveValue('Quality Assurance');
  await expect(page.getByLabel('Describe the process in your own words')).toHaveValue(DESCRIPTION);
  await expect(page.getByRole('checkbox', { name: /HACCP/ })).toBeChecked();
  await page.screenshot({ path: `${SHOTS}/newsop-restored.png`, fullPage: true });

  // Once the SOP exists the address is the SOP's, and its first section shows before the draft is done.
  await page.getByTestId('generate-submit').click();
  await expect(page).toHaveURL(/\/sops\/[0-9a-f-]{36}$/);
  const sopPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('streamed-purpose')).toBeVisible();
  await expect(page.getByTestId('generation-status')).toContainText(/Drafting with Claude: [1-8] of 9 sections/);
  await expect(page.getByTestId('sop-title')).toHaveText('Allergen changeover (slow)');
  await page.screenshot({ path: `${SHOTS}/newsop-midstream.png`, fullPage: true });

  // A reload mid-draft shows the draft (still streaming, or finished), never an empty form.
  await page.reload();
  await expect(page.getByText(/sets out the steps, responsibilities and records for allergen changeover/).first()).toBeVisible();
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.1', { timeout: 30_000 });
  await expect(page.getByTestId('sop-html')).toContainText('signs the changeover record');
  await expect(page.getByText('· Quality Assurance')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/newsop-done.png`, fullPage: true });

  // Back returns to New SOP, which says where the text went and can start another from it.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/o/${slug}/sops/new$`));
  await expect(page.getByTestId('last-draft')).toContainText('Allergen changeover (slow)');
  await expect(page.getByLabel('Title')).toHaveValue('');
  await expect(page.getByTestId('last-draft').getByRole('link')).toHaveAttribute('href', sopPath);
  await page.screenshot({ path: `${SHOTS}/newsop-back.png` });
  // Still so after a reload; and the department typed before is now a suggestion.
  await page.reload();
  await expect(page.getByTestId('last-draft')).toContainText('Allergen changeover (slow)');
  await expect(page.locator('#department-options option')).toHaveAttribute('value', 'Quality Assurance');
  await page.getByTestId('reuse-fields').click();
  await expect(page.getByLabel('Describe the process in your own words')).toHaveValue(DESCRIPTION);
  await expect(page.getByTestId('last-draft')).toHaveCount(0);

  // Save version is busy while its request waits.
  await page.goto(`${sopPath}/edit`);
  await page.getByTestId('ed-purpose').fill('Remove every trace of the previous allergen before the next lot starts.');
  await expect(page.getByTestId('save-status')).toContainText('Saved at', { timeout: 15_000 });
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/versions', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByLabel('Save as a new version').fill('Clearer purpose');
  const button = page.getByTestId('save-version');
  await button.click();
  await expect(button).toHaveAttribute('aria-busy', 'true');
  await expect(button).toBeDisabled();
  await expect(button).toHaveText('Saving version…');
  await button.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/newsop-busy.png` });
  release();
  await expect(page.getByTestId('version-message')).toHaveText('Saved as version 0.2.');
  await expect(button).toHaveAttribute('aria-busy', 'false');
  expect(problems).toEqual([]);
});
