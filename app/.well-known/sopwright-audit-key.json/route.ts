/** The public key (JWK set) that signs audit-export checkpoints, for `npm run audit:verify -- … --key`. */
import { publicKeySet } from '@/lib/audit/checkpoint';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET() {
  return Response.json(await publicKeySet(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
