/** Small helpers for reading rows and errors the drivers return (PGlite and postgres.js alike). */

/** A timestamp column as ISO 8601 (drivers return Date, text in some paths). */
export function isoTime(d: unknown): string {
  return d instanceof Date ? d.toISOString() : String(d);
}
