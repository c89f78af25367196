/**
 * The manifestation of a version's electronic signatures (21 CFR 11.50): for each, the printed
 * name as signed, the date and time to the second in UTC, the meaning in words, the comment,
 * and — when the content no longer matches what was signed (11.70) — that it is invalid.
 */
import type { Signature } from '@/lib/document-control/service';
import { MEANING_WORDS } from '@/lib/document-control/words';
import { formatUtcSeconds } from '@/lib/format';

const MEANING_STYLE = {
  authored: 'bg-slate-100 text-slate-700',
  reviewed: 'bg-sky-100 text-sky-800',
  approved: 'bg-emerald-100 text-emerald-800',
  rejected: 'bg-red-100 text-red-800',
  read_understood: 'bg-violet-100 text-violet-800',
  reviewed_no_change: 'bg-amber-100 text-amber-800',
} as const;

export function SignatureList({ signatures, empty = 'No signatures yet.' }: { signatures: Signature[]; empty?: string }) {
  if (signatures.length === 0) return <p className="text-sm text-slate-600" data-test="no-signatures">{empty}</p>;
  return (
    <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-test="signatures">
      {signatures.map((s) => (
        <li key={s.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3 text-sm" data-test="signature" data-meaning={s.meaning} data-valid={String(s.valid)}>
          <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${MEANING_STYLE[s.meaning]}`} data-test="signature-meaning">{MEANING_WORDS[s.meaning]}</span>
          <span className="font-medium text-slate-900" data-test="signature-name">{s.signerName}</span>
          <span className="text-slate-500">({s.signerEmail})</span>
          <time dateTime={s.signedAt} className="font-mono text-xs text-slate-600" data-test="signature-time">{formatUtcSeconds(s.signedAt)}</time>
          <span className="text-xs text-slate-500">{s.authMethod === 'password+totp' ? 'password and authenticator code' : 'password'}</span>
          {!s.valid ? (
            <strong className="rounded bg-red-700 px-2 py-0.5 text-xs text-white" data-test="signature-invalid">INVALID — content changed after signing</strong>
          ) : null}
          {s.comment ? <p className="w-full whitespace-pre-wrap text-slate-700" data-test="signature-comment">“{s.comment}”</p> : null}
        </li>
      ))}
    </ol>
  );
}
