/**
 * Runs once when a server instance starts: validate the configuration now, so a half-set
 * environment stops the server with a message naming the variable instead of failing later,
 * and say loudly what runs but is unsafe or unusable (lib/env.ts warnings, and a server that
 * cannot know its clients' addresses). Then start drafting (lib/generation/runtime.ts): this
 * instance's worker takes queued runs from the start, not only once a request came.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { env, describeModes } = await import('@/lib/env');
    const { socketAddressStamped } = await import('@/lib/security/client-ip');
    const cfg = env();
    const modes = describeModes(cfg);
    console.log(`SOPwright modes: ${Object.entries(modes).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    const warnings = [...cfg.warnings];
    if (cfg.trustProxy.kind === 'none' && !socketAddressStamped()) {
      warnings.push(
        'Client addresses are unknown: this server was not started by scripts/server.ts (npm start / npm run dev) and TRUST_PROXY is not set, so every client shares one per-IP rate limit. Start it with npm start, or set TRUST_PROXY for your proxy.',
      );
    }
    for (const w of warnings) console.warn(`\n!!! SOPwright WARNING: ${w}\n`);
    if (process.env.NEXT_PHASE !== 'phase-production-build') {
      import('@/lib/generation/runtime')
        .then(({ drafting }) => drafting())
        .catch((err: unknown) => console.error(`drafting could not start (it is tried again on the next draft): ${err instanceof Error ? err.message : String(err)}`));
    }
  }
}
