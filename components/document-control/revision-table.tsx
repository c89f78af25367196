import Link from 'next/link';
import { TableHead } from '@/components/ui/table';
import type { VersionRevision } from '@/lib/document-control/revision-history';
import type { Signature } from '@/lib/document-control/service';
import { MEANING_WORDS, STATE_WORDS } from '@/lib/document-control/words';
import { formatUtc } from '@/lib/format';
import { StateBadge } from './state-badge';

/** One signature as the manifestation requires (11.50): meaning, printed name as signed, UTC time. */
function SignatureLine({ g }: { g: Signature }) {
  return (
    <li data-test="signature">
      <span className="font-medium">{MEANING_WORDS[g.meaning]}</span> by {g.signerName}
      <span className="block text-xs text-slate-500">{formatUtc(g.signedAt)}{g.authMethod === 'password+totp' ? ' · password and authenticator code' : ''}</span>
      {g.comment ? <span className="block whitespace-pre-line text-xs text-slate-700">“{g.comment}”</span> : null}
      {!g.valid ? (
        <span className="block text-xs font-semibold text-red-700" data-test="signature-invalid">
          Invalid: the version’s content no longer matches what was signed.
        </span>
      ) : null}
    </li>
  );
}

function Dates({ r }: { r: VersionRevision }) {
  const lines: [string, string][] = [];
  if (r.effectiveAt) lines.push(['Effective from', formatUtc(r.effectiveAt)]);
  else if (r.state === 'approved' && r.submission?.effectiveFrom) lines.push(['Effective on', formatUtc(r.submission.effectiveFrom)]);
  if (r.supersededAt) lines.push(['Superseded', formatUtc(r.supersededAt)]);
  if (r.obsoleteAt) lines.push(['Obsolete', formatUtc(r.obsoleteAt)]);
  if (lines.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <dl className="space-y-1">
      {lines.map(([k, v]) => (
        <div key={k}>
          <dt className="text-xs text-slate-500">{k}</dt>
          <dd className="whitespace-nowrap">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Every state change of the version (who, when, why), and the signatures of earlier rounds, folded. */
function Steps({ r }: { r: VersionRevision }) {
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-brand-700">
        Every step of version {r.version.label} ({r.transitions.length})
      </summary>
      <table className="mt-2 w-full text-left" data-test="transitions">
        <thead className="text-slate-500">
          <tr>
            <th className="py-1 pr-3 font-medium">When (UTC)</th>
            <th className="py-1 pr-3 font-medium">Became</th>
            <th className="py-1 pr-3 font-medium">By</th>
            <th className="py-1 font-medium">Reason</th>
          </tr>
        </thead>
        <tbody>
          {r.transitions.map((t) => (
            <tr key={t.id} className="align-top">
              <td className="whitespace-nowrap py-1 pr-3 text-slate-600">{formatUtc(t.at)}</td>
              <td className="whitespace-nowrap py-1 pr-3 font-medium">{STATE_WORDS[t.toState]}{t.label ? ` ${t.label}` : ''}</td>
              <td className="py-1 pr-3">{t.actorId ? t.actorName || 'a former member' : 'the scheduled job'}</td>
              <td className="whitespace-pre-line py-1 text-slate-700">{t.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.earlierSignatures.length ? (
        <>
          <p className="mt-2 font-medium text-slate-600">Signatures of earlier rounds</p>
          <ul className="mt-1 space-y-1">
            {r.earlierSignatures.map((g) => (
              <SignatureLine key={g.id} g={g} />
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}

/** The revision history of an SOP: the versions that were submitted, newest first. */
export function RevisionTable({ revisions }: { revisions: VersionRevision[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" data-test="revision-history">
        <TableHead style="card" cell="px-3 py-2" columns={['Revision', 'State', 'Reason for change', 'Signatures', 'Effective']} />
        <tbody>
          {revisions.flatMap((r) => [
            <tr key={r.version.id} className="align-top" data-test="revision" data-version-id={r.version.id}>
              <td className="px-3 py-3">
                <Link href={r.href} prefetch={false} className="text-base font-semibold text-brand-700 hover:underline" data-test="revision-label">
                  {r.revisionLabel ?? `Version ${r.version.label}`}
                </Link>
                <span className="block whitespace-nowrap text-xs text-slate-500">
                  {r.revisionLabel ? `version ${r.version.label}, ` : ''}
                  {r.submission?.revisionKind} revision
                </span>
              </td>
              <td className="px-3 py-3">
                <StateBadge lifecycle={{ state: r.state, round: null }} />
              </td>
              <td className="max-w-xs whitespace-pre-line px-3 py-3 text-slate-700" data-test="change-reason">{r.submission?.changeReason}</td>
              <td className="px-3 py-3">
                <ul className="space-y-1.5">
                  {r.signatures.map((g) => (
                    <SignatureLine key={g.id} g={g} />
                  ))}
                </ul>
              </td>
              <td className="px-3 py-3">
                <Dates r={r} />
              </td>
            </tr>,
            <tr key={`${r.version.id}-steps`} className="border-b border-slate-100 last:border-0">
              <td colSpan={5} className="px-3 pb-3">
                <Steps r={r} />
              </td>
            </tr>,
          ])}
        </tbody>
      </table>
    </div>
  );
}
