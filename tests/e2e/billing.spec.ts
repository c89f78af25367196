/**
 * Billing in Chromium against the local Stripe fake (the app's real SDK talks to it; its
 * hosted Checkout page delivers signed webhooks to the app's /api/stripe/webhook).
 */
import { expect, test } from '@playwright/test';
import { collectConsoleProblems } from './support/console';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { createOrg } from './support/orgs';

test('Upgrade → Stripe Checkout → webhook → the billing page shows Pro; Manage billing → portal and back', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = collectConsoleProblems(page, { allowStatus: (url) => !url.includes('/o/') });
  const email = uniqueEmail('billing');
  await signUpAndConfirm(page, email, 'Bea Billing');
  const slug = await createOrg(page, `Billing ${email.slice(8, 16)}`);

  await page.goto(`/o/${slug}/billing`);
  await expect(page.getByTestId('billing-plan')).toHaveText('Free');
  await expect(page.getByTestId('billing-status')).toHaveText('No subscription');
  await expect(page.getByTestId('usage-drafts')).toContainText('0 of 10');
  await expect(page.getByTestId('usage-seats')).toContainText('1 of 3');
  await page.screenshot({ path: 'test-results/screens/billing-free.png', fullPage: true });

  await page.getByTestId('upgrade-pro').getByRole('button', { name: 'Upgrade to Pro' }).click();
  await expect(page).toHaveURL(/\/checkout\/cs_/);
  await expect(page.getByText('price_e2e_pro')).toBeVisible();
  await page.getByRole('button', { name: 'Pay' }).click();

  await expect(page).toHaveURL(new RegExp(`/o/${slug}/billing\\?checkout=success`));
  await expect(page.getByTestId('billing-plan')).toHaveText('Pro');
  await expect(page.getByTestId('billing-status')).toHaveText('Active');
  await expect(page.getByTestId('usage-drafts')).toContainText('0 of 200');
  await page.screenshot({ path: 'test-results/screens/billing-pro.png', fullPage: true });

  await page.getByTestId('manage-billing').getByRole('button', { name: 'Manage billing' }).click();
  await expect(page).toHaveURL(/\/portal\/bps_/);
  await page.getByRole('link', { name: 'Return to the app' }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${slug}/billing$`));
  await expect(page.getByTestId('billing-plan')).toHaveText('Pro');
  expect(problems).toEqual([]);
});
