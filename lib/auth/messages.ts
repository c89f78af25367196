import { PASSWORD_MIN_LENGTH } from './password-policy';

/**
 * Human messages for Supabase Auth error codes. Sign-in and recovery say the same thing
 * whether or not the email exists (no user enumeration).
 */
const MESSAGES: Record<string, string> = {
  invalid_credentials: 'That email and password do not match an account. Check both and try again.',
  email_not_confirmed: 'Confirm your email address first: open the link we sent you, or send a new one below.',
  user_banned: 'This account is closed.',
  weak_password: 'Choose a stronger password.',
  same_password: 'The new password must be different from the current one.',
  otp_expired: 'That link is invalid or has expired. Request a new one.',
  flow_state_not_found: 'That link was opened in a different browser, or has already been used. Sign in, or request a new link.',
  flow_state_expired: 'That link has expired. Request a new one.',
  bad_code_verifier: 'That link was opened in a different browser. Open it in the browser where you started, or request a new one.',
  over_email_send_rate_limit: 'An email was sent a moment ago. Wait a minute before asking for another.',
  over_request_rate_limit: 'Too many attempts. Wait a little and try again.',
  rate_limited: 'Too many attempts. Wait a little and try again.',
  mfa_verification_failed: 'That code is not right. Enter the 6-digit code your authenticator app shows now.',
  mfa_challenge_expired: 'That attempt expired. Enter a fresh code.',
  insufficient_aal: 'Confirm with your authenticator code first.',
  reauthentication_needed: 'For your security, sign in again before changing your password.',
  reauthentication_not_valid: 'For your security, sign in again before changing your password.',
  current_password_invalid: 'Your current password is not right.',
  current_password_required: 'Enter your current password.',
  session_not_found: 'Your session has ended. Sign in again.',
  refresh_token_already_used: 'Your session has ended. Sign in again.',
  saml_provider_disabled: 'Single sign-on is not configured on this server. Sign in with your email and password.',
  sso_provider_not_found: 'No single sign-on is set up for that email domain. Sign in with your email and password.',
  signup_disabled: 'New sign-ups are closed on this server.',
  email_exists: 'That email address is already in use.',
  user_already_exists: 'That email address is already registered. Sign in instead.',
  validation_failed: 'Check the form: something is missing or not valid.',
};

export function authMessage(code: string | undefined, fallback = 'Something went wrong. Please try again.'): string {
  return (code && MESSAGES[code]) || fallback;
}

const PWNED = 'This password is too common or has appeared in a data breach; choose another.';

/**
 * What a password form says when the policy (or Supabase Auth) refused a password: GoTrue's
 * words ("Password should be at least 10 characters."), except a plainer line for a common
 * or breached one.
 */
export function passwordAdvice(reasons: readonly string[], message: string): string {
  if (!reasons.includes('pwned')) return message || MESSAGES.weak_password!;
  return reasons.includes('length') ? `Password should be at least ${PASSWORD_MIN_LENGTH} characters. ${PWNED}` : PWNED;
}
