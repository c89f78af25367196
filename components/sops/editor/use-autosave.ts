'use client';
/**
 * The editor's save loop with optimistic concurrency. Every save sends If-Match with the
 * revision the text was typed against; a 409 means someone else saved meanwhile and the
 * state waits for the author to choose (nothing is overwritten silently, nothing autosaves
 * meanwhile). Until the server has the text, this browser keeps a copy and offers it back
 * when the editor is opened again at the same revision. One save runs at a time, and a save
 * settles only the edits it carried: text typed while it was on its way is saved next, against
 * the revision it returned (two saves in flight with the same If-Match would make the second
 * look like someone else's change).
 *
 * The content schema (zod, ./form-check) is not in the editor's first paint: it is fetched right
 * after mount, and a save that comes before it has arrived waits for it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TSopContent } from '@/lib/sops/content';
import { isLocal, type Draft, type SopApi } from './api';
import { backupOf, restorable, toForm, type Form } from './form-model';
import { loadOnce } from './load-once';

export type SaveState = { kind: 'saved'; at: string } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'invalid'; message: string } | { kind: 'error'; message: string } | { kind: 'conflict'; theirs: TSopContent; theirRevision: number };

const AUTOSAVE_MS = 1200;
const UNREACHABLE = 'Not saved: the server cannot be reached. Your text is kept in this browser; saving resumes when you edit again or press Save now.';
const savedNow = (): SaveState => ({ kind: 'saved', at: new Date().toLocaleTimeString() });

/** The validator (zod), fetched after the first paint. */
const validator = loadOnce(() => import('./form-check').then((m) => m.checkForm));

export function useAutosave({ api, sopId, initialContent, initialRevision }: { api: SopApi; sopId: string; initialContent: TSopContent; initialRevision: number }) {
  const backupKey = `sopwright:draft:${sopId}`;
  const [base, setBase] = useState(initialContent);
  const [form, setForm] = useState<Form>(() => toForm(initialContent));
  const [save, setSave] = useState<SaveState>({ kind: 'saved', at: '' });
  const [restored, setRestored] = useState(false);
  // Bumped whenever the form is replaced from outside (restore, reload, their text): the rich-text procedure follows.
  const [resetKey, setResetKey] = useState(0);
  const dirtyRef = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const revisionRef = useRef(initialRevision);
  // Bumped by every edit; a save remembers the count it carried.
  const edits = useRef(0);
  const latestForm = useRef(form);
  const inFlight = useRef<Promise<boolean> | null>(null);

  // Fetch the validator now, while the author reads: saves need it.
  useEffect(() => {
    validator.load().catch(() => undefined);
  }, []);

  // Offer the text this browser kept when a save did not reach the server.
  useEffect(() => {
    const kept = window.localStorage.getItem(backupKey);
    if (!kept) return;
    const f = restorable(kept, initialRevision, initialContent);
    if (!f) {
      window.localStorage.removeItem(backupKey);
      return;
    }
    // Reading browser storage can only happen after mount; restoring it is the point.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setForm(f);
    latestForm.current = f;
    setResetKey((k) => k + 1);
    setRestored(true);
    dirtyRef.current = true;
    setSave({ kind: 'dirty' });
  }, [backupKey, initialContent, initialRevision]);

  /** The server has `content` at `revision`; nothing is pending any more unless more was typed after `carried` edits. */
  const settle = useCallback(
    (content: TSopContent, revision: number, carried = edits.current) => {
      revisionRef.current = revision;
      setBase(content);
      if (edits.current !== carried) {
        // Typed while this save was on its way: kept against the new revision, saved next.
        window.localStorage.setItem(backupKey, backupOf(revision, latestForm.current));
        setSave({ kind: 'dirty' });
        return;
      }
      dirtyRef.current = false;
      window.localStorage.removeItem(backupKey);
      setSave(savedNow());
    },
    [backupKey],
  );

  /** Replace the form with a draft from the server (a rewrite, or their text after a conflict). */
  const replace = useCallback(
    (draft: Draft) => {
      settle(draft.draftContent, draft.draftRevision);
      latestForm.current = toForm(draft.draftContent);
      setForm(latestForm.current);
      setResetKey((k) => k + 1);
    },
    [settle],
  );

  const doSave = useCallback(
    async (force?: number): Promise<boolean> => {
      while (inFlight.current) await inFlight.current;
      const carried = edits.current;
      // Set as in flight before anything is awaited, so that a second save waits for this one.
      const run = (async () => {
        let check = validator.loaded();
        if (!check) {
          try {
            check = await validator.load();
          } catch {
            setSave({ kind: 'error', message: UNREACHABLE });
            return false;
          }
        }
        const checked = check(form, base);
        if (!checked.ok) {
          setSave({ kind: 'invalid', message: checked.message });
          return false;
        }
        setSave({ kind: 'saving' });
        const res = await api.saveDraft(checked.content, force ?? revisionRef.current);
        if (res.ok) {
          settle(res.data.sop.draftContent, res.data.sop.draftRevision, carried);
          return true;
        }
        if (res.status === 409 && res.current) setSave({ kind: 'conflict', theirs: res.current.draftContent, theirRevision: res.current.draftRevision });
        else setSave({ kind: 'error', message: res.status === 0 ? UNREACHABLE : `Not saved: ${res.error.message}` });
        return false;
      })();
      inFlight.current = run;
      try {
        return await run;
      } finally {
        inFlight.current = null;
      }
    },
    [form, base, api, settle],
  );

  function update(patch: Partial<Form>) {
    setForm((f) => {
      const next = { ...f, ...patch };
      latestForm.current = next;
      window.localStorage.setItem(backupKey, backupOf(revisionRef.current, next));
      return next;
    });
    edits.current += 1;
    dirtyRef.current = true;
    // While a save is on its way the state stays "saving"; it turns dirty when that save settles.
    setSave((s) => (s.kind === 'conflict' || s.kind === 'saving' ? s : { kind: 'dirty' }));
  }

  // Autosave a moment after the last keystroke (not while a conflict waits for a decision).
  useEffect(() => {
    if (!dirtyRef.current || save.kind === 'conflict' || save.kind === 'saving') return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void doSave(), AUTOSAVE_MS);
    return () => clearTimeout(timer.current);
  }, [form, doSave, save.kind]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  /** Save what is pending; false when it could not be saved (the state says why). */
  const flush = async () => !dirtyRef.current || doSave();

  return {
    form,
    /** The content the form was opened on or last saved as (what the form does not edit comes from it). */
    base,
    save,
    restored,
    resetKey,
    update,
    saveNow: () => doSave(),
    keepMine: (theirRevision: number) => doSave(theirRevision),
    takeTheirs: (theirs: TSopContent, theirRevision: number) => replace({ draftContent: theirs, draftRevision: theirRevision }),
    /** Re-read the draft after the server changed it (an improved section). */
    async reload() {
      const res = await api.load();
      if (res.ok) replace(res.data.sop);
    },
    /** Save pending text, then the draft as a new version; null when the pending text could not be saved. */
    async saveVersion(summary: string): Promise<{ ok: boolean; text: string } | null> {
      if (!(await flush())) return null;
      const res = await api.saveVersion(summary, revisionRef.current);
      if (!res.ok) return { ok: false, text: isLocal(res.error) ? `Not saved: ${res.error.message}.` : res.error.message };
      if (res.revision !== null) revisionRef.current = res.revision;
      return { ok: true, text: `Saved as version ${res.data.version.label}.` };
    },
    flush,
  };
}
