import { describe, expect, it } from 'vitest';
import { sectionRefusal } from '../../../../main/ipc/handlers/administration.ts';

describe('sectionRefusal', () => {
  it('says the account administers nothing when no section is offered', () => {
    expect(sectionRefusal('Kimai', [], 'people')).toBe('Kimai does not say your account administers anything, so Punchcard offers no administration here.');
  });

  it('names what the refused section does when others are offered', () => {
    expect(sectionRefusal('Clockify', ['tags'], 'rates')).toBe('Clockify does not let you administer rates through Punchcard.');
    expect(sectionRefusal('Kimai', ['people', 'teams'], 'catalog')).toBe(
      'Kimai does not let you add, archive or restore customers, projects and activities through Punchcard.',
    );
  });
});
