// Matching a signed-in person to their tracker user under one organisation credential
// (team-server/auth/organisation-match.ts), pure over a directory the test hands in: exactly one active user
// whose address is the verified e-mail, whole and case-folded (a directory that answers "contains" is not
// trusted), and a pinned person is never matched again, only their pinned user read. Only ASCII letters compare
// without case: a letter whose Unicode case mapping lands in ASCII (the Kelvin sign lower-cases to "k") is another
// address, never a colleague's; and where one organisation credential acts for people, an address with any character
// beyond plain ASCII, each of those letters among them, is refused before anything is matched.
import { describe, expect, it } from 'vitest';
import { confirmPinned, matchByEmail, organisationMatch, type PeopleDirectory, plainAddressRefusal } from '../../../team-server/auth/organisation-match.ts';
import { sameEmail } from '../../../mcp-server/contract/back-end-accounts.ts';
import type { TrackerUser } from '../../../mcp-server/for-the-team-server.ts';

const ADA: TrackerUser = { id: '7', name: 'Ada', email: 'Ada@Example.com', active: true };
const NADA: TrackerUser = { id: '8', name: 'Nada', email: 'nada@example.com', active: true };
const TWIN: TrackerUser = { id: '9', name: 'Ada Twin', email: 'ada@example.com ', active: true };
const GONE: TrackerUser = { id: '10', name: 'Gone', email: 'gone@example.com', active: false };

describe('matchByEmail', () => {
  it('takes the one active user whose whole address is the e-mail, case-folded', () => {
    expect(matchByEmail([ADA, NADA], 'ada@example.com', 'Kimai')).toEqual({ ok: true, user: ADA });
  });

  it('never takes an address that only contains the e-mail (Clockify answers nada@ for ada@)', () => {
    const verdict = matchByEmail([NADA], 'ada@example.com', 'Clockify');
    expect(verdict).toEqual({
      ok: false,
      reason: 'no_match',
      said: 'No Clockify account has the address ada@example.com, so this server cannot tell which account is yours. Ask your administrator to give your Clockify account that address, then sign in again. Nothing was saved.',
    });
  });

  it('refuses two users with the address, and a deactivated one, in words', () => {
    expect(matchByEmail([ADA, TWIN], 'ada@example.com', 'Kimai')).toMatchObject({
      ok: false,
      reason: 'several',
      said: expect.stringMatching(/^2 Kimai accounts have the address ada@example\.com, so this server cannot tell which one is yours\./),
    });
    // The same user listed twice is one user.
    expect(matchByEmail([ADA, ADA], 'ada@example.com', 'Kimai')).toEqual({ ok: true, user: ADA });
    expect(matchByEmail([GONE], 'gone@example.com', 'Clockodo')).toEqual({
      ok: false,
      reason: 'deactivated',
      said: 'Your Clockodo account (#10) is deactivated, so this server does not act for it. Ask your administrator. Nothing was saved.',
    });
  });
});

/**
 * Every code point beyond ASCII whose lower or upper case, in any locale JavaScript knows a special mapping for
 * (Turkish and Azeri dotted and dotless i, Lithuanian), is made of ASCII characters only, with what it maps to.
 */
function lookAlikes(): Array<{ codePoint: number; folded: string }> {
  const found = new Map<number, string>();
  const ascii = (text: string) => [...text].every((character) => (character.codePointAt(0) ?? 0x80) < 0x80);
  for (let codePoint = 0x80; codePoint <= 0x10ffff; codePoint += 1) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    const letter = String.fromCodePoint(codePoint);
    for (const folded of [
      letter.toLowerCase(),
      letter.toUpperCase(),
      ...['tr', 'az', 'lt'].flatMap((locale) => [letter.toLocaleLowerCase(locale), letter.toLocaleUpperCase(locale)]),
    ]) {
      if (ascii(folded) && !found.has(codePoint)) found.set(codePoint, folded);
    }
  }
  return [...found].map(([codePoint, folded]) => ({ codePoint, folded }));
}

