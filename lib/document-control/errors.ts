/**
 * The database refuses document-control steps with its own SQLSTATEs (see the header of
 * supabase/migrations/20261202000100_document_control.sql); this maps them to AppError once.
 * Their messages are written for people in the migration and are passed on as they are.
 *
 * The only import of AppError in lib/document-control: when it moves, change this line.
 */
import { AppError, pgErrorCode } from '@/lib/errors';


export { AppError };

type Refusal = { code: ConstructorParameters<typeof AppError>[0]; status: number };

const REFUSALS: Record<string, Refusal> = {
  DC401: { code: 'unauthorized', status: 401 },
  DC403: { code: 'forbidden', status: 403 },
  DC404: { code: 'not_found', status: 404 },
  DC409: { code: 'conflict', status: 409 },
  DC422: { code: 'unprocessable', status: 422 },
  DC423: { code: 'forbidden', status: 423 },
};

/**
 * A refusal by the database. `needs` (401) says which factor to ask for again; `lockedUntil`
 * (423) is when signing unlocks, also sent as Retry-After; both are in the error body.
 */
export class DocumentControlError extends AppError {
  override name = 'DocumentControlError';
  readonly needs?: 'password' | 'totp';
  readonly lockedUntil?: string;
  constructor(
    readonly sqlstate: string,
    message: string,
    detail: string,
  ) {
    const refusal = REFUSALS[sqlstate]!;
    const retryAfter = sqlstate === 'DC423' && detail ? Math.max(1, Math.ceil((Date.parse(detail) - Date.now()) / 1000)) : null;
    const needs = sqlstate === 'DC401' && (detail === 'password' || detail === 'totp') ? detail : undefined;
    const lockedUntil = sqlstate === 'DC423' && detail ? detail : undefined;
    super(refusal.code, message, {
      status: refusal.status,
      headers: retryAfter ? { 'Retry-After': String(retryAfter) } : {},
      // In the error body too, for clients: which factor to ask for again; until when signing is locked.
      details: needs ? { needs } : lockedUntil ? { lockedUntil } : {},
    });
    this.needs = needs;
    this.lockedUntil = lockedUntil;
  }
}

/** Run a database step; a document-control refusal becomes a DocumentControlError, anything else is rethrown. */
export async function refusalsMapped<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    const code = pgErrorCode(err);
    if (code && code in REFUSALS) {
      const { message, detail } = err as { message: string; detail?: string };
      throw new DocumentControlError(code, message, detail ?? '');
    }
    throw err;
  }
}

export function notFound(message = 'No such version of this SOP.'): AppError {
  return new AppError('not_found', message);
}
