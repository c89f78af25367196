/**
 * The app's HTTP server: `npm start` (production build) and `npm run dev` (`--dev`, Turbopack).
 * It is Next's own request handler behind a plain node:http server, for one reason: a route
 * handler cannot see the TCP peer, and Next writes the peer into X-Forwarded-For only when the
 * client sent none, so under a bare `next start` any client chooses its own address. Here
 * every request first loses whatever the client sent as SOCKET_ADDRESS_HEADER and gets the
 * peer's address in it instead; lib/security/client-ip.ts reads it (and trusts it only in a
 * process this file marked).
 *
 *   tsx scripts/server.ts [--dev]     PORT (default 3000), HOSTNAME (default: all interfaces)
 */
import { createServer } from 'node:http';
import path from 'node:path';
import { markSocketAddressStamped, SOCKET_ADDRESS_HEADER } from '../lib/security/client-ip';

const dev = process.argv.includes('--dev');
// Like `next dev` / `next start`: the mode decides NODE_ENV unless it was set.
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? (dev ? 'development' : 'production') });
const port = Number(process.env.PORT || 3000);
const listenHost = process.env.HOSTNAME || undefined;

async function main() {
  markSocketAddressStamped();
  const { default: next } = await import('next');
  const app = next({ dev, dir: path.resolve(__dirname, '..'), hostname: listenHost ?? 'localhost', port, turbopack: dev });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    delete req.headers[SOCKET_ADDRESS_HEADER];
    const peer = req.socket.remoteAddress;
    if (peer) req.headers[SOCKET_ADDRESS_HEADER] = peer;
    void handle(req, res);
  });
  // Keep idle connections longer than the clients and proxies in front of us do (Node's default
  // is 5 s): a client reusing a connection the server closed a moment earlier gets ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, listenHost, () => {
    console.log(`SOPwright ${dev ? 'development' : 'production'} server on http://${listenHost ?? 'localhost'}:${port}`);
  });

  const stop = () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
