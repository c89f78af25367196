import { expect, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { randomUUID } from 'node:crypto';

export const PASSWORD = 'correct horse battery staple 42';

export function uniqueEmail(prefix = 'qa'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

/** The newest link of the given type that the local mailbox holds for this address. */
export async function mailboxLink(page: Page, email: string, type: 'signup' | 'recovery' | 'invite' | 'email_change' = 'signup'): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
        const hrefs = await page.locator('a[href*="/auth/v1/verify"], a[href*="/invite/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
        link = hrefs.find((h) => (type === 'invite' ? h.includes('/invite/') : h.includes(`type=${type}`)));
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
