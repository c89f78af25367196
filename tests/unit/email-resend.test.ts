import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEmailWith } from '@/lib/email';
import { startFakeResend, type FakeResend } from '../fakes/resend';

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend('re_test_key_123');
});
afterAll(async () => {
  await fake.close();
});

const msg = { to: 'new.person@example.test', subject: 'You are invited', text: 'Accept: http://x/invite/1?token=abc', html: '<p>Accept</p>', kind: 'invite' };

describe('email through Resend (real SDK, local fake)', () => {
  it('sends with the API key, sender, recipient, subject and both bodies', async () => {
    const ok = await sendEmailWith({ mode: 'resend', apiKey: 're_test_key_123', baseUrl: fake.url, from: 'SOPwright <no-reply@acme.example>' }, msg);
    expect(ok).toBe(true);
    expect(fake.sent.at(-1)).toMatchObject({ from: 'SOPwright <no-reply@acme.example>', to: ['new.person@example.test'], subject: 'You are invited', text: msg.text, html: msg.html });
  });

  it('returns false (and does not throw) when Resend refuses the key', async () => {
    const before = fake.sent.length;
    expect(await sendEmailWith({ mode: 'resend', apiKey: 're_wrong', baseUrl: fake.url, from: 'x@acme.example' }, msg)).toBe(false);
    expect(fake.sent.length).toBe(before);
  });

  it('returns false when Resend fails', async () => {
    fake.failNext(429, 'rate_limit_exceeded', 'Too many requests');
    expect(await sendEmailWith({ mode: 'resend', apiKey: 're_test_key_123', baseUrl: fake.url, from: 'x@acme.example' }, msg)).toBe(false);
  });

  it('returns false when Resend is unreachable', async () => {
    expect(await sendEmailWith({ mode: 'resend', apiKey: 're_test_key_123', baseUrl: 'http://127.0.0.1:9', from: 'x@acme.example' }, msg)).toBe(false);
  });
});
