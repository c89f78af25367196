import { expect, type Browser, type Page } from '@playwright/test';
import { mailboxLink, signUpAndConfirm } from './auth';

/** Create an organization from the /o page as the signed-in user; returns its slug. */
export async function createOrg(page: Page, name: string): Promise<string> {
  await page.goto('/o');
  await page.getByLabel('Organization name').fill(name);
  await page.getByRole('button', { name: 'Create organization' }).click();
  // On a cold server with both workers signing up at once, this first post can queue behind
  // the other worker's password hashing on the one embedded connection for over 10 s.
  await expect(page.getByTestId('org-name')).toHaveText(name, { timeout: 30_000 });
  return new URL(page.url()).pathname.split('/')[2]!;
}

/** Invite a new person with `role` through the API as `owner`, and have them sign up and accept in their own browser context. */
export async function joinAs(browser: Browser, owner: Page, orgApi: string, email: string, role: string, name: string): Promise<Page> {
  const res = await owner.request.post(`${orgApi}/invites`, { data: { email, role } });
  expect(res.status(), await res.text()).toBe(201);
  const page = await (await browser.newContext()).newPage();
  await signUpAndConfirm(page, email, name);
  await page.goto(await mailboxLink(page, email, 'invite'));
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(page.getByText(`Your role: ${role[0]!.toUpperCase()}${role.slice(1)}`)).toBeVisible();
  return page;
}

/** Upgrade the organization to Pro through the Stripe fake's Checkout (the Free plan has 3 seats). */
export async function upgradeToPro(page: Page, slug: string): Promise<void> {
  await page.goto(`/o/${slug}/billing`);
  await page.getByTestId('upgrade-pro').getByRole('button', { name: 'Upgrade to Pro' }).click();
  await expect(page).toHaveURL(/\/checkout\/cs_/);
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByTestId('billing-plan')).toHaveText('Pro');
}
