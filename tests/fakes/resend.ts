/**
 * A local Resend API for tests: the real `resend` SDK is pointed at it with `baseUrl`. It
 * checks what Resend checks — the Bearer API key, a JSON body with from, to, subject and html
 * or text — answers like Resend (`{ id }`, or `{ statusCode, name, message }` errors) and
 * records what it accepted. It can be told to fail the next request.
 *
 * Tests read what it received like Resend's list endpoint (`GET /emails`, same Bearer key,
 * `{ object: 'list', data }`, newest first), with two fake-only extensions: `?to=<address>`
 * filters by recipient, and each entry carries its text and html.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface SentEmail extends Record<string, unknown> {
  id: string;
  created_at: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
}

export interface FakeResend {
  url: string;
  sent: Record<string, unknown>[];
  failNext(status: number, name: string, message: string): void;
  close(): Promise<void>;
}

export async function startFakeResend(apiKey: string): Promise<FakeResend> {
  const sent: SentEmail[] = [];
  let failure: { status: number; name: string; message: string } | null = null;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(401, { statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header.' });
      const url = new URL(req.url ?? '/', 'http://fake');
      if (req.method === 'GET' && url.pathname === '/emails') {
        const to = url.searchParams.get('to')?.toLowerCase();
        const data = sent.filter((m) => !to || m.to.some((t) => t.toLowerCase() === to)).reverse();
        return reply(200, { object: 'list', has_more: false, data });
      }
      if (req.method !== 'POST' || url.pathname !== '/emails') return reply(404, { statusCode: 404, name: 'not_found', message: 'The requested endpoint does not exist.' });
      if (failure) {
        const f = failure;
        failure = null;
        return reply(f.status, { statusCode: f.status, name: f.name, message: f.message });
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return reply(400, { statusCode: 400, name: 'validation_error', message: 'Invalid JSON' });
      }
      for (const field of ['from', 'to', 'subject']) {
        if (!body[field]) return reply(422, { statusCode: 422, name: 'missing_required_field', message: `Missing \`${field}\` field.` });
      }
      if (!body.html && !body.text) return reply(422, { statusCode: 422, name: 'validation_error', message: 'Missing `html` or `text` field.' });
      const id = randomUUID();
      const to = ([] as unknown[]).concat(body.to).map(String);
      sent.push({ ...body, id, created_at: new Date().toISOString(), to, subject: String(body.subject) });
      return reply(200, { id });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    failNext: (status, name, message) => (failure = { status, name, message }),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
