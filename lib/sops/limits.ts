/** Rate limits: drafting per person (the rate limiter, fail-closed) and per organization (counted from its recorded runs in the transaction that records the next: lib/generation/start.ts). */
import type { RateLimitRule } from '@/lib/ratelimit/types';

export const DRAFT_PER_USER: RateLimitRule = { name: 'draft-user', limit: 10, windowSeconds: 600 };
export const DRAFT_PER_ORG: RateLimitRule = { name: 'draft-org', limit: 40, windowSeconds: 600 };
export const SOP_WRITE_PER_USER: RateLimitRule = { name: 'sop-write-user', limit: 240, windowSeconds: 60 };
export const EXPORT_PER_USER: RateLimitRule = { name: 'export-user', limit: 30, windowSeconds: 60 };
export const BULK_EXPORT_PER_USER: RateLimitRule = { name: 'bulk-export-user', limit: 5, windowSeconds: 600 };
/** Clause suggestions (lib/compliance/suggestions.ts): per person like drafting; per organization only for Claude's, checked after the request's transaction, before the call. */
export const SUGGEST_PER_USER: RateLimitRule = { name: 'suggest-user', limit: 10, windowSeconds: 600 };
export const SUGGEST_PER_ORG: RateLimitRule = { name: 'suggest-org', limit: 40, windowSeconds: 600 };
