/** POST /api/v1/orgs/{org}/generations/{id}/retry — draft a stopped run's SOP again from the same input (SSE, like generate). */
import { startRetry } from '@/lib/generation/start';
import { streamAfterCommit } from '@/lib/generation/stream';
import { apiRoute } from '@/lib/http/route';
import { inOrg } from '@/lib/orgs/scope';
import { ZGenerationParam } from '@/lib/sops/api-schemas';
import { DRAFT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ params: ZGenerationParam, rateLimit: DRAFT_PER_USER }, async ({ user, params }) =>
  inOrg(user, params.org, undefined, async ({ tx, org }) => streamAfterCommit(await startRetry(tx, user, org, params.id))),
);
