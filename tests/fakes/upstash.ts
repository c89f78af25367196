/**
 * A local Upstash Redis REST API for tests: the real @upstash/redis (and @upstash/ratelimit)
 * SDK is pointed at it. Like Upstash it checks `Authorization: Bearer <token>` (401
 * otherwise), takes a command as a JSON array on POST / (or an array of them on /pipeline),
 * honours `Upstash-Encoding: base64`, and answers `{ result }` / `{ error }`. Commands run on
 * the real local redis-server over RESP. It can be told to fail (500) to prove fail-closed.
 */
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

type Reply = string | number | null | Reply[] | { error: string };

/** A minimal RESP2 client: one command at a time over one socket. */
class Resp {
  private buf = Buffer.alloc(0);
  private waiting: ((r: Reply) => void)[] = [];
  private constructor(private socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        const parsed = this.parse(0);
        if (!parsed) break;
        this.buf = this.buf.subarray(parsed.end);
        this.waiting.shift()?.(parsed.value);
      }
    });
  }
  static open(port = 6379): Promise<Resp> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new Resp(s)));
      s.once('error', reject);
    });
  }
  private parse(at: number): { value: Reply; end: number } | null {
    const nl = this.buf.indexOf('\r\n', at);
    if (nl < 0) return null;
    const type = String.fromCharCode(this.buf[at]!);
    const line = this.buf.toString('utf8', at + 1, nl);
    if (type === '+') return { value: line, end: nl + 2 };
    if (type === '-') return { value: { error: line }, end: nl + 2 };
    if (type === ':') return { value: Number(line), end: nl + 2 };
    if (type === '$') {
      const len = Number(line);
      if (len < 0) return { value: null, end: nl + 2 };
      if (this.buf.length < nl + 2 + len + 2) return null;
      return { value: this.buf.toString('utf8', nl + 2, nl + 2 + len), end: nl + 2 + len + 2 };
    }
    if (type === '*') {
      const n = Number(line);
      if (n < 0) return { value: null, end: nl + 2 };
      const items: Reply[] = [];
      let pos = nl + 2;
      for (let i = 0; i < n; i++) {
        const item = this.parse(pos);
        if (!item) return null;
        items.push(item.value);
        pos = item.end;
      }
      return { value: items, end: pos };
    }
    throw new Error(`unexpected RESP type ${type}`);
  }
  send(args: unknown[]): Promise<Reply> {
    const parts = args.map((a) => (typeof a === 'string' ? a : a === null ? '' : typeof a === 'object' ? JSON.stringify(a) : String(a)));
    const wire = `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(wire);
    });
  }
  close() {
    this.socket.destroy();
  }
}

function encode(r: Reply, base64: boolean): unknown {
  if (typeof r === 'string') return base64 ? Buffer.from(r).toString('base64') : r;
  if (Array.isArray(r)) return r.map((x) => encode(x, base64));
  return r;
}

export interface FakeUpstash {
  url: string;
  commands: string[];
  failing: boolean;
  close(): Promise<void>;
}

export async function redisAvailable(): Promise<boolean> {
  try {
    const r = await Resp.open();
    const pong = await r.send(['PING']);
    r.close();
    return pong === 'PONG';
  } catch {
    return false;
  }
}

export async function startFakeUpstash(token: string): Promise<FakeUpstash> {
  const redis = await Resp.open();
  const state: FakeUpstash = { url: '', commands: [], failing: false, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', async () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${token}`) return reply(401, { error: 'Unauthorized' });
      if (state.failing) return reply(500, { error: 'ERR internal error' });
      const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return reply(400, { error: 'ERR failed to parse command' });
      }
      const run = async (cmd: unknown[]) => {
        state.commands.push(String(cmd[0]).toUpperCase());
        // Upstash accepts the `allow-key-locking` script flag; the local Redis 7.0 does not.
        if (String(cmd[0]).toUpperCase() === 'EVAL' && typeof cmd[1] === 'string') cmd = [cmd[0], cmd[1].replace(/^#!lua flags=allow-key-locking\s*\n/, ''), ...cmd.slice(2)];
        const r = await redis.send(cmd);
        return r && typeof r === 'object' && !Array.isArray(r) ? { error: r.error } : { result: encode(r, base64) };
      };
      if (req.url === '/pipeline' || req.url === '/multi-exec') {
        if (!Array.isArray(body)) return reply(400, { error: 'ERR pipeline must be an array of commands' });
        const out = [];
        for (const cmd of body as unknown[][]) out.push(await run(cmd));
        return reply(200, out);
      }
      if (!Array.isArray(body)) return reply(400, { error: 'ERR command must be an array' });
      const out = await run(body);
      return reply('error' in out ? 400 : 200, out);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  state.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  state.close = () =>
    new Promise((r) => {
      redis.close();
      server.close(() => r());
    });
  return state;
}
