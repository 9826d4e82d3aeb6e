import { describe, expect, it } from 'vitest';
import { redactSecrets, secretForms } from '../../../../mcp-server/providers/remote/redaction.ts';

describe('taking a secret out of what a server answered', () => {
  const secret = 'ab/cd+ef=0123456789';

  it('finds it as sent, URL-encoded, in base64 and base64url, and with "/" written "\\/" as PHP writes JSON', () => {
    const echoed = [
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
      JSON.stringify(secret).replaceAll('/', '\\/'),
    ].join(' | ');
    const clean = redactSecrets(echoed, [secret]);
    for (const form of secretForms(secret)) expect(clean).not.toContain(form);
    expect(clean).toBe('[redacted] | [redacted] | [redacted] | [redacted] | "[redacted]"');
  });

  it('takes out an HTTP Basic credential given as a secret of its own (user:secret in base64)', () => {
    const basic = `Basic ${Buffer.from(`calamari:${secret}`).toString('base64')}`;
    expect(redactSecrets(`Authorization: ${basic}`, [secret, `calamari:${secret}`])).toBe('Authorization: Basic [redacted]');
  });

  it('leaves ordinary text alone, and never strikes text for a secret too short to be one', () => {
    expect(redactSecrets('Kimai refused: the project is archived.', [secret])).toBe('Kimai refused: the project is archived.');
    expect(redactSecrets('a b c', ['a'])).toBe('a b c');
  });
});
