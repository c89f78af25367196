/**
 * Reads a reference folder for lib/library/check.ts: every *.json file directly in it, each
 * `{ framework, version?, items: [{ id, title?, withdrawn? }], complete?, supplement?,
 * coverage_note?, notes? }` (other fields are ignored). A file that is not JSON or not of
 * that shape is an error naming the file: the check cannot be trusted over a folder it only
 * half read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ReferenceFile } from './check';

const ZReferenceFile = z.object({
  framework: z.string().min(1),
  version: z.string().optional(),
  complete: z.boolean().optional(),
  supplement: z.boolean().optional(),
  coverage_note: z.unknown().optional(),
  notes: z.unknown().optional(),
  items: z.array(z.object({ id: z.string().min(1), title: z.string().optional().catch(undefined), withdrawn: z.unknown().optional() })),
});

export class ReferenceFolderError extends Error {}

/** Parses one file's text; throws ReferenceFolderError with the file's name and what is wrong. */
export function parseReferenceFile(file: string, json: string): ReferenceFile {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new ReferenceFolderError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = ZReferenceFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReferenceFolderError(`${file}: not a reference file: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { file, ...parsed.data };
}

/** Every *.json directly in `dir`, by name. Throws ReferenceFolderError when `dir` is not a folder or a file is bad. */
export function readReferenceFolder(dir: string): ReferenceFile[] {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new ReferenceFolderError(`${dir}: no such folder`);
  }
  if (!isDir) throw new ReferenceFolderError(`${dir}: not a folder`);
  const names = readdirSync(dir)
    .filter((n) => n.toLowerCase().endsWith('.json'))
    .sort();
  return names.map((name) => parseReferenceFile(name, readFileSync(path.join(dir, name), 'utf8')));
}
