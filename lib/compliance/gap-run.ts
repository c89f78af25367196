/**
 * Running a planned gap analysis. The offline keyword analysis runs and is stored in the
 * request's transaction (no network). The Claude run happens after that transaction has
 * committed (the route returns afterCommit): the model is called with no transaction open,
 * its answer is verified against the scrubbed text that was sent, and the result is stored in
 * a new short transaction as the person who asked. When Claude fails, nothing is stored and
 * the error says what happened and what to do.
 */
import 'server-only';
import { reportGapsWithClaude } from '@/lib/ai/gap-prompt';
import type { ClaudeError } from '@/lib/ai/claude-drafter';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { offlineAnalysis, sopTextForPrompt, verify } from './gap-analysis';
import { storeGapAnalysis, type GapAnalysis, type GapPlan } from './gap-service';

const NOTHING_STORED = 'Nothing was stored.';
const TRY_OFFLINE = 'Try again, or run the offline keyword analysis.';

/** A failed Claude call as the API answers it (503 when the service is unavailable, 502 when its answer was unusable). */
export function gapError(e: ClaudeError): AppError {
  switch (e.code) {
    case 'rate_limited':
      return new AppError('rate_limited', `Too many AI requests for this account right now. ${NOTHING_STORED} ${e.retryAfterSeconds ? `Try again in about ${e.retryAfterSeconds} seconds` : 'Wait a minute and try again'}, or run the offline keyword analysis.`, {
        ...(e.retryAfterSeconds && { headers: { 'Retry-After': String(e.retryAfterSeconds) } }),
      });
    case 'auth_failed':
    case 'model_not_found':
    case 'billing_problem':
      return new AppError('unavailable', `${e.message} ${NOTHING_STORED}`);
    case 'malformed_output':
    case 'output_truncated':
      return new AppError('unavailable', `Claude’s answer could not be used as a gap analysis. ${NOTHING_STORED} ${TRY_OFFLINE}`, { status: 502 });
    case 'cancelled':
      return new AppError('unavailable', `The gap analysis was cancelled. ${NOTHING_STORED}`);
    case 'timeout':
      return new AppError('unavailable', `Claude did not answer in time. ${NOTHING_STORED} ${TRY_OFFLINE}`);
    case 'overloaded':
      return new AppError('unavailable', `Claude is overloaded at the moment. ${NOTHING_STORED} ${TRY_OFFLINE}`);
    case 'bad_request':
      return new AppError('unavailable', `The AI service refused the request. ${NOTHING_STORED} ${TRY_OFFLINE}`);
    default:
      return new AppError('unavailable', `The AI service could not be reached or failed mid-answer. ${NOTHING_STORED} ${TRY_OFFLINE}`);
  }
}

/** The keyword analysis, stored in the caller's transaction. */
export function runOfflineGapAnalysis(tx: Tx, plan: GapPlan): Promise<GapAnalysis> {
  const result = verify(offlineAnalysis(plan.framework, plan.title, plan.sentences), plan.framework, plan.sentences);
  return storeGapAnalysis(tx, plan, result, 'offline');
}

/** Claude, called with no transaction open; its verified answer stored in a new transaction. Throws an AppError when Claude fails. */
export async function runClaudeGapAnalysis(user: CurrentUser, plan: GapPlan, signal?: AbortSignal): Promise<GapAnalysis> {
  const claude = plan.claude;
  if (!claude) throw new Error('runClaudeGapAnalysis needs a Claude plan');
  const r = await reportGapsWithClaude({
    apiKey: claude.apiKey,
    baseURL: claude.baseUrl,
    model: claude.model,
    signal,
    framework: plan.framework,
    title: plan.title,
    sopText: sopTextForPrompt(plan.sentences),
  });
  if (!r.ok) throw gapError(r.error);
  const result = verify(r.raw, plan.framework, plan.sentences);
  return withUser(user.claims, (tx) => storeGapAnalysis(tx, plan, result, r.model));
}
