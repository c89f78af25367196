import type { Page } from '@playwright/test';

/** Console errors, CSP violations, failed responses and uncaught page errors seen while a test runs. */
export function collectConsoleProblems(page: Page, opts: { allowStatus?: (url: string, status: number) => boolean } = {}): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console.error: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !opts.allowStatus?.(res.url(), res.status())) problems.push(`HTTP ${res.status()} ${res.url()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}
