/**
 * Runs once when a server instance starts: validate the configuration now, so a half-set
 * environment stops the server with a message naming the variable instead of failing later.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { env, describeModes } = await import('@/lib/env');
    const modes = describeModes(env());
    console.log(`SOPwright modes: ${Object.entries(modes).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  }
}
