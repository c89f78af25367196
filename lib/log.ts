/**
 * Structured logging to the console (Sentry hooks in where configured). Values that look like
 * secrets are redacted before anything is written: keys, tokens, passwords, cookies.
 */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|jwt|otp|nonce|code_verifier/i;
const SECRET_VALUE = [
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs
  /\b(sk|rk|pk|whsec|re|sb_secret|sb_publishable)_[A-Za-z0-9_]{8,}/g, // Stripe/Resend/Supabase keys
  /\bsk-ant-[A-Za-z0-9_-]{8,}/g, // Anthropic keys
];
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@\s]+@/gi; // user:password@ in URLs

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') {
    let s = value;
    for (const re of SECRET_VALUE) s = s.replace(re, '[redacted]');
    return s.replace(URL_PASSWORD, '$1[redacted]@');
  }
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message, depth + 1), stack: redact(value.stack ?? '', depth + 1) };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}

function write(level: 'info' | 'warn' | 'error', message: string, data?: unknown) {
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...(data === undefined ? {} : { data: redact(data) }) });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

export const logInfo = (message: string, data?: unknown) => write('info', message, data);
export const logWarn = (message: string, data?: unknown) => write('warn', message, data);
export const logError = (message: string, data?: unknown) => write('error', message, data);
