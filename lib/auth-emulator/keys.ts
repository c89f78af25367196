/**
 * The emulator's signing key: ES256, generated on first use and kept in embedded.auth_keys
 * so tokens stay valid across restarts; served as a JWKS so getClaims() verifies locally, as
 * with hosted Supabase's asymmetric keys. The secret (service) key for admin calls is stored
 * with it. Cached per process after the first read.
 */
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Scopes } from '@/lib/db/scopes';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  secretKey: string;
}

const cache = new WeakMap<object, Promise<SigningKey>>();

async function load(asService: Scopes['asService']): Promise<SigningKey> {
  type Row = { kid: string; private_jwk: JWK; public_jwk: JWK; secret_key: string };
  let [row] = await asService((tx) => tx.query<Row>('select kid, private_jwk, public_jwk, secret_key from embedded.auth_keys order by created_at limit 1'));
  if (!row) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = randomBytes(8).toString('hex');
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] };
    const secretKey = `sb_secret_${randomBytes(24).toString('base64url')}`;
    // Two processes starting at once: the first insert wins, both then read the same row.
    await asService((tx) =>
      tx.query(
        "insert into embedded.auth_keys (kid, private_jwk, public_jwk, secret_key) select $1, $2::jsonb, $3::jsonb, $4 where not exists (select 1 from embedded.auth_keys)",
        [kid, JSON.stringify(privateJwk), JSON.stringify(publicJwk), secretKey],
      ),
    );
    [row] = await asService((tx) => tx.query<Row>('select kid, private_jwk, public_jwk, secret_key from embedded.auth_keys order by created_at limit 1'));
  }
  if (!row) throw new Error('auth signing key could not be created');
  return {
    kid: row.kid,
    privateKey: (await importJWK(row.private_jwk, 'ES256')) as CryptoKey,
    publicKey: (await importJWK(row.public_jwk, 'ES256')) as CryptoKey,
    publicJwk: row.public_jwk,
    secretKey: row.secret_key,
  };
}

export function signingKey(asService: Scopes['asService']): Promise<SigningKey> {
  let p = cache.get(asService);
  if (!p) {
    p = load(asService);
    cache.set(asService, p);
    p.catch(() => cache.delete(asService));
  }
  return p;
}
