/**
 * Signed checkpoints of the audit chain's head. Every export carries one: a compact JWS
 * (EdDSA / Ed25519) over {org_id, seq, hash, exported_at, rows} of its last row, with the
 * public key in its protected header (`jwk`, `kid` = its RFC 7638 thumbprint). The private key
 * is held by the server, never in the database: AUDIT_SIGNING_KEY (PKCS8 PEM or private JWK),
 * else one generated once and kept in the embedded data folder (mode 0600). Someone holding
 * an earlier export can then prove a later one extends it (lib/audit/verify.ts), which a hash
 * chain alone cannot: whoever can write the database can recompute every hash.
 * The public key set is served at /.well-known/sopwright-audit-key.json. Keys are never logged.
 */
import 'server-only';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CompactSign, calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, type CryptoKey, type JWK } from 'jose';
import { env } from '@/lib/env';
import type { Checkpoint } from './verify';

export const CHECKPOINT_TYPE = 'sopwright-audit-checkpoint+jws';

interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
}

async function fromText(text: string): Promise<CryptoKey> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const jwk = JSON.parse(trimmed) as JWK;
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d) throw new Error('AUDIT_SIGNING_KEY: give an Ed25519 private JWK (kty OKP, crv Ed25519, with d) or a PKCS8 PEM');
    return (await importJWK(jwk, 'EdDSA', { extractable: true })) as CryptoKey;
  }
  return importPKCS8(trimmed.replace(/\\n/g, '\n'), 'EdDSA', { extractable: true });
}

async function loadOrCreate(): Promise<CryptoKey> {
  const cfg = env().auditSigningKey;
  if (cfg.mode === 'env') return fromText(cfg.key);
  const file = path.resolve(cfg.path);
  try {
    return await fromText(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`The audit signing key in ${file} cannot be read; it was not replaced.`);
  }
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, await exportPKCS8(privateKey), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another request wrote it first: use that one.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fromText(await readFile(file, 'utf8'));
    throw err;
  }
  await chmod(file, 0o600);
  return privateKey;
}

const KEY = Symbol.for('sopwright.auditSigningKey');
type Holder = { [KEY]?: Promise<SigningKey> };

/** The server's signing key (loaded or generated once per process). */
export function signingKey(): Promise<SigningKey> {
  const g = globalThis as Holder;
  g[KEY] ??= (async () => {
    const privateKey = await loadOrCreate();
    const { d: _secret, ...pub } = await exportJWK(privateKey);
    void _secret;
    const kid = await calculateJwkThumbprint(pub);
    return { privateKey, publicJwk: { ...pub, kid, alg: 'EdDSA', use: 'sig' }, kid };
  })().catch((err) => {
    delete g[KEY];
    throw err;
  });
  return g[KEY];
}

/** The public key set (JWKS) to publish. */
export async function publicKeySet(): Promise<{ keys: JWK[] }> {
  return { keys: [(await signingKey()).publicJwk] };
}

export async function signCheckpoint(checkpoint: Checkpoint): Promise<string> {
  const key = await signingKey();
  return new CompactSign(new TextEncoder().encode(JSON.stringify(checkpoint)))
    .setProtectedHeader({ alg: 'EdDSA', typ: CHECKPOINT_TYPE, kid: key.kid, jwk: { kty: key.publicJwk.kty!, crv: key.publicJwk.crv!, x: key.publicJwk.x! } })
    .sign(key.privateKey);
}
