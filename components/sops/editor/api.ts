/**
 * The editor's calls to the SOP API, typed. Each answer that is not a 2xx comes back in the
 * app's error shape `{ code, message }` — the server's own, or one written here when the
 * server cannot be reached or its answer carries none — so callers handle a single shape.
 */
import type { TSopContent } from '@/lib/sops/content';
import { etagOf, revisionOf } from '@/lib/sops/etag';

export interface Draft {
  draftRevision: number;
  draftContent: TSopContent;
}

export interface ApiError {
  code: string;
  message: string;
}

/** `current` is the draft someone else saved, sent with a 409. */
export type Answer<T> = { ok: true; data: T; revision: number | null } | { ok: false; status: number; error: ApiError; current?: Draft };

const UNREACHABLE: ApiError = { code: 'network', message: 'the server cannot be reached' };

/** True when the words are this client's (no answer, or one without the error shape), not the server's. */
export const isLocal = (e: ApiError) => e.code === UNREACHABLE.code || /^http_\d+$/.test(e.code);

export async function call<T>(url: string, init: { method?: string; json?: unknown; revision?: number } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  if (init.revision !== undefined) headers['If-Match'] = etagOf(init.revision);
  let res: Response;
  try {
    res = await fetch(url, { method: init.method, headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  } catch {
    return { ok: false, status: 0, error: UNREACHABLE };
  }
  const body = (await res.json().catch(() => ({}))) as { error?: ApiError; current?: Draft };
  if (res.ok) return { ok: true, data: body as T, revision: revisionOf(res.headers.get('etag')) };
  return {
    ok: false,
    status: res.status,
    error: body.error ?? { code: `http_${res.status}`, message: `the server answered ${res.status}` },
    current: body.current?.draftContent ? body.current : undefined,
  };
}

/** The calls for one SOP; `revision` is the draft revision the change was made against (sent as If-Match). */
export function sopApi(org: string, sopId: string) {
  const url = `/api/v1/orgs/${org}/sops/${sopId}`;
  return {
    load: () => call<{ sop: Draft }>(url),
    saveDraft: (content: TSopContent, revision: number) =>
      call<{ sop: Draft }>(url, { method: 'PATCH', revision, json: { title: content.titleBlock.title, department: content.titleBlock.department, content } }),
    saveVersion: (changeSummary: string, revision: number) => call<{ version: { label: string } }>(`${url}/versions`, { method: 'POST', revision, json: { changeSummary } }),
    /** The rewrite streams its progress as Server-Sent Events, so this one hands back the response itself. */
    improve: (section: string, instruction: string) =>
      fetch(`${url}/improve`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ section, instruction }) }),
  };
}

export type SopApi = ReturnType<typeof sopApi>;
