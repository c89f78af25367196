import type { Metadata } from 'next';
import { env } from '@/lib/env';
import { contactLabel } from '@/lib/security/security-txt';

export const metadata: Metadata = { title: 'Security and data protection' };
// The reporting contact is read from the running configuration, not the build's.
export const dynamic = 'force-dynamic';

const sections: { title: string; items: string[] }[] = [
  {
    title: 'Where your data lives',
    items: [
      'Self-hosted by default: the embedded mode keeps everything in a database folder on your own server, with no outside service contacted.',
      'Hosted mode uses your own Supabase project (Postgres) in the region you choose.',
      'Each organization’s records are separated by Postgres row-level security policies, tested against every table for every role.',
    ],
  },
  {
    title: 'Accounts and sessions',
    items: [
      'Email verification before any organization data is shown.',
      'Passwords of at least 10 characters, checked against a list of common passwords, stored only as bcrypt hashes.',
      'TOTP two-factor authentication; once enrolled it is required for every session. Ten one-time recovery codes, stored only as bcrypt hashes, get you back in if the authenticator is lost (the old one is then removed and the use recorded in the audit trail).',
      'A list of your active sessions with device and address, which you can revoke one by one or all at once.',
    ],
  },
  {
    title: 'Electronic signatures and the audit trail',
    items: [
      'Every signature asks for your password again, and your authenticator code when you have one, checked by the sign-in service — even inside a session that is already signed in.',
      'Five wrong attempts in 15 minutes lock signing for 15 minutes, and the organization’s owners are emailed.',
      'A signature records the printed name, the meaning and the database’s UTC time, and binds to a SHA-256 of the version’s content: if the content were changed afterwards, the signature shows as invalid.',
      'Audit events, versions and signatures cannot be changed or deleted by any role, administrators and the service included. Each audit export carries a checkpoint signed with a key the database does not hold, so an offline verifier can tell if rows were rewritten or removed later.',
    ],
  },
  {
    title: 'AI drafting and analysis',
    items: [
      'Email addresses, phone numbers, personal and patient identifiers, card numbers and your own list of sensitive terms are replaced by placeholders before text is sent to the model.',
      'An organization can switch AI processing off; the offline drafter then builds drafts on your server.',
      'Regulation references come from SOPwright’s clause library; citations the model invents are removed and reported.',
      'Clause suggestions and gap analyses get the same scrubbed text as drafting. Every clause the model names is checked against the library and every sentence it quotes against the SOP; what does not check out is dropped and shown to you, and suggestions wait for a person to accept them.',
    ],
  },
  {
    title: 'Web application hardening',
    items: [
      'A strict Content Security Policy with a fresh nonce per request; no inline or evaluated scripts.',
      'Plain text is kept exactly as you typed it and escaped wherever it is shown; the rendered SOP HTML is sanitized with a strict allowlist before it is stored and again before it is displayed.',
      'Every API input validated; errors never expose internal messages or stack traces.',
      'Rate limits on sign-in and drafting that refuse requests if the limiter itself is unavailable, keyed on the connection’s address or a proxy you configure — never on a header anyone can send.',
    ],
  },
];

export default function SecurityPage() {
  return (
    <div className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Security and data protection</h1>
      <p className="mt-4 text-slate-700">
        SOPwright holds the procedures that run your operation. This page says, plainly, how they are protected.
      </p>
      {sections.map((s) => (
        <section key={s.title} className="mt-10">
          <h2 className="text-xl font-semibold">{s.title}</h2>
          <ul className="mt-3 list-disc space-y-2 pl-5 text-slate-700">
            {s.items.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </section>
      ))}
      <ReportingSection contact={env().securityTxt.contact} />
    </div>
  );
}

function ReportingSection({ contact }: { contact: string | null }) {
  return (
    <section className="mt-10" aria-labelledby="reporting">
      <h2 id="reporting" className="text-xl font-semibold">Reporting a vulnerability</h2>
      {contact ? (
        <p className="mt-3 text-slate-700">
          Report it privately to{' '}
          <a href={contact} className="font-medium text-brand-700 underline" data-test="security-contact">
            {contactLabel(contact)}
          </a>{' '}
          (also listed in <a href="/.well-known/security.txt" className="underline">/.well-known/security.txt</a>). Please give us a reasonable time to fix an issue before publishing it.
        </p>
      ) : (
        <p className="mt-3 text-slate-700">This installation has not configured a security contact yet. Please report issues to the people who run it.</p>
      )}
    </section>
  );
}
