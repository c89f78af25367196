import { expect, test } from '@playwright/test';
import { collectConsoleProblems } from './support/console';
import { mailboxLink, PASSWORD, signIn, signUpAndConfirm, totp, uniqueEmail } from './support/auth';

test('sign up, confirm by email, enable TOTP, sign in with it, revoke another session, delete the account', async ({ browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('journey');
  const a = await browser.newContext();
  const page = await a.newPage();
  const problems = collectConsoleProblems(page);

  // Sign up → mailbox → confirmation link → signed in.
  await signUpAndConfirm(page, email);
  await page.screenshot({ path: 'test-results/screens/email-confirmed.png' });
  await page.getByRole('link', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Create your organization' })).toBeVisible();
  await expect(page.getByTestId('signed-in-email')).toHaveText(email);

  // Sign out, sign in with the password.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=signed_out/);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/o$/);

  // Enable TOTP.
  await page.goto('/settings/security');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.locator('[data-test=totp-secret]').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.screenshot({ path: 'test-results/screens/totp-enroll.png', fullPage: true });
  await page.getByLabel('Code from the app').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify and turn on' }).click();
  await expect(page.getByText('On: each sign-in asks for a code')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Turn off two-factor authentication' })).toBeVisible();

  // Sign out; signing in now needs the code.
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await signIn(page, email);
  await expect(page).toHaveURL(/\/sign-in\/mfa/);
  await page.screenshot({ path: 'test-results/screens/sign-in-mfa.png' });
  await page.getByLabel('Authentication code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('form-error')).toContainText('That code is not right');
  await page.getByLabel('Authentication code').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/o$/);

  // A second browser signs in too; the first revokes it; its next request is signed out.
  const b = await browser.newContext();
  const other = await b.newPage();
  await signIn(other, email);
  await expect(other).toHaveURL(/\/sign-in\/mfa/);
  await other.getByLabel('Authentication code').fill(totp(secret));
  await other.getByRole('button', { name: 'Verify' }).click();
  await expect(other).toHaveURL(/\/o$/);

  await page.goto('/settings/security');
  const rows = page.locator('[data-test=session-row]');
  await expect(rows).toHaveCount(2);
  await page.screenshot({ path: 'test-results/screens/security-settings.png', fullPage: true });
  await rows.filter({ hasNotText: 'this browser' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(rows).toHaveCount(1);

  await other.goto('/settings');
  await expect(other).toHaveURL(/\/sign-in\?reason=session_ended/);
  await expect(other.getByText('Your session has ended')).toBeVisible();
  await b.close();

  // Delete the account: password re-entry, then signed out everywhere and unusable.
  await page.goto('/settings');
  await page.getByLabel('Your password').fill(PASSWORD);
  await page.getByLabel('Type "DELETE" to confirm').fill('DELETE');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=account_deleted/);
  await signIn(page, email);
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in/);

  expect(problems.filter((p) => !p.includes('/sign-in'))).toEqual([]);
  await a.close();
});

test('wrong password and unknown email get the same answer; pages render without console errors', async ({ page }) => {
  const problems = collectConsoleProblems(page);
  const email = uniqueEmail('known');
  await signUpAndConfirm(page, email);
  const ctx = await page.context().browser()!.newContext();
  const p2 = await ctx.newPage();
  await signIn(p2, email, 'definitely-wrong-password');
  const wrong = await p2.getByTestId('form-error').textContent();
  await signIn(p2, uniqueEmail('nobody'), 'definitely-wrong-password');
  const unknown = await p2.getByTestId('form-error').textContent();
  expect(wrong).toBe(unknown);
  expect(wrong).toContain('do not match');
  await p2.screenshot({ path: 'test-results/screens/sign-in-error.png' });

  for (const path of ['/sign-up', '/forgot-password']) {
    await p2.goto(path);
    await p2.screenshot({ path: `test-results/screens${path}.png` });
  }
  await p2.goto('/sign-up');
  await p2.getByLabel('Full name').fill('Short Pw');
  await p2.getByLabel('Work email').fill(uniqueEmail('short'));
  await p2.getByLabel('Password').fill('password12');
  await p2.getByRole('button', { name: 'Create account' }).click();
  await expect(p2.getByTestId('form-error')).toContainText(/common/i);
  await p2.getByLabel('Password').fill('short');
  await p2.getByRole('button', { name: 'Create account' }).click();
  await expect(p2.getByTestId('form-error')).toContainText(/at least 10 characters/i);

  await p2.goto('/sign-in');
  await p2.getByLabel('Work email for single sign-on').fill('someone@acme.example');
  await p2.getByRole('button', { name: 'Sign in with SSO' }).click();
  await expect(p2.getByTestId('form-error')).toContainText('Single sign-on is not configured');
  await ctx.close();
  expect(problems).toEqual([]);
});

test('forgot password: the emailed link lets the user choose a new password and sign in with it', async ({ page }) => {
  const email = uniqueEmail('recover');
  await signUpAndConfirm(page, email);
  await page.context().clearCookies();
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByTestId('form-notice')).toContainText(`If an account exists for ${email}`);
  await page.goto(await mailboxLink(page, email, 'recovery'));
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase 7');
  await page.getByLabel('Repeat the new password').fill('a brand new passphrase 7');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('Your password has been changed.')).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, email, 'a brand new passphrase 7');
  await expect(page).toHaveURL(/\/o$/);
});
