import { expect, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { randomUUID } from 'node:crypto';

export const PASSWORD = 'correct horse battery staple 42';

export function uniqueEmail(prefix = 'qa'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

/**
 * The newest link of the given type mailed to this address. The e2e server sends its email
 * through the real Resend SDK to the local Resend fake (scripts/run-e2e.ts), which tests read
 * like Resend's list endpoint. (`page` is unused: kept so the specs read the same.)
 */
export async function mailboxLink(page: Page, email: string, type: 'signup' | 'recovery' | 'invite' | 'email_change' = 'signup'): Promise<string> {
  const url = process.env.E2E_RESEND_URL;
  if (!url) throw new Error('E2E_RESEND_URL is not set: run the suite through npm run test:e2e');
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${url}/emails?to=${encodeURIComponent(email)}`, { headers: { Authorization: `Bearer ${process.env.E2E_RESEND_KEY}` } });
        const { data } = (await res.json()) as { data: { text?: string }[] };
        const links = data.flatMap((m) => m.text?.match(/https?:\/\/\S+/g) ?? []).filter((h) => h.includes('/auth/v1/verify') || h.includes('/invite/'));
        link = links.find((h) => (type === 'invite' ? h.includes('/invite/') : h.includes(`type=${type}`)));
        return link;
      },
      { timeout: 15_000 },
    )
    .toBeTruthy();
  return link!;
}

export function totp(secret: string): string {
  return generateSync({ secret });
}

export async function signUpAndConfirm(page: Page, email: string, name = 'Quinn Auditor') {
  await page.goto('/sign-up');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/check-email/);
  await page.goto(await mailboxLink(page, email, 'signup'));
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Turn on TOTP for the signed-in user at /settings/security; returns the secret (for totp()). */
export async function enrollTotp(page: Page): Promise<string> {
  await page.goto('/settings/security');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.locator('[data-test=totp-secret]').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel('Code from the app').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify and turn on' }).click();
  await expect(page.getByText('On: each sign-in asks for a code')).toBeVisible();
  return secret;
}
