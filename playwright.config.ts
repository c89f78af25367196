import { defineConfig } from '@playwright/test';

/**
 * The browser suite runs Debian's Chromium (no browser download). scripts/run-e2e.ts builds
 * the app once, starts `next start` on E2E_BASE_URL with a fresh embedded database, and
 * passes the browser's path in PLAYWRIGHT_CHROMIUM_PATH.
 */
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://localhost:3100',
    testIdAttribute: 'data-test',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /\.clock\.spec\.ts$/ },
    // Specs that move the database clock (POST /api/test/clock) run after every other spec, one
    // at a time: a moved clock would fail another spec's signatures (re-authentication is
    // checked against it). Run one alone with `--project clock --no-deps`.
    { name: 'clock', use: { browserName: 'chromium' }, testMatch: /\.clock\.spec\.ts$/, dependencies: ['chromium'], fullyParallel: false },
  ],
});
