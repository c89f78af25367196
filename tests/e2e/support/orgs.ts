import { expect, type Page } from '@playwright/test';

/** Create an organization from the /o page as the signed-in user; returns its slug. */
export async function createOrg(page: Page, name: string): Promise<string> {
  await page.goto('/o');
  await page.getByLabel('Organization name').fill(name);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByTestId('org-name')).toHaveText(name);
  return new URL(page.url()).pathname.split('/')[2]!;
}
