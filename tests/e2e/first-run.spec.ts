import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { collectConsoleProblems } from './support/console';
import { mailboxLink, PASSWORD, signIn, totp, uniqueEmail } from './support/auth';

const shot = (page: Page, name: string) => page.screenshot({ path: `${process.env.E2E_SHOTS_DIR ?? 'test-results/screens'}/firstrun-${name}.png`, fullPage: true });

async function enrolAndReadCodes(page: Page): Promise<{ secret: string; codes: string[] }> {
  await page.goto('/settings/security');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.locator('[data-test=totp-secret]').textContent())?.trim() ?? '';
  await page.getByLabel('Code from the app').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify and turn on' }).click();
  await expect(page.getByText('On: each sign-in asks for a code')).toBeVisible();
  const list = page.getByTestId('recovery-code');
  await expect(list).toHaveCount(10);
  return { secret, codes: (await list.allTextContents()).map((c) => c.trim()) };
}

async function toMfaStep(page: Page, email: string) {
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/sign-in\/mfa/);
  await page.getByText('Lost your authenticator? Use a recovery code').click();
}

test('first run: confirm in another browser, recovery codes instead of a lost authenticator, a real security contact', async ({ browser, request }) => {
  test.setTimeout(150_000);
  const email = uniqueEmail('firstrun');

  // Sign up in one browser; open the confirmation link in another.
  const first = await (await browser.newContext()).newPage();
  await first.goto('/sign-up');
  await first.getByLabel('Full name').fill('Fran First');
  await first.getByLabel('Work email').fill(email);
  await first.getByLabel('Password').fill(PASSWORD);
  await first.getByRole('button', { name: 'Create account' }).click();
  await expect(first).toHaveURL(/\/check-email/);
  const link = await mailboxLink(first, email, 'signup');

  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  const problems = collectConsoleProblems(page);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
  await expect(page.getByText('Sign in to continue.')).toBeVisible();
  await shot(page, 'confirmed-elsewhere');
  // Confirmed, but this browser was not signed in by the link.
  await page.getByTestId('confirmed-sign-in').click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(email);
  await page.goto('/o');
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/o$/);

  // TOTP on: ten recovery codes, shown once, downloadable.
  const { codes } = await enrolAndReadCodes(page);
  expect(new Set(codes).size).toBe(10);
  await shot(page, 'recovery-codes');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as .txt' }).click()]);
  expect(download.suggestedFilename()).toBe('sopwright-recovery-codes.txt');
  const txt = await readFile((await download.path())!, 'utf8');
  for (const c of codes) expect(txt).toContain(c);
  await page.reload();
  await expect(page.getByTestId('recovery-code')).toHaveCount(0);
  await expect(page.getByTestId('recovery-codes-left')).toHaveText(/10 of 10 recovery codes left/);

  // Lost the authenticator: a recovery code gets in and turns two-factor off.
  await toMfaStep(page, email);
  await page.getByLabel('Recovery code').fill('abcde-fghjk');
  await page.getByRole('button', { name: 'Use recovery code' }).click();
  await expect(page.getByTestId('form-error')).toContainText('That recovery code is not right');
  await shot(page, 'mfa-recovery');
  await page.getByLabel('Recovery code').fill(codes[0]!.toUpperCase());
  await page.getByRole('button', { name: 'Use recovery code' }).click();
  await expect(page).toHaveURL(/\/settings\/security\?recovered=1/);
  await expect(page.getByTestId('recovered-notice')).toContainText('Set up your authenticator app again');
  await expect(page.getByRole('button', { name: 'Set up an authenticator app' })).toBeVisible();
  await shot(page, 'recovered');

  // Set up again: a new set; neither the used code nor the old set works any more.
  const again = await enrolAndReadCodes(page);
  expect(again.codes).not.toContain(codes[1]);
  await toMfaStep(page, email);
  for (const old of [codes[0]!, codes[1]!]) {
    await page.getByLabel('Recovery code').fill(old);
    await page.getByRole('button', { name: 'Use recovery code' }).click();
    await expect(page.getByLabel('Recovery code')).toHaveValue(''); // the action has answered
    await expect(page.getByTestId('form-error')).toContainText('That recovery code is not right');
    await expect(page).toHaveURL(/\/sign-in\/mfa/);
  }
  await page.getByLabel('Authentication code').fill(totp(again.secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/o$/);

  // The security contact is a real address, the same on the page and in security.txt.
  const txtRes = await request.get('/.well-known/security.txt');
  const securityTxt = await txtRes.text();
  const contact = /^Contact: (.+)$/m.exec(securityTxt)?.[1];
  expect(contact).toMatch(/^mailto:.+@/);
  expect(contact).not.toMatch(/\/security$/);
  expect(securityTxt).toMatch(/^Policy: .+\/security$/m);
  await page.goto('/security');
  await expect(page.getByTestId('security-contact')).toHaveAttribute('href', contact!);
  await page.getByTestId('security-contact').scrollIntoViewIfNeeded();
  await shot(page, 'security-page');
  expect(problems).toEqual([]);
});
