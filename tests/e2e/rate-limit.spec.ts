import { expect, test } from '@playwright/test';
import { uniqueEmail } from './support/auth';

test('20 wrong passwords in a row end in 429 with Retry-After, at the auth API and in the sign-in form', async ({ page, request }) => {
  const email = uniqueEmail('brute');
  const statuses: number[] = [];
  let limited: { retryAfter: string | undefined; body: unknown } | undefined;
  for (let i = 0; i < 20; i++) {
    const res = await request.post('/auth/v1/token?grant_type=password', {
      headers: { 'X-Supabase-Api-Version': '2024-01-01', apikey: 'sb_publishable_sopwright_embedded' },
      data: { email, password: `wrong password number ${i}` },
    });
    statuses.push(res.status());
    if (res.status() === 429 && !limited) limited = { retryAfter: res.headers()['retry-after'], body: await res.json() };
  }
  expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
  expect(statuses.at(-1)).toBe(429);
  expect(Number(limited?.retryAfter)).toBeGreaterThan(0);
  expect(limited?.body).toMatchObject({ code: 'over_request_rate_limit' });

  const formEmail = uniqueEmail('brute-form');
  let message = '';
  for (let i = 0; i < 12 && !message.includes('Too many attempts'); i++) {
    await page.goto('/sign-in');
    await page.getByLabel('Email', { exact: true }).fill(formEmail);
    await page.getByLabel('Password').fill(`wrong password number ${i}`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    message = (await page.getByTestId('form-error').textContent()) ?? '';
  }
  expect(message).toContain('Too many attempts');
});
