/**
 * A local Anthropic Messages API for tests: the real `@anthropic-ai/sdk` is pointed at it with
 * `baseURL`. It checks what the API checks for our calls — POST /v1/messages, the API key
 * (`x-api-key`, or `Authorization: Bearer` as SDK 1.x sends it), the `anthropic-version` header, a known `model`, a positive integer `max_tokens`, non-empty
 * `messages`, object tool input schemas and a `tool_choice` naming a given tool — and answers
 * with Anthropic-shaped errors (`{ type: 'error', error: { type, message } }`). A valid request
 * gets a forced tool call: streamed as real SSE events (the tool input as `input_json_delta`
 * chunks) when `stream: true`, or as one Message otherwise. It records every request, and
 * plays scripted behaviours (one per valid request, in order): errors with headers, a stream
 * cut after N chunks, slow, held or stalled tokens, an error event mid-stream, invalid JSON or
 * a wrong-shaped tool input.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';

/** What to answer to one valid request. */
export type FakeBehaviour =
  | {
      kind: 'tool';
      /** The tool input to emit (default: the fake's `defaultInput`). */
      input?: unknown;
      /** Raw tool-input JSON to emit instead of `input` (e.g. invalid JSON). */
      rawJson?: string;
      /** Characters per `input_json_delta` chunk (default 24). */
      chunkSize?: number;
      /** Delay before each delta chunk, in ms (slow tokens; default 0). */
      delayMs?: number;
      /** Destroy the socket after this many delta chunks (a stream cut mid-way). */
      cutAfter?: number;
      /** Stop sending (keep the connection open) after this many delta chunks. */
      stallAfter?: number;
      /** Pause after this many delta chunks until `release()` is (or was, since the request came) called. */
      holdAfter?: number;
      /** Send an SSE `error` event (e.g. overloaded_error) after this many delta chunks, then end. */
      errorAfter?: { chunks: number; type: string; message: string };
      stopReason?: 'tool_use' | 'max_tokens' | 'end_turn';
    }
  | { kind: 'error'; status: number; type: string; message: string; headers?: Record<string, string> };

