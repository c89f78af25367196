import { afterEach, describe, expect, it, vi } from 'vitest';
import { isLocal, sopApi } from '@/components/sops/editor/api';
import { parseIfMatch } from '@/lib/sops/service';
import { etagOf, revisionOf } from '@/lib/sops/etag';

const api = sopApi('acme', 'sop-1');
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers }));

afterEach(() => vi.unstubAllGlobals());

describe('draft ETags, shared by the routes and the editor', () => {
  it('names a revision and reads it back (weak tags too); anything else names none', () => {
    expect(etagOf(7)).toBe('"r7"');
    expect(revisionOf(etagOf(7))).toBe(7);
    expect(revisionOf(' W/"r12" ')).toBe(12);
    for (const bad of [null, undefined, '', 'r3', '"3"', '"r3', '"r1234567890"']) expect(revisionOf(bad)).toBeNull();
  });

  it('refuses a missing or malformed If-Match with 428 on the server', () => {
    expect(parseIfMatch('"r3"')).toBe(3);
    expect(() => parseIfMatch(null)).toThrow(expect.objectContaining({ status: 428 }));
  });
});

describe('editor API client', () => {
  it('sends If-Match with the revision and reads the new one from the ETag', async () => {
    const fetch = answer(201, { version: { label: '0.2' } }, { etag: '"r5"' });
    vi.stubGlobal('fetch', fetch);
    const res = await api.saveVersion('Clearer purpose', 4);
    expect(res).toEqual({ ok: true, data: { version: { label: '0.2' } }, revision: 5 });
    expect(fetch).toHaveBeenCalledWith('/api/v1/orgs/acme/sops/sop-1/versions', expect.objectContaining({ method: 'POST', headers: { 'Content-Type': 'application/json', 'If-Match': '"r4"' } }));
  });

  it('hands back the server error shape, with their draft on a 409', async () => {
    const current = { draftRevision: 9, draftContent: { purpose: 'theirs' } };
    vi.stubGlobal('fetch', answer(409, { error: { code: 'conflict', message: 'Someone else saved.' }, current }));
    const res = await api.load();
    expect(res).toEqual({ ok: false, status: 409, error: { code: 'conflict', message: 'Someone else saved.' }, current });
    expect(!res.ok && isLocal(res.error)).toBe(false);
  });

  it('writes its own error when the answer has none or never comes', async () => {
    vi.stubGlobal('fetch', answer(502, '<html>Bad gateway</html>'));
    const bad = await api.load();
    expect(bad).toEqual({ ok: false, status: 502, error: { code: 'http_502', message: 'the server answered 502' }, current: undefined });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const down = await api.load();
    expect(down).toMatchObject({ ok: false, status: 0, error: { code: 'network' } });
    expect([bad, down].every((r) => !r.ok && isLocal(r.error))).toBe(true);
  });
});
