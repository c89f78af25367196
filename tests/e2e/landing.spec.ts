import { expect, test } from '@playwright/test';
import { collectConsoleProblems } from './support/console';

test('the landing page explains the product, with a nonce CSP and no console errors', async ({ page }) => {
  const problems = collectConsoleProblems(page);
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);

  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");

  await expect(page.getByRole('heading', { level: 1 })).toContainText('Standard operating procedures');
  await expect(page.getByText('Security is the product')).toBeVisible();

  // Next's own scripts carry this response's nonce (the browser hides the attribute value).
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);

  await page.getByRole('link', { name: 'How your data is protected' }).click();
  await expect(page).toHaveURL(/\/security$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Security and data protection');

  await page.screenshot({ path: 'test-results/screens/landing.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('an unknown page is a real 404 page and an unknown API path is a JSON error', async ({ page, request }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();

  const api = await request.get('/api/no-such-endpoint');
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ error: { code: 'not_found', message: 'No such API endpoint.' } });
});

test('health and security.txt answer', async ({ request }) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  const body = await health.json();
  expect(body.database.ok).toBe(true);
  expect(body.database.latestMigration).toMatch(/\.sql$/);
  expect(JSON.stringify(body)).not.toMatch(/postgres:\/\/|secret|password/i);

  const txt = await request.get('/.well-known/security.txt');
  const text = await txt.text();
  for (const field of ['Contact:', 'Expires:', 'Preferred-Languages:', 'Canonical:', 'Policy:']) expect(text).toContain(field);
});

test('robots.txt keeps crawlers to the marketing pages, and /favicon.ico is the app icon', async ({ request }) => {
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  const rules = await robots.text();
  for (const path of ['/o/', '/api/', '/auth/', '/settings', '/dev/']) expect(rules).toContain(`Disallow: ${path}\n`);
  for (const path of ['/security', '/docs/api']) expect(rules).toContain(`Allow: ${path}\n`);

  const icon = await request.get('/favicon.ico');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  expect([...(await icon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]); // the ICO signature
});
