/** Token material as GoTrue makes it: OTPs, SHA-224 token hashes, legacy refresh tokens. */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

/** hex(SHA-224(lowercased email + otp)), GoTrue's confirmation/recovery/reauth token hash. */
export function tokenHash(email: string, otp: string): string {
  return createHash('sha224').update(email.toLowerCase() + otp).digest('hex');
}

export function newOtp(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Legacy refresh token: 12 random lowercase base32 characters. */
export function newRefreshToken(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return out;
}

export function pkceChallengeMatches(method: string, challenge: string, verifier: string): boolean {
  if (method === 'plain') return verifier === challenge;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

export const uuid = () => randomUUID();
export const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
