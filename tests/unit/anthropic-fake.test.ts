import Anthropic, { BadRequestError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic';

const KEY = 'sk-ant-fake-key-0000000000';
const INPUT = { purpose: 'Say "hi" — twice.', steps: ['a', 'b'] };
const TOOL = { name: 'write_sop', input_schema: { type: 'object', properties: {} } };
const VALID = { model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'x' }], tools: [TOOL], tool_choice: { type: 'tool', name: 'write_sop' } };

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic({ apiKey: KEY, defaultInput: INPUT });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

function post(body: unknown, headers: Record<string, string> = {}, path = '/v1/messages') {
  return fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

interface SseEvent {
  event: string;
  data: { message?: unknown; content_block?: unknown; usage?: unknown; delta?: { type?: string; partial_json?: string; stop_reason?: string } };
}

async function errorOf(res: Response) {
  return { status: res.status, body: (await res.json()) as { type: string; error: { type: string; message: string } } };
}

describe('fake Anthropic Messages API', () => {
  it('answers a wrong or missing key with an Anthropic-shaped 401', async () => {
    const cases: Record<string, string>[] = [{ 'x-api-key': 'nope' }, { 'x-api-key': '' }, { 'x-api-key': KEY, authorization: 'Bearer other' }];
    for (const headers of cases) {
      const { status, body } = await errorOf(await post(VALID, headers));
      expect(status).toBe(401);
      expect(body).toEqual({ type: 'error', error: { type: 'authentication_error', message: expect.any(String) } });
    }
  });

  it('accepts the key as x-api-key or as a Bearer token', async () => {
    expect((await post(VALID)).status).toBe(200);
    expect((await post(VALID, { 'x-api-key': '', authorization: `Bearer ${KEY}` })).status).toBe(200);
  });

  it.each([
    ['no anthropic-version', VALID, { 'anthropic-version': '' }],
    ['max_tokens 0', { ...VALID, max_tokens: 0 }, {}],
    ['max_tokens 1.5', { ...VALID, max_tokens: 1.5 }, {}],
    ['no max_tokens', { ...VALID, max_tokens: undefined }, {}],
    ['empty messages', { ...VALID, messages: [] }, {}],
    ['no model', { ...VALID, model: undefined }, {}],
    ['a non-object tool schema', { ...VALID, tools: [{ name: 'write_sop', input_schema: { type: 'array' } }] }, {}],
    ['tool_choice naming an unknown tool', { ...VALID, tool_choice: { type: 'tool', name: 'other' } }, {}],
    ['a body that is not JSON', '{"model":', {}],
  ])('rejects %s with 400 invalid_request_error', async (_name, body, headers) => {
    const { status, body: err } = await errorOf(await post(body, headers));
    expect(status).toBe(400);
    expect(err.error.type).toBe('invalid_request_error');
  });

  it('answers an unknown model or path with 404 not_found_error', async () => {
    const model = await errorOf(await post({ ...VALID, model: 'claude-unknown' }));
    expect(model).toMatchObject({ status: 404, body: { error: { type: 'not_found_error', message: 'model: claude-unknown' } } });
    expect((await errorOf(await post(VALID, {}, '/v1/complete'))).status).toBe(404);
  });

  it('streams the tool input as real SSE events, in small input_json_delta chunks', async () => {
    const res = await post({ ...VALID, stream: true });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await res.text())
      .split('\n\n')
      .filter((block) => block.startsWith('event: '))
      .map((block) => {
        const [eventLine, dataLine] = block.split('\n');
        return { event: eventLine!.slice(7), data: JSON.parse(dataLine!.slice(6)) } as SseEvent;
      });
    const names = events.map((e) => e.event);
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(events[0]!.data.message).toMatchObject({ role: 'assistant', model: 'claude-sonnet-5-5', content: [], usage: { input_tokens: expect.any(Number) } });
    expect(events[1]!.data.content_block).toMatchObject({ type: 'tool_use', name: 'write_sop', input: {} });
    const deltas = events.filter((e) => e.event === 'content_block_delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.every((d) => d.data.delta?.type === 'input_json_delta')).toBe(true);
    expect(JSON.parse(deltas.map((d) => d.data.delta?.partial_json ?? '').join(''))).toEqual(INPUT);
    expect(events.at(-2)!.data).toMatchObject({ delta: { stop_reason: 'tool_use' }, usage: { output_tokens: expect.any(Number) } });
    expect(fake.requests[0]).toMatchObject({ status: 200, chunks: { sent: deltas.length, total: deltas.length, finished: true } });
  });

  it('works with the real SDK, streamed or not, and records what it received', async () => {
    const client = new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
    const message = await client.messages.create({ ...VALID, tools: [{ name: 'write_sop', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'write_sop' }, messages: [{ role: 'user', content: 'x' }] });
    expect(message.content[0]).toMatchObject({ type: 'tool_use', name: 'write_sop', input: INPUT });
    const streamed = await client.messages.stream({ ...VALID, tools: [{ name: 'write_sop', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'write_sop' }, messages: [{ role: 'user', content: 'x' }] }).finalMessage();
    expect(streamed.content[0]).toMatchObject({ type: 'tool_use', input: INPUT });
    expect(streamed.stop_reason).toBe('tool_use');
    expect(fake.requests.map((r) => r.body?.stream)).toEqual([undefined, true]);
    await expect(client.messages.create({ ...VALID, max_tokens: 0, messages: [{ role: 'user', content: 'x' }], tools: undefined, tool_choice: undefined })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('plays scripted errors with their headers, then goes back to answering', async () => {
    fake.script({ kind: 'error', status: 429, type: 'rate_limit_error', message: 'slow down', headers: { 'retry-after': '7' } });
    const limited = await post(VALID);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } });
    expect((await post(VALID)).status).toBe(200);
  });
});
