/**
 * GoTrue's response conventions: JSON bodies; errors as `{code, message}` with
 * `X-Supabase-Api-Version: 2024-01-01` echoed and `x-sb-error-code` set (the legacy
 * `{code: <status>, error_code, msg}` shape when the client sent no API version).
 */
import { clientIpFrom } from '@/lib/security/client-ip';

export const API_VERSION = '2024-01-01';

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function errorResponse(err: AuthError, request: Request): Response {
  const version = request.headers.get('x-supabase-api-version');
  const modern = version !== null && version >= API_VERSION;
  const headers: Record<string, string> = { ...err.headers };
  if (modern) headers['X-Supabase-Api-Version'] = API_VERSION;
  if (!(modern && err.code === 'weak_password')) headers['x-sb-error-code'] = err.code;
  const body = modern
    ? { code: err.code, message: err.message, ...err.extra }
    : { code: err.status, error_code: err.code, msg: err.message, ...err.extra };
  return json(body, err.status, headers);
}

export const fail = (status: number, code: string, message: string, extra?: Record<string, unknown>, headers?: Record<string, string>) =>
  new AuthError(status, code, message, extra, headers);

export async function readBodyText(request: Request): Promise<string> {
  return request.method === 'GET' || request.method === 'HEAD' ? '' : request.text();
}

/** A JSON object body ({} when empty), or GoTrue's bad_json. */
export function parseBody(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw fail(400, 'bad_json', 'Could not parse request body as JSON');
}

const resolved = new WeakMap<Request, string>();

/** Set by handleAuthRequest (lib/auth-emulator/app.ts) once the forwarding signature is checked. */
export function rememberClientIp(request: Request, ip: string): void {
  resolved.set(request, ip);
}

/** The client address (lib/security/client-ip.ts); 127.0.0.1 when unknown, as sessions and challenges store an inet. */
export function clientIp(request: Request): string {
  return resolved.get(request) ?? clientIpFrom(request.headers, '127.0.0.1');
}
