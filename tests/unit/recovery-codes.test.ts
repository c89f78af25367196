import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, matchRecoveryCode, newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from '@/lib/auth/recovery-codes';
import { recoveryCodesText } from '@/lib/auth/recovery-codes-text';

describe('recovery codes', () => {
  it('come as 10 distinct xxxxx-xxxxx codes without look-alike characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    expect(newRecoveryCodes()).not.toEqual(codes);
  });

  it('are compared without case, spaces or dashes, and refuse what cannot be a code', () => {
    expect(normalizeRecoveryCode(' ABCDE-fghjk ')).toBe('abcdefghjk');
    expect(normalizeRecoveryCode('abcde fghjk')).toBe('abcdefghjk');
    expect(normalizeRecoveryCode('abcde-fghj')).toBeNull();
    expect(normalizeRecoveryCode('abcde-fghj0')).toBeNull(); // 0 is not in the alphabet
    expect(normalizeRecoveryCode('123456')).toBeNull();
  });

  it('are stored as bcrypt hashes that match only their own code', async () => {
    const [a, b] = newRecoveryCodes(2);
    const stored = [
      { id: 'a', code_hash: await hashRecoveryCode(a!) },
      { id: 'b', code_hash: await hashRecoveryCode(b!) },
    ];
    for (const s of stored) {
      expect(s.code_hash).toMatch(/^\$2[aby]\$08\$[./A-Za-z0-9]{53}$/);
      expect(s.code_hash).not.toContain(normalizeRecoveryCode(a!)!);
    }
    expect(await matchRecoveryCode(b!.toUpperCase(), stored)).toBe('b');
    expect(await matchRecoveryCode(a!, stored)).toBe('a');
    expect(await matchRecoveryCode(newRecoveryCodes(1)[0]!, stored)).toBeNull();
    expect(await matchRecoveryCode('123456', stored)).toBeNull();
    expect(await matchRecoveryCode(a!, [])).toBeNull();
  });

  it('download as text with every code and the account', () => {
    const codes = newRecoveryCodes();
    const txt = recoveryCodesText('ada@example.test', codes, new Date('2026-12-01T10:00:00Z'));
    expect(txt).toContain('ada@example.test');
    expect(txt).toContain('2026-12-01 10:00 UTC');
    for (const c of codes) expect(txt).toContain(`\n${c}\n`);
  });
});
