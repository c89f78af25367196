'use client';
/**
 * New SOP's fields, mirrored into this tab's sessionStorage as they are typed (new-sop-fields.ts
 * says what is kept). The copy is read after mount, so the server's empty form and the first
 * browser render agree; every edit writes it; creating the SOP replaces it with which SOP the
 * text became.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { emptyFields, isBlank, keptKey, parseKept, serializeKept, type NewSopFields } from './new-sop-fields';
import { readTab as read, writeTab as write } from './tab-storage';

/** What New SOP tells the person about the copy it found: their text put back, or the SOP it already became. */
export type KeptNotice = { kind: 'restored' } | { kind: 'created'; sopId: string; title: string; fields: NewSopFields };

/** `defaultFrameworks`: chosen in an empty form (the frameworks the organization follows). */
export function useNewSopFields(org: string, frameworkCodes: readonly string[], defaultFrameworks: readonly string[] = []) {
  const key = keptKey(org);
  const defaults = useRef(defaultFrameworks);
  const [fields, setFields] = useState<NewSopFields>(() => emptyFields(defaultFrameworks));
  const [notice, setNotice] = useState<KeptNotice | null>(null);
  const latest = useRef<NewSopFields>(emptyFields(defaultFrameworks));
  const codes = useRef(frameworkCodes);

  useEffect(() => {
    const kept = parseKept(read(key), codes.current, defaults.current);
    if (!kept) {
      write(key, null);
      return;
    }
    if (kept.kind === 'typing') {
      latest.current = kept.fields;
      // Reading browser storage can only happen after mount; restoring it is the point.
      setFields(kept.fields);
      setNotice({ kind: 'restored' });
    } else {
      setNotice(kept);
    }
  }, [key]);

  /** Change some fields; the tab's copy follows (a blank form keeps nothing). */
  const update = useCallback(
    (patch: Partial<NewSopFields>) => {
      const next = { ...latest.current, ...patch };
      latest.current = next;
      setFields(next);
      write(key, isBlank(next, defaults.current) ? null : serializeKept({ kind: 'typing', fields: next }));
    },
    [key],
  );

  /** Empty the form and forget the copy. */
  const clear = useCallback(() => {
    latest.current = emptyFields(defaults.current);
    setFields(latest.current);
    setNotice(null);
    write(key, null);
  }, [key]);

  /** The SOP exists: the text is no longer "being typed", it is that SOP's. */
  const created = useCallback(
    (sopId: string) => {
      write(key, serializeKept({ kind: 'created', sopId, title: latest.current.title, fields: latest.current }));
    },
    [key],
  );

  /** Put the text of the SOP just created back in the form, to start another from it. */
  const reuse = useCallback(
    (f: NewSopFields) => {
      update(f);
      setNotice(null);
    },
    [update],
  );

  /** Hide the notice; a "you already started …" one is then forgotten unless something new was typed. */
  const dismiss = useCallback(() => {
    setNotice(null);
    if (isBlank(latest.current, defaults.current)) write(key, null);
  }, [key]);

  return { fields, update, clear, created, reuse, notice, dismiss };
}
