// Which field of an entry a refusal is about: the editor marks it invalid and puts focus there.
import { expect, it } from 'vitest';
import { entryFieldOf } from '../../renderer/src/problems.ts';

it.each([
  ['Kimai books every entry on a project and an activity; name the project too.', 'project'],
  ['No project "Nope". Known: "Acme Website", "Internal".', 'project'],
  ['Kimai books every entry on an activity too; name one, e.g. Design.', 'activity'],
  ['You may not book on this service in Clockodo.', 'activity'],
  ['The end (2:00 PM) is not after the start (3:00 PM).', 'end'],
  ['The end is in the future (May 13, 2026, 11:30 PM). Use a time up to now.', 'end'],
  ['The start is in the future (May 13, 2026, 11:30 PM). Use a time up to now.', 'start'],
  ['Enter the time the work started.', 'start'],
  ['Enter the time the work ended.', 'end'],
  ['This time entry cannot be changed: It is exported in Kimai. Nothing was changed.', null],
])('%s → %s', (message, field) => {
  expect(entryFieldOf(message)).toBe(field);
});
