/**
 * POST /api/v1/orgs/{org}/sops/{id}/improve — rewrite one section with Claude following an
 * instruction; streamed like generate. The result is saved as a new version.
 */
import { startImprove } from '@/lib/generation/start';
import { streamAfterCommit } from '@/lib/generation/stream';
import { apiRoute } from '@/lib/http/route';
import { inOrg } from '@/lib/orgs/scope';
import { ZImproveInput, ZSopParam } from '@/lib/sops/api-schemas';
import { DRAFT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ params: ZSopParam, body: ZImproveInput, rateLimit: DRAFT_PER_USER }, async ({ user, params, body }) =>
  inOrg(user, params.org, undefined, async ({ tx, org }) => streamAfterCommit(await startImprove(tx, user, org, params.id, body))),
);
