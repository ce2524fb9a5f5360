import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, generatePassword, hashPassword, verifyPassword } from './passwords.js';

describe('password hashes', () => {
  it('keep the default cost and a per-user salt in the stored string', async () => {
    const a = await hashPassword('одинаковый пароль');
    const b = await hashPassword('одинаковый пароль');
    expect(a).toMatch(new RegExp(`^scrypt\\$ln=${DEFAULT_SCRYPT_COST.ln},r=8,p=1\\$`));
    expect(a).not.toBe(b);
    expect(await verifyPassword('одинаковый пароль', a)).toBe(true);
    expect(await verifyPassword('другой пароль', a)).toBe(false);
  });

  it('verify a hash made with other cost parameters, as stored', async () => {
    const cheap = await hashPassword('password one', { ln: 10, r: 8, p: 1 });
    expect(await verifyPassword('password one', cheap)).toBe(true);
  });

  it('refuse a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain text')).toBe(false);
  });

  it('generate 16-character passwords without look-alike characters', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(generatePassword()).not.toBe(password);
  });
});
