/**
 * npm run test:e2e — the browser suite against a production build, as users get it.
 *   1. find Chromium (PLAYWRIGHT_CHROMIUM_PATH, else /usr/bin/chromium). None: say so loudly
 *      and skip — except under CI=true, where a missing browser fails the run;
 *   2. `next build`;
 *   3. start the local Anthropic fake (tests/fakes/anthropic-e2e: the real SDK in the app
 *      talks to it through ANTHROPIC_BASE_URL, with slow tokens), the local Stripe fake
 *      (tests/fakes/stripe, through STRIPE_API_BASE_URL; its hosted Checkout page delivers
 *      signed webhooks to the app) and the local Resend fake (tests/fakes/resend, through
 *      RESEND_BASE_URL: every email goes out through the real Resend SDK, and the tests read
 *      them from the fake, E2E_RESEND_URL), then the app's own server (scripts/server.ts, what
 *      `npm start` runs) on a free port with a fresh embedded database in .data-e2e/ (in its
 *      own process group, so stopping it stops its children too);
 *   4. `playwright test` (extra arguments are passed through), then stop the server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { E2E_ANTHROPIC_KEY, startE2eAnthropic } from '../tests/fakes/anthropic-e2e';
import { startFakeResend } from '../tests/fakes/resend';
import { startFakeStripe } from '../tests/fakes/stripe';
import { freePort } from '../tests/e2e/support/instances';

const root = path.resolve(__dirname, '..');
const E2E_CRON_SECRET = 'e2e-cron-secret-local-only-000000';
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

function findChromium(): string | null {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

function banner(lines: string[]) {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n${lines.map((l) => `!! ${l}`).join('\n')}\n${bar}\n`);
}

async function main() {
  const chromium = findChromium();
  if (!chromium) {
    const lines = [
      'E2E BROWSER TESTS SKIPPED: no Chromium found.',
      'Install one (Debian/Ubuntu: sudo apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_PATH.',
      'The unit and database suites ran; the browser suite did NOT.',
    ];
    banner(lines);
    process.exit(process.env.CI === 'true' ? 1 : 0);
  }

  const port = Number(process.env.E2E_PORT ?? (await freePort()));
  const baseUrl = `http://localhost:${port}`;
  const dataDir = path.join(root, '.data-e2e');
  rmSync(dataDir, { recursive: true, force: true });
  const anthropic = await startE2eAnthropic();
  const stripeKeys = { secretKey: 'sk_test_e2e_local_fake_000000', webhookSecret: 'whsec_e2e_local_fake_000000' };
  const stripe = await startFakeStripe({ ...stripeKeys, prices: ['price_e2e_pro', 'price_e2e_team'], webhookUrl: `${baseUrl}/api/stripe/webhook` });
  const resendKey = 're_e2e_local_fake_000000';
  const resend = await startFakeResend(resendKey);
  const serverEnv = {
    ...process.env,
    STRIPE_SECRET_KEY: stripeKeys.secretKey,
    STRIPE_WEBHOOK_SECRET: stripeKeys.webhookSecret,
    STRIPE_PRICE_PRO: 'price_e2e_pro',
    STRIPE_PRICE_TEAM: 'price_e2e_team',
    STRIPE_API_BASE_URL: stripe.url,
    ANTHROPIC_API_KEY: E2E_ANTHROPIC_KEY,
    ANTHROPIC_BASE_URL: anthropic.url,
    RESEND_API_KEY: resendKey,
    RESEND_BASE_URL: resend.url,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    APP_URL: baseUrl,
    // security.txt needs a real reporting channel (lib/env.ts securityContact).
    SUPPORT_EMAIL: 'security-reports@sopwright.test',
    SOPWRIGHT_DATA_DIR: dataDir,
    // The suite runs the scheduled jobs itself (POST /api/jobs/run), so the server's own 15-minute run stays off.
    CRON_SECRET: E2E_CRON_SECRET,
    // Set on purpose: edge.spec.ts checks that a production build ignores it (404 on /dev/mailbox).
    SOPWRIGHT_MAILBOX: '1',
  } as NodeJS.ProcessEnv;
  // The browser suite runs on the embedded database even when DATABASE_URL is set for the db suite.
  delete serverEnv.DATABASE_URL;

  if (process.env.E2E_SKIP_BUILD !== '1') {
    const build = spawnSync(bin('next'), ['build'], { cwd: root, stdio: 'inherit', env: serverEnv });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const migrate = spawnSync(bin('tsx'), ['scripts/db-migrate.ts'], { cwd: root, stdio: 'inherit', env: serverEnv });
  if (migrate.status !== 0) process.exit(migrate.status ?? 1);

  const server = spawn(bin('tsx'), ['scripts/server.ts', '--test-clock'], {
    cwd: root,
    env: serverEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverLog = '';
  server.stdout?.on('data', (d: Buffer) => (serverLog += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()));
  const stop = () => {
    if (server.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', stop);
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));

  let code = 1;
  try {
    await waitForHealth(baseUrl, server);
    // Asynchronously: the Anthropic fake lives in this process and must keep answering.
    const run = spawn(bin('playwright'), ['test', ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: baseUrl, PLAYWRIGHT_CHROMIUM_PATH: chromium, E2E_DATA_DIR: dataDir, E2E_RESEND_URL: resend.url, E2E_RESEND_KEY: resendKey, E2E_CRON_SECRET },
    });
    code = await new Promise<number>((resolve) => run.on('exit', (c) => resolve(c ?? 1)));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    code = 1;
  }
  if (code !== 0) console.error(`\n--- app server log ---\n${serverLog.slice(-8000)}`);
  stop();
  await anthropic.close();
  await stripe.close();
  await resend.close();
  process.exit(code);
}

void main();