export const behaviours = {
  /** 429 rate_limit_error; `retryAfter` in seconds as the API sends it, `retryAfterMs` to keep tests fast. */
  rateLimited: (opts: { retryAfter?: string; retryAfterMs?: string } = {}): FakeBehaviour => ({
    kind: 'error',
    status: 429,
    type: 'rate_limit_error',
    message: 'Number of request tokens has exceeded your per-minute rate limit.',
    headers: { ...(opts.retryAfter !== undefined && { 'retry-after': opts.retryAfter }), ...(opts.retryAfterMs !== undefined && { 'retry-after-ms': opts.retryAfterMs }) },
  }),
  overloaded: (retryAfterMs?: string): FakeBehaviour => ({ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded', headers: retryAfterMs ? { 'retry-after-ms': retryAfterMs } : {} }),
  serverError: (retryAfterMs?: string): FakeBehaviour => ({ kind: 'error', status: 500, type: 'api_error', message: 'Internal server error', headers: retryAfterMs ? { 'retry-after-ms': retryAfterMs } : {} }),
};

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw request body as received. */
  raw: string;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: Record<string, unknown> | undefined;
  /** HTTP status answered. */
  status: number;
  /** Streaming progress of the answer: delta chunks sent so far, out of the total planned. */
  chunks: { sent: number; total: number; finished: boolean };
}

export interface FakeAnthropicOptions {
  apiKey: string;
  /** Models the fake knows; any other is a 404 not_found_error (default: claude-sonnet-5-5). */
  models?: string[];
  /** The tool input a `tool` behaviour emits when none is given, or a function of the request body. */
  defaultInput?: unknown;
  /** Delay before each delta chunk when the behaviour sets none (slow tokens for browser tests), or a function of the request body. */
  defaultDelayMs?: number | ((body: Record<string, unknown>) => number);
  /** Listen on this port (default: any free port). */
  port?: number;
}

export interface FakeAnthropic {
  url: string;
  requests: FakeRequest[];
  /** Queue behaviours for the next valid requests (then back to the default tool answer). */
  script(...items: FakeBehaviour[]): void;
  /** Resume the streams paused by `holdAfter`. */
  release(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Why a request is invalid, as the API words it (null when it is fine). */
function invalid(body: Record<string, unknown>): string | null {
  const max = body.max_tokens;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) return 'max_tokens: Input should be a positive integer';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
  const tools = body.tools === undefined ? [] : body.tools;
  if (!Array.isArray(tools)) return 'tools: Input should be a valid list';
  for (const [i, t] of tools.entries()) {
    const tool = t as { name?: unknown; input_schema?: { type?: unknown } };
    if (typeof tool.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(tool.name)) return `tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`;
    if (tool.input_schema?.type !== 'object') return `tools.${i}.custom.input_schema.type: Input should be 'object'`;
  }
  const choice = body.tool_choice as { type?: unknown; name?: unknown } | undefined;
  if (choice?.type === 'tool' && !tools.some((t) => (t as { name?: unknown }).name === choice.name)) return `tool_choice.name: Tool '${String(choice.name)}' not found in tools`;
  return null;
}

export async function startFakeAnthropic(opts: FakeAnthropicOptions): Promise<FakeAnthropic> {
  const models = new Set(opts.models ?? ['claude-sonnet-5-5']);
  const queue: FakeBehaviour[] = [];
  const requests: FakeRequest[] = [];
  const open = new Set<ServerResponse>();
  const holds: (() => void)[] = [];
  const defaultFor = (body: Record<string, unknown>): unknown =>
    (typeof opts.defaultInput === 'function' ? (opts.defaultInput as (b: Record<string, unknown>) => unknown)(body) : opts.defaultInput) ?? {};

  async function streamTool(res: ServerResponse, rec: FakeRequest, body: Record<string, unknown>, b: Extract<FakeBehaviour, { kind: 'tool' }>) {
    const json = b.rawJson ?? JSON.stringify(b.input ?? defaultFor(body));
    const parts = chunk(json, b.chunkSize ?? 24);
    // Opened by release() at any time from now on, even before the stream reaches holdAfter.
    const gate = b.holdAfter === undefined ? undefined : new Promise<void>((r) => holds.push(r));
    rec.chunks.total = parts.length;
    const toolName = toolNameOf(body);
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'request-id': `req_fake_${randomUUID()}` });
    send('message_start', { type: 'message_start', message: { ...messageShell(body), content: [], stop_reason: null, stop_sequence: null, stop_details: null, usage: { input_tokens: inputTokens(rec.raw), output_tokens: 1 } } });
    send('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: `toolu_${randomUUID().replace(/-/g, '')}`, name: toolName, input: {} } });
    send('ping', { type: 'ping' });
    for (const [i, part] of parts.entries()) {
      if (b.cutAfter !== undefined && i >= b.cutAfter) {
        // Let what was sent reach the client first (an SSE comment line), then drop the connection.
        await new Promise<void>((r) => res.write(': cut\n\n', () => r()));
        res.socket?.destroy();
        return;
      }
      if (b.stallAfter !== undefined && i >= b.stallAfter) return; // left open until the client gives up or close()
      if (b.holdAfter === i) await gate;
      if (b.errorAfter && i >= b.errorAfter.chunks) {
        send('error', { type: 'error', error: { type: b.errorAfter.type, message: b.errorAfter.message } });
        res.end();
        return;
      }
      const delay = b.delayMs ?? (typeof opts.defaultDelayMs === 'function' ? opts.defaultDelayMs(body) : opts.defaultDelayMs);
      if (delay) await sleep(delay);
      if (res.destroyed) return;
      send('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: part } });
      rec.chunks.sent = i + 1;
    }
    send('content_block_stop', { type: 'content_block_stop', index: 0 });
    send('message_delta', { type: 'message_delta', delta: { stop_reason: b.stopReason ?? 'tool_use', stop_sequence: null, stop_details: null }, usage: { output_tokens: Math.ceil(json.length / 4) } });
    send('message_stop', { type: 'message_stop' });
    rec.chunks.finished = true;
    res.end();
  }

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const rec: FakeRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body: undefined, status: 0, chunks: { sent: 0, total: 0, finished: false } };
      requests.push(rec);
      open.add(res);
      res.on('close', () => open.delete(res));
      const fail = (status: number, type: string, message: string, headers: Record<string, string> = {}) => {
        rec.status = status;
        res.writeHead(status, { 'Content-Type': 'application/json', 'request-id': `req_fake_${randomUUID()}`, ...headers });
        res.end(JSON.stringify({ type: 'error', error: { type, message } }));
      };
      try {
        rec.body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        rec.body = undefined;
      }
      if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/messages') return fail(404, 'not_found_error', 'Not found');
      if (presentedKey(req.headers) !== opts.apiKey) return fail(401, 'authentication_error', 'invalid x-api-key');
      if (!req.headers['anthropic-version']) return fail(400, 'invalid_request_error', 'anthropic-version: header is required');
      const body = rec.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(400, 'invalid_request_error', 'The request body is not valid JSON.');
      if (typeof body.model !== 'string') return fail(400, 'invalid_request_error', 'model: Field required');
      if (!models.has(body.model)) return fail(404, 'not_found_error', `model: ${body.model}`);
      const why = invalid(body);
      if (why) return fail(400, 'invalid_request_error', why);

      const b: FakeBehaviour = queue.shift() ?? { kind: 'tool' };
      if (b.kind === 'error') return fail(b.status, b.type, b.message, b.headers);
      rec.status = 200;
      if (body.stream === true) {
        streamTool(res, rec, body, b).catch(() => res.destroy());
        return;
      }
      const json = b.rawJson ?? JSON.stringify(b.input ?? defaultFor(body));
      let input: unknown;
      try {
        input = JSON.parse(json);
      } catch {
        input = {}; // a non-streamed tool input is always an object
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'request-id': `req_fake_${randomUUID()}` });
      res.end(
        JSON.stringify({
          ...messageShell(body),
          content: [{ type: 'tool_use', id: `toolu_${randomUUID().replace(/-/g, '')}`, name: toolNameOf(body), input }],
          stop_reason: b.stopReason ?? 'tool_use',
          stop_sequence: null,
          stop_details: null,
          usage: { input_tokens: inputTokens(raw), output_tokens: Math.ceil(json.length / 4) },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...items) => void queue.push(...items),
    release: () => holds.splice(0).forEach((r) => r()),
    close: () =>
      new Promise((r) => {
        holds.splice(0).forEach((r) => r());
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * The API key a request carries: the `x-api-key` header, or `Authorization: Bearer <key>`,
 * which is how @anthropic-ai/sdk 1.x sends an `apiKey`. Both must agree when both are sent.
 */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-api-key'];
  const xApiKey = Array.isArray(header) ? header[0] : header;
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  if (xApiKey && bearer && xApiKey !== bearer) return undefined;
  return xApiKey || bearer;
}

function toolNameOf(body: Record<string, unknown>): string {
  const choice = body.tool_choice as { name?: string } | undefined;
  const first = (body.tools as { name?: string }[] | undefined)?.[0];
  return choice?.name ?? first?.name ?? 'tool';
}

function messageShell(body: Record<string, unknown>) {
  return { id: `msg_fake_${randomUUID().replace(/-/g, '')}`, type: 'message', role: 'assistant', model: body.model, container: null };
}

/** A rough token count (4 characters a token), enough for usage figures. */
function inputTokens(raw: string): number {
  return Math.ceil(raw.length / 4);
}