describe('look-alike letters', () => {
  const found = lookAlikes();
  const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

  it('are found by the loop: the Kelvin sign, the long s, the dotless and dotted i, the sharp s and the Latin ligatures', () => {
    expect(found.map(({ codePoint }) => hex(codePoint))).toEqual(
      expect.arrayContaining(['U+212A', 'U+017F', 'U+0131', 'U+0130', 'U+00DF', 'U+FB00', 'U+FB01', 'U+FB02', 'U+FB03', 'U+FB04', 'U+FB05', 'U+FB06']),
    );
  });

  it.each(found.map(({ codePoint, folded }) => [hex(codePoint), String.fromCodePoint(codePoint), folded] as const))(
    '%s (%s, folding to "%s") stands for no tracker user whose address has those ASCII letters, either way round',
    (_name, letter, folded) => {
      const lookAlike = `a${letter}da@example.com`;
      for (const plain of [`a${folded.toLowerCase()}da@example.com`, `a${folded.toUpperCase()}da@example.com`]) {
        expect(sameEmail(lookAlike, plain)).toBe(false);
        expect(sameEmail(plain, lookAlike)).toBe(false);
        const colleague: TrackerUser = { id: '11', name: 'Colleague', email: plain, active: true };
        expect(matchByEmail([colleague], lookAlike, 'Kimai')).toMatchObject({ ok: false, reason: 'no_match' });
        const impostor: TrackerUser = { id: '12', name: 'Impostor', email: lookAlike, active: true };
        expect(matchByEmail([impostor], plain, 'Kimai')).toMatchObject({ ok: false, reason: 'no_match' });
      }
    },
  );

  it.each(found.map(({ codePoint }) => [hex(codePoint), String.fromCodePoint(codePoint)] as const))(
    '%s (%s) is refused at a sign-in under the organisation credential (non_ascii), named by its code point',
    (name, letter) => {
      expect(plainAddressRefusal(`a${letter}da@example.com`, 'Calamari')).toMatchObject({ reason: 'non_ascii', said: expect.stringContaining(`(${name})`) });
    },
  );

  it('still takes the same address in other ASCII cases, and a non-ASCII letter exactly as written', () => {
    expect(sameEmail(' KIM@Example.COM', 'kim@example.com ')).toBe(true);
    expect(sameEmail('jürgen@example.com', 'JüRGEN@example.com')).toBe(true);
    // Beyond ASCII the case is not folded: Ü and ü are other letters, as the look-alikes are.
    expect(sameEmail('jürgen@example.com', 'JÜRGEN@example.com')).toBe(false);
  });
});

describe('plainAddressRefusal', () => {
  it('says, with the address and its first character beyond plain ASCII, why the organisation credential is not used for it', () => {
    expect(plainAddressRefusal('\u212Aim@example.com', 'Kimai')).toEqual({
      reason: 'non_ascii',
      said: "Your company account's address \u212Aim@example.com has a character that is not plain ASCII (U+212A). This server acts for people through one Kimai account of the organisation, and Kimai may take such a character for a plain letter and the address for a colleague's, so it takes only addresses of plain ASCII letters, digits and signs. Ask your administrator to give your company account such an address, then sign in again. Nothing was saved.",
    });
    // Not only letters that fold into ASCII: an accent, or a full-width letter of the domain, which a collation or
    // IDNA may take for a plain one.
    expect(plainAddressRefusal('jos\u00e9@example.com', 'Calamari')?.said).toContain('(U+00E9)');
    expect(plainAddressRefusal('ada@\uFF45xample.com', 'Clockify')?.said).toContain('(U+FF45)');
  });

  it('lets every plain address through, in any case', () => {
    for (const address of ['ada@example.com', 'ADA@Example.COM', "o'neil+time@sub.example.com"])
      expect(plainAddressRefusal(address, 'Kimai'), address).toBeNull();
  });
});

describe('a pinned person', () => {
  it('is confirmed by their pinned user alone, refused where it is gone or deactivated', () => {
    expect(confirmPinned(ADA, '7', 'Kimai')).toEqual({ ok: true, user: ADA });
    expect(confirmPinned(null, '7', 'Kimai')).toMatchObject({ ok: false, reason: 'no_match', said: expect.stringContaining('(#7) no longer exists there') });
    expect(confirmPinned(GONE, '10', 'Kimai')).toMatchObject({ ok: false, reason: 'deactivated' });
  });

  it('is never matched by e-mail again: the directory is asked for the pinned user only', async () => {
    const asked: string[] = [];
    const directory: PeopleDirectory = {
      usersWithEmail: async (email) => (asked.push(`email ${email}`), [TWIN]),
      user: async (id) => (asked.push(`user ${id}`), id === '7' ? { ...ADA, email: 'someone.else@example.com' } : null),
    };
    // Their address moved at the provider and in the tracker: still the pinned user.
    expect(await organisationMatch(directory, { pinnedUserId: '7', email: 'ada@example.com' }, 'Kimai')).toMatchObject({
      ok: true,
      pinned: true,
      user: { id: '7' },
    });
    expect(asked).toEqual(['user 7']);
    expect(await organisationMatch(directory, { pinnedUserId: null, email: 'ada@example.com' }, 'Kimai')).toMatchObject({
      ok: true,
      pinned: false,
      user: { id: '9' },
    });
    expect(asked).toEqual(['user 7', 'email ada@example.com']);
  });
});
