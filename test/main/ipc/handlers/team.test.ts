import { describe, expect, it } from 'vitest';
import { noTeamWords } from '../../../../main/ipc/handlers/team.ts';

describe('noTeamWords', () => {
  it('asks a Harvest person to switch the team group on, whom they lead being read from their role only then', () => {
    expect(noTeamWords('harvest', false)).toBe('Switch on the Team group in Tools, and Punchcard asks Harvest whom you lead.');
    expect(noTeamWords('harvest', true)).toBe('Harvest names nobody whose hours you may see through Punchcard.');
  });
});
