/**
 * Plain HTTP for the edge tests, below what Playwright's request fixture can do: choose the
 * source address of the connection (any 127.x.y.z is this machine on Linux), so a test gets
 * its own per-IP rate-limit bucket and can prove that headers the client sends do not change
 * which address the server sees.
 */
import { randomInt } from 'node:crypto';
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export const baseUrl = (): string => process.env.E2E_BASE_URL ?? 'http://localhost:3100';

/** A loopback address of its own for one test (never 127.0.0.1, which the browser tests share). */
export function ownLoopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** A random public-looking IPv4 address, to put in spoofed headers. */
export function randomIp(): string {
  return `${randomInt(1, 224)}.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** One request to the app from `localAddress`, with exactly these headers (Host is the app's). */
export function rawRequest(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {}): Promise<RawResponse> {
  const url = new URL(path, baseUrl());
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname + url.search,
        method: opts.method ?? 'GET',
        localAddress: opts.localAddress,
        headers: { host: url.host, ...opts.headers, ...(opts.body ? { 'content-length': String(Buffer.byteLength(opts.body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The hidden inputs of the form marked data-test="<testId>" in a server-rendered page (Next's no-JS server-action fields). */
export function hiddenFields(html: string, testId: string): Record<string, string> {
  const form = new RegExp(`<form[^>]*data-test="${testId}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1] ?? '';
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    if (name) fields[unescape(name)] = unescape(/value="([^"]*)"/.exec(m[0])?.[1] ?? '');
  }
  return fields;
}

/** A multipart/form-data body, encoded the way a browser submits a form. */
export async function multipart(fields: Record<string, string>): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') ?? '' };
}
