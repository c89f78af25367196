/**
 * The embedded Supabase Auth (GoTrue) emulator, served by the app at /auth/v1 when no
 * Supabase project is configured, so @supabase/ssr and supabase-js run unchanged. The wire
 * subset and its deviations are listed in the README ("Accounts and sign-in").
 */
export { createAuthEmulator } from './router';
export { defaultConfig, type EmulatorConfig, type EmulatorDeps, type Mailer } from './context';
export { signingKey } from './keys';
