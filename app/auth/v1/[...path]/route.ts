/** The embedded Supabase Auth emulator (GoTrue wire API). 404 when a Supabase project is configured. */
import { handleAuthRequest } from '@/lib/auth-emulator/app';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handleAuthRequest;
export const POST = handleAuthRequest;
export const PUT = handleAuthRequest;
export const DELETE = handleAuthRequest;
