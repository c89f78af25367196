/** Auth emails (GoTrue's templates, plainly worded), with links through /auth/v1/verify. */
import { escapeHtml as esc } from '@/lib/security/escape';
import type { Ctx } from './context';

/** When a sign-up was asked for, in words: the person can tell their own sign-up's email from one someone else triggered. */
const requestedAt = (ctx: Ctx) => ctx.now().toISOString().slice(0, 16).replace('T', ' at ') + ' UTC';

/** redirect_to must share scheme and host with the site (any port on loopback); else the site. */
export function validRedirect(ctx: Ctx, candidate: string | null | undefined): string {
  if (!candidate) return ctx.config.siteUrl;
  try {
    const site = new URL(ctx.config.siteUrl);
    const u = new URL(candidate);
    const loopback = (h: string) => h === 'localhost' || h === '127.0.0.1' || h === '[::1]';
    if (u.protocol === site.protocol && (u.host === site.host || (loopback(u.hostname) && loopback(site.hostname)))) return u.toString();
  } catch {
    // not a URL
  }
  return ctx.config.siteUrl;
}

export function verifyLink(ctx: Ctx, tokenHash: string, type: string, redirectTo: string): string {
  const q = new URLSearchParams({ token: tokenHash, type, redirect_to: redirectTo });
  return `${ctx.config.issuer}/verify?${q.toString()}`;
}

async function send(ctx: Ctx, to: string, kind: string, subject: string, lines: string[], link?: { url: string; label: string }) {
  const text = [...lines, ...(link ? ['', `${link.label}: ${link.url}`] : []), '', 'If you did not ask for this, you can ignore this email.'].join('\n');
  const html = `${lines.map((l) => `<p>${esc(l)}</p>`).join('')}${link ? `<p><a href="${esc(link.url)}">${esc(link.label)}</a></p>` : ''}<p>If you did not ask for this, you can ignore this email.</p>`;
  await ctx.mailer.send({ to, subject, text, html, kind });
}

export const sendConfirmation = (ctx: Ctx, to: string, url: string, otp: string) =>
  send(
    ctx,
    to,
    'signup',
    'Confirm your SOPwright account',
    [
      `Welcome to SOPwright. Someone asked to create an account with this address on ${requestedAt(ctx)}. Confirm your email address to activate it.`,
      'The password chosen in the sign-up whose link or code you use becomes the account\'s password, and every other sign-up for this address stops working. If you signed up more than once, use the email from the sign-up you made; if you did not ask for this one, do not use its link.',
      `If you are asked for a code instead, your confirmation code is ${otp}.`,
      'The link and the code work once and expire in 24 hours.',
    ],
    { url, label: 'Confirm your email' },
  );

export const sendRecovery = (ctx: Ctx, to: string, url: string) =>
  send(ctx, to, 'recovery', 'Reset your SOPwright password', ['Someone asked to reset the password of your SOPwright account.', 'The link works once and expires in 24 hours.'], { url, label: 'Choose a new password' });

export const sendEmailChange = (ctx: Ctx, to: string, url: string) =>
  send(ctx, to, 'email_change', 'Confirm your new email address', ['Confirm that this is the new email address of your SOPwright account.'], { url, label: 'Confirm the new address' });

export const sendReauthentication = (ctx: Ctx, to: string, otp: string) =>
  send(ctx, to, 'reauthentication', 'Your SOPwright confirmation code', [`Your confirmation code is ${otp}.`, 'It expires in 24 hours.']);
