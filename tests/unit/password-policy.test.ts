import { describe, expect, it } from 'vitest';
import { checkPassword } from '@/lib/auth/password-policy';

describe('password policy', () => {
  it.each(['short', '123456789', 'abcdefghi'])('refuses %j as too short, in GoTrue’s words', (pw) => {
    const r = checkPassword(pw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reasons[0]).toBe('length');
      expect(r.message.startsWith('Password should be at least 10 characters.')).toBe(true);
    }
  });

  it.each(['password123', 'Password1234', 'qwertyuiop', '1234567890', 'iloveyou1!!', 'aaaaaaaaaaaa', 'welcome2025'])('refuses the common password %j, in GoTrue’s words', (pw) => {
    const r = checkPassword(pw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reasons).toEqual(['pwned']);
      expect(r.message).toBe('Password is known to be weak and easy to guess, please choose a different one.');
    }
  });

  it('lists every reason that applies, as GoTrue does, messages joined in the same order', () => {
    expect(checkPassword('password')).toEqual({
      ok: false,
      reasons: ['length', 'pwned'],
      message: 'Password should be at least 10 characters. Password is known to be weak and easy to guess, please choose a different one.',
    });
    expect(checkPassword('Zq8!')).toEqual({ ok: false, reasons: ['length'], message: 'Password should be at least 10 characters.' });
  });

  it.each(['correct horse battery staple 42', 'Tr0ub4dor&3-plant7', 'Sanitation-Line-4-2026'])('accepts %j', (pw) => {
    expect(checkPassword(pw)).toEqual({ ok: true });
  });

  it('refuses more than 72 bytes (bcrypt would truncate)', () => {
    expect(checkPassword('é'.repeat(40))).toMatchObject({ ok: false, message: 'Password cannot be longer than 72 characters.' });
  });
});
