/**
 * npm run audit:verify -- <export.csv> [--since <earlier-export.csv>] [--key <key.json>]
 *
 * Verifies an exported audit trail offline (lib/audit/verify.ts): no database, no app. Exit
 * 0 intact; 1 broken (names the first broken row); 2 cannot verify (not an export, a filtered
 * export, no checkpoint) or wrong usage. --key: the server's JWK set, from
 * /.well-known/sopwright-audit-key.json; --since: an earlier export this one must extend.
 */
import { readFileSync } from 'node:fs';
import { EXIT_CODES, verifyAuditExport } from '../lib/audit/verify';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run audit:verify -- <export.csv> [--since <earlier-export.csv>] [--key <key.json>]`);
  process.exit(2);
}

async function main() {
  const args = process.argv.slice(2);
  let file: string | undefined;
  let since: string | undefined;
  let key: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--since' || a === '--key') {
      const v = args[++i];
      if (!v) usage(`${a} needs a file`);
      if (a === '--since') since = v;
      else key = v;
    } else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (file) usage('give one export file');
    else file = a;
  }
  if (!file) usage('give the export file to verify');
  const read = (f: string) => {
    try {
      return readFileSync(f, 'utf8');
    } catch (err) {
      return usage(`cannot read ${f}: ${(err as Error).message}`);
    }
  };
  let keys;
  if (key) {
    try {
      const parsed = JSON.parse(read(key));
      keys = Array.isArray(parsed.keys) ? parsed : { keys: [parsed] };
    } catch {
      usage(`${key} is not a JWK set (JSON)`);
    }
  }
  const result = await verifyAuditExport(read(file), { since: since === undefined ? undefined : read(since), keys });
  console.log(result.message);
  for (const n of result.notes) console.log(`note: ${n}`);
  process.exit(EXIT_CODES[result.status]);
}

void main();
