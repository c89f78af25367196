/**
 * Bulk export: a streaming .zip of several .docx files as a web ReadableStream, built with
 * fflate (already installed as docx's zip library; declare it as a direct dependency before
 * relying on it). Entries are pulled one at a time as the client reads, so only one document is
 * rendered and held at a time; .docx files are already deflated, so they are stored, not
 * recompressed. Entry names are stripped of path parts (no zip-slip) and made unique.
 */
import { Zip, ZipPassThrough } from 'fflate';

export interface ZipSource {
  /** The file name inside the archive, e.g. exportFilename(...).utf8. */
  name: string;
  /** The bytes, or a function that makes them when the archive reaches this entry. */
  data: Uint8Array | (() => Promise<Uint8Array>);
}

/** "a/b\\c.docx" → "c.docx"; "x.docx" twice → "x.docx", "x (2).docx". */
export function uniqueEntryName(name: string, used: Set<string>): string {
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim().replace(/^\.+/, '') || 'document';
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

function iteratorOf<T>(source: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
}

/** A .zip of the sources, streamed as they are produced. Use with `new Response(zipStream(...))`. */
export function zipStream(sources: Iterable<ZipSource> | AsyncIterable<ZipSource>): ReadableStream<Uint8Array> {
  const it = iteratorOf(sources);
  const used = new Set<string>();
  let zip: Zip;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((err, chunk, final) => {
        if (err) return controller.error(err);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      const next = await it.next();
      if (next.done) return zip.end();
      const data = typeof next.value.data === 'function' ? await next.value.data() : next.value.data;
      const file = new ZipPassThrough(uniqueEntryName(next.value.name, used));
      zip.add(file);
      file.push(data, true);
    },
    async cancel() {
      zip.terminate();
      await it.return?.();
    },
  });
}
