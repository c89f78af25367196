'use client';
/**
 * A save conflict waiting for the author's choice: both texts side by side. Loaded only when a
 * conflict happens (next/dynamic in ./sop-editor): the readable text needs the diff lines, with
 * clause titles from the whole regulation library, and the content schema.
 */
import { useMemo } from 'react';
import type { TSopContent } from '@/lib/sops/content';
import { contentToLines } from '@/lib/sops/diff';
import { checkForm } from './form-check';
import type { Form } from './form-model';

function PlainText({ content }: { content: TSopContent }) {
  return (
    <div className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-3 font-mono text-xs">
      {contentToLines(content)
        .map((s) => `${s.heading}\n${s.lines.map((l) => `  ${l}`).join('\n')}`)
        .join('\n\n')}
    </div>
  );
}

/** Both texts side by side; nothing has been overwritten and the author chooses. */
export function ConflictPanel({ theirs, form, base, onKeepMine, onTakeTheirs }: { theirs: TSopContent; form: Form; base: TSopContent; onKeepMine: () => void; onTakeTheirs: () => void }) {
  const mine = useMemo(() => checkForm(form, base), [form, base]);
  return (
    <div className="space-y-3 rounded-xl border border-red-200 bg-red-50 p-4" data-test="conflict">
      <p className="text-sm font-medium text-red-900">Someone else saved this SOP after you opened it. Nothing has been overwritten. Compare the two texts and choose.</p>
      <div className="grid gap-3 lg:grid-cols-2">
        <div>
          <p className="mb-1 text-xs font-semibold uppercase text-slate-600">Their saved text</p>
          <div data-test="conflict-theirs">
            <PlainText content={theirs} />
          </div>
        </div>
        <div>
          <p className="mb-1 text-xs font-semibold uppercase text-slate-600">Your text (not saved)</p>
          <div data-test="conflict-mine">{mine.ok ? <PlainText content={mine.content} /> : <p className="text-sm">Your text has errors: {mine.message}</p>}</div>
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" data-test="keep-mine" onClick={onKeepMine} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
          Keep my text (replace theirs)
        </button>
        <button type="button" data-test="take-theirs" onClick={onTakeTheirs} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:border-brand-600">
          Use their text (discard mine)
        </button>
      </div>
      <p className="text-xs text-slate-600">Tip: copy anything you need from your text before discarding it.</p>
    </div>
  );
}
