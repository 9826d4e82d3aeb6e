// Which claims make an e-mail one the company's identity provider vouches for.
import { describe, expect, it } from 'vitest';
import { emailVerified } from '../../../team-server/auth/company-sign-in.ts';

describe('a verified e-mail', () => {
  it('is one the provider marks email_verified, or Entra ID marks xms_edov', () => {
    expect(emailVerified({ email: 'a@example.com', email_verified: true })).toBe(true);
    expect(emailVerified({ email: 'a@example.com', xms_edov: true })).toBe(true);
  });

  it('is not one without either, nor one marked with a string or false', () => {
    expect(emailVerified({ email: 'a@example.com' })).toBe(false);
    expect(emailVerified({ email: 'a@example.com', email_verified: 'true' })).toBe(false);
    expect(emailVerified({ email: 'a@example.com', email_verified: false, xms_edov: false })).toBe(false);
  });
});
