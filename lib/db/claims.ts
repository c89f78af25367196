/**
 * Claims of an access token whose signature has been verified. Postgres trusts whatever
 * withUser() puts in request.jwt.claims, so the type is branded: the only ways to get one
 * are lib/auth's verification (getClaims against the JWKS) and test helpers.
 */
declare const verified: unique symbol;

export interface JwtClaims {
  sub: string;
  role: string;
  aal?: 'aal1' | 'aal2' | 'aal3';
  session_id?: string;
  email?: string;
  exp?: number;
  iat?: number;
  [claim: string]: unknown;
}

export type VerifiedClaims = JwtClaims & { readonly [verified]: true };

/**
 * Mark claims as verified. Call it only right after a signature check
 * (lib/auth/claims.ts) — never on a token that was merely decoded.
 */
export function markVerified(claims: JwtClaims): VerifiedClaims {
  return claims as VerifiedClaims;
}
