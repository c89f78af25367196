import { describe, expect, it } from 'vitest';
import { checkPassword } from '@/lib/auth/password-policy';

describe('password policy', () => {
  it.each(['short', '123456789', 'abcdefghi'])('refuses %j as too short, saying so', (pw) => {
    const r = checkPassword(pw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reasons).toEqual(['length']);
      expect(r.message).toMatch(/at least 10 characters/);
    }
  });

  it.each(['password123', 'Password1234', 'qwertyuiop', '1234567890', 'iloveyou1!!', 'aaaaaaaaaaaa', 'welcome2025'])('refuses the common password %j', (pw) => {
    const r = checkPassword(pw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reasons).toEqual(['pwned']);
      expect(r.message).toMatch(/too common/);
    }
  });

  it.each(['correct horse battery staple 42', 'Tr0ub4dor&3-plant7', 'Sanitation-Line-4-2026'])('accepts %j', (pw) => {
    expect(checkPassword(pw)).toEqual({ ok: true });
  });

  it('refuses more than 72 bytes (bcrypt would truncate)', () => {
    expect(checkPassword('é'.repeat(40)).ok).toBe(false);
  });
});
