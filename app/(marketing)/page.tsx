import Link from 'next/link';
import { CURRENT_FRAMEWORKS } from '@/lib/library';

const steps = [
  {
    title: 'Describe the process in your own words, or start from a template',
    body: 'Paste rough notes, an old procedure or a list of steps, or start from a template (sanitation, receiving, calibration, CAPA, line clearance …) or one your team saved. Names, phone numbers, patient and batch identifiers are redacted before anything leaves your server, and you see what was removed.',
  },
  {
    title: 'Get a complete, structured draft',
    body: 'Purpose, scope, responsibilities, definitions, safety and PPE, numbered steps with warnings and cautions printed before the step they guard, records, references and revision history — every heading a regulated SOP needs, with "Not applicable" where a section does not apply. Your form numbers, equipment, PPE and limits stay as you wrote them.',
  },
  {
    title: 'Cite only real clauses',
    body: 'Drafts are grounded in the clauses of the frameworks you pick, from SOPwright’s own regulation library. A reference the model invents is removed and shown to you, never silently kept.',
  },
  {
    title: 'Review, approve and sign',
    body: 'Route a version to reviewers and approvers, who sign with their password (and authenticator code) re-entered at every signature. The database enforces the order, separation of duties and one effective version; superseded and obsolete versions are marked wherever they appear.',
  },
  {
    title: 'Keep every version, export a controlled document',
    body: 'Edit the draft, freeze it as an immutable version, compare any two versions, and keep a hash-chained audit trail of who changed what. Export a Word document with document number, version, page x of y, the signatures with printed name, time and meaning, the effective date and “Uncontrolled when printed” on every page.',
  },
  {
    title: 'Keep people trained and procedures reviewed',
    body: 'Assign an SOP to people, roles or departments: each new major revision asks them to sign it as read and understood, with the same electronic signature. A training matrix (CSV and Excel), periodic reviews that remind and escalate by email, and “what was in effect on this date, who approved it and who had read it” answered from the record.',
  },
];

// Generated from the regulation library, so the page names only frameworks the drafter can cite.
const frameworks = CURRENT_FRAMEWORKS.filter((f) => f.clauses.length > 0).map((f) => f.shortName);

const protections = [
  ['Tenant isolation in the database', 'Every row belongs to an organization, and Postgres row-level security decides what each signed-in person can read or change — not a filter someone has to remember.'],
  ['Private by default', 'Runs fully offline on your own machine with no accounts and no network. When you connect Claude, identifiers are scrubbed first and nothing is used for training.'],
  ['Strict sessions', 'Email verification, TOTP two-factor with one-time recovery codes, a session list you can revoke, and rate limits that refuse rather than wave requests through when in doubt.'],
  ['Evidence for inspectors', 'Append-only, hash-chained audit events with who, what and when, searchable and exportable; each export carries a signed checkpoint that an offline verifier checks. Versions and signatures that no one, administrators included, can change once saved.'],
];

export default function LandingPage() {
  return (
    <>
      <section className="bg-gradient-to-b from-brand-50 to-white">
        <div className="mx-auto max-w-6xl px-6 py-20">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">For quality, EHS and compliance teams</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-slate-900 sm:text-5xl">
            Standard operating procedures your auditor can rely on.
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-700">
            SOPwright drafts SOPs with Claude from the way your people actually work, cites only clauses from its own
            regulation library, keeps every version with an audit trail, and exports them as controlled Word documents.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link href="/sign-up" className="rounded-md bg-brand-600 px-5 py-3 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
              Start drafting
            </Link>
            <Link href="/security" className="rounded-md border border-slate-300 bg-white px-5 py-3 text-sm font-semibold text-slate-800 hover:border-brand-600">
              How your data is protected
            </Link>
          </div>
          <p className="mt-4 text-sm text-slate-600">
            Built for QA managers, plant and lab supervisors and compliance officers in life sciences, medical devices, food,
            manufacturing and healthcare.
          </p>
        </div>
      </section>

      <section className="mx-auto max-w-6xl px-6 py-16">
        <h2 className="text-2xl font-semibold tracking-tight">From rough notes to a controlled document</h2>
        <ol className="mt-8 grid gap-6 sm:grid-cols-2">
          {steps.map((s, i) => (
            <li key={s.title} className="rounded-lg border border-slate-200 p-6">
              <p className="text-sm font-semibold text-brand-700">Step {i + 1}</p>
              <h3 className="mt-1 text-lg font-semibold">{s.title}</h3>
              <p className="mt-2 text-slate-700">{s.body}</p>
            </li>
          ))}
        </ol>
      </section>

      <section className="border-y border-slate-200 bg-slate-50">
        <div className="mx-auto max-w-6xl px-6 py-16">
          <h2 className="text-2xl font-semibold tracking-tight">Mapped to the frameworks you are audited against</h2>
          <p className="mt-3 max-w-2xl text-slate-700">
            Pick the frameworks your organization follows; references come from SOPwright’s clause library, so every citation
            in a draft can be traced to a real clause. Map each SOP to the clauses it addresses (by hand, from its references,
            or from suggestions you accept), see coverage per framework, export the evidence an auditor asks for, and run a gap
            analysis whose every clause and quote is checked against the library and the SOP.
          </p>
          <p className="mt-3 text-sm">
            <Link href="/library" className="font-medium text-brand-700 underline">
              Browse the library
            </Link>{' '}
            — every framework with its edition, coverage and the public source of its ids.
          </p>
          <ul className="mt-6 flex flex-wrap gap-2">
            {frameworks.map((f) => (
              <li key={f} className="rounded-full border border-brand-100 bg-white px-3 py-1 text-sm text-brand-900">{f}</li>
            ))}
          </ul>
        </div>
      </section>

      <section className="mx-auto max-w-6xl px-6 py-16">
        <h2 className="text-2xl font-semibold tracking-tight">Security is the product</h2>
        <p className="mt-3 max-w-2xl text-slate-700">
          You are handing over your operational know-how. These protections are on for every organization, on every plan.
        </p>
        <dl className="mt-8 grid gap-6 sm:grid-cols-2">
          {protections.map(([t, d]) => (
            <div key={t} className="rounded-lg border border-slate-200 p-6">
              <dt className="font-semibold">{t}</dt>
              <dd className="mt-2 text-slate-700">{d}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
