import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { env } from '@/lib/env';
import { asService } from '@/lib/db/service';
import { listOutbox } from '@/lib/email/outbox';

export const metadata: Metadata = { title: 'Local mailbox', robots: { index: false } };
export const dynamic = 'force-dynamic';

/** Turn the URLs of a plain-text email into links; everything else stays text (React escapes it). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p} className="break-all text-brand-700 underline">
            {p}
          </a>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </>
  );
}

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!env().mailbox) notFound();
  const to = (await searchParams).to?.slice(0, 255);
  const emails = await listOutbox(asService, { to, limit: 100 });
  return (
    <main className="mx-auto max-w-3xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Local mailbox</h1>
      <p className="mt-2 text-sm text-slate-600">
        This server has no email service configured (embedded mode), so emails are kept here instead of being sent.
        {to ? <> Showing mail to <strong>{to}</strong>.</> : null}
      </p>
      {emails.length === 0 ? <p className="mt-8 text-slate-600">No emails yet.</p> : null}
      <ol className="mt-6 space-y-4">
        {emails.map((m) => (
          <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4" data-test="mail">
            <div className="flex flex-wrap justify-between gap-2 text-sm">
              <span>
                To <strong data-test="mail-to">{m.to}</strong>
              </span>
              <time className="text-slate-500">{m.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
            </div>
            <h2 className="mt-1 font-medium">{m.subject}</h2>
            <pre className="mt-2 whitespace-pre-wrap font-sans text-sm text-slate-800">
              <Linkified text={m.text} />
            </pre>
          </li>
        ))}
      </ol>
    </main>
  );
}
