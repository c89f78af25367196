/**
 * The SOP page's "Compliance mapping" panel: the clauses the SOP is mapped to, by framework
 * (how each was mapped, by whom, when), the suggestions waiting to be accepted or rejected,
 * and, for editors, adding a clause by hand, mapping the SOP's references and asking for
 * suggestions. Viewers and approvers read it.
 */
import Link from 'next/link';
import { formatUtc } from '@/lib/format';
import type { Mapping } from '@/lib/compliance/mappings';
import type { MappingPanelData } from '@/lib/compliance/page-context';
import { groupBy } from './group';
import { AddClause, MappingRowAction, MappingTools } from './mapping-actions';

const ORIGIN: Record<Mapping['origin'], string> = { manual: 'by hand', references: 'from references', suggested: 'accepted suggestion' };

function ClauseName({ m }: { m: Mapping }) {
  return (
    <span className="min-w-0 wrap-anywhere">
      <span className="font-mono text-xs font-semibold" data-test="mapping-clause">{m.clause}</span> <span>{m.clauseTitle || 'not in the library'}</span>
      {m.withdrawn ? <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">withdrawn</span> : null}
    </span>
  );
}

export function MappingPanel({ slug, sopId, data }: { slug: string; sopId: string; data: MappingPanelData }) {
  const url = `/api/v1/orgs/${slug}/sops/${sopId}/mappings`;
  const { canEdit, accepted, proposals } = data;
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-test="mapping-panel" aria-labelledby="mapping-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="mapping-title" className="text-lg font-semibold">Compliance mapping</h3>
        {accepted.length ? <p className="text-sm text-slate-600" data-test="mapping-count">{accepted.length} clause{accepted.length === 1 ? '' : 's'} mapped</p> : null}
      </div>
      <p className="mt-1 text-sm text-slate-600">The clauses of the regulations and standards this SOP addresses: the evidence an auditor asks for, clause by clause.</p>
      {!data.follows ? (
        <p className="mt-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700" data-test="no-frameworks">
          Your organization follows no framework yet. <Link href={`/o/${slug}/settings`} className="font-medium text-brand-700 underline">Choose them in Settings</Link> to get suggestions and to see them first here.
        </p>
      ) : null}

      <div className="mt-4">
        {accepted.length === 0 ? (
          <p className="text-sm text-slate-600" data-test="no-mappings">Not mapped to any clause yet.{canEdit ? ' Add one below, map the SOP’s references, or ask for suggestions.' : ''}</p>
        ) : (
          <div className="space-y-4" data-test="mappings">
            {groupBy(accepted, (m) => m.frameworkName).map(([framework, list]) => (
              <div key={framework} data-test="mapping-framework">
                <h4 className="text-sm font-semibold text-slate-800">{framework} <span className="font-normal text-slate-500">· {list.length}</span></h4>
                <ul className="mt-1 divide-y divide-slate-100 text-sm">
                  {list.map((m) => (
                    <li key={m.id} className="flex flex-col gap-2 py-2 sm:flex-row sm:items-start sm:justify-between sm:gap-4" data-test="mapping">
                      <div className="min-w-0 sm:flex-1">
                        <ClauseName m={m} />
                        <p className="text-xs text-slate-500">
                          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700" data-test="mapping-origin">{ORIGIN[m.origin]}</span>{' '}
                          {m.acceptedByName ?? m.createdByName} · {formatUtc(m.acceptedAt ?? m.createdAt)}
                        </p>
                        {m.rationale ? <p className="mt-0.5 text-xs text-slate-600">{m.rationale}</p> : null}
                      </div>
                      {canEdit ? <MappingRowAction url={`${url}/${m.id}`} action="remove" label={`${m.frameworkName} ${m.clause}`} /> : null}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
      </div>

      {proposals.length ? (
        <div className="mt-5 rounded-lg border border-brand-100 bg-brand-50/40 p-3 sm:p-4" data-test="proposals">
          <h4 className="text-sm font-semibold text-slate-800">Suggestions waiting for a decision · {proposals.length}</h4>
          <ul className="mt-1 divide-y divide-brand-100 text-sm">
            {proposals.map((m) => (
              <li key={m.id} className="flex flex-col gap-2 py-2 sm:flex-row sm:items-start sm:justify-between sm:gap-4" data-test="proposal">
                <div className="min-w-0 sm:flex-1">
                  <p className="text-xs font-medium text-slate-500">{m.frameworkName}</p>
                  <ClauseName m={m} />
                  <p className="text-xs text-slate-500" data-test="proposal-engine">
                    {m.suggestedBy === 'claude' ? 'Suggested by Claude' : 'Suggested by keyword matching (offline)'} · {formatUtc(m.createdAt)}
                  </p>
                  {m.rationale ? <p className="mt-0.5 text-xs text-slate-700" data-test="proposal-reason">{m.rationale}</p> : null}
                </div>
                {canEdit ? (
                  <span className="flex gap-2">
                    <MappingRowAction url={`${url}/${m.id}`} action="accept" label={`${m.frameworkName} ${m.clause}`} />
                    <MappingRowAction url={`${url}/${m.id}`} action="reject" label={`${m.frameworkName} ${m.clause}`} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {canEdit ? (
        data.hasContent ? (
          <div className="mt-5 space-y-5 border-t border-slate-100 pt-4">
            <div>
              <h4 className="text-sm font-semibold text-slate-800">Add a clause</h4>
              <div className="mt-2">
                <AddClause slug={slug} url={url} frameworks={data.frameworks} initial={data.initial} />
              </div>
            </div>
            <MappingTools url={url} claude={data.claude} follows={data.follows} />
          </div>
        ) : (
          <p className="mt-4 text-sm text-slate-600">Map this SOP once it has content.</p>
        )
      ) : null}
    </section>
  );
}
