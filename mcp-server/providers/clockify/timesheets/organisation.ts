// The timer and the entries under the organisation's credential (docs/back-ends/clockify.md, "Acting for others"):
// every endpoint narrowed to the person (acting.ts), the ones it shares with other capabilities as the root narrows
// them. Every request names the person and every entry answered must be theirs; a new entry is made for them
// (createForOthers), on a project open to them, outside the workspace's lock (unless they are an admin) and their
// approved periods, with no value of a field only admins edit; a deletion reads the entry first and is held alike.
import { BackEndError } from '../../time-tracker.ts';
import { bodySpan, type ClockifyActing, lockDay, NotNarrowedError, spanOf } from '../acting.ts';
import { entryStart } from '../mapping.ts';
import type { TimesheetsEndpoints } from './endpoints.ts';

export function underOrganisation(api: TimesheetsEndpoints, acting: ClockifyActing): TimesheetsEndpoints {
  return {
    entry: acting.shared.entry,
    replaceEntry: acting.shared.replaceEntry,
    tags: acting.shared.tags,
    createTag: acting.shared.createTag,
    runningEntries: async (workspaceId, userId) => {
      await acting.about(workspaceId, userId);
      const running = await api.runningEntries(workspaceId, userId);
      acting.theirs(running);
      acting.remember(running);
      return running;
    },
    entriesPage: async (workspaceId, userId, filter, page) => {
      await acting.about(workspaceId, userId);
      const answer = await api.entriesPage(workspaceId, userId, filter, page);
      acting.theirs(answer.items);
      return answer;
    },
    createEntry: async (workspaceId, body, action) => {
      await acting.about(workspaceId);
      await acting.bookable(workspaceId, body.projectId);
      await acting.fieldsHeld(workspaceId, body);
      const lock = await acting.locked(workspaceId, Date.parse(String(body.start)));
      if (lock) throw new BackEndError('clockify_period_locked', { before: lockDay(lock.before), verb: 'log' });
      await acting.approvedHolds(workspaceId, bodySpan(body));
      const created = await api.createEntryFor(workspaceId, acting.id, body, action);
      acting.theirs([created]);
      acting.remember([created]);
      return created;
    },
    // Not narrowed: another's entry is never made through the person.
    createEntryFor: () => Promise.reject(new NotNarrowedError('createEntryFor')),
    deleteEntry: async (workspaceId, entryId, number) => {
      await acting.about(workspaceId);
      const current = await acting.ownEntry(workspaceId, entryId, number);
      if (await acting.locked(workspaceId, entryStart(current))) throw new BackEndError('clockify_entry_locked', { entry: number, verb: 'delete' });
      await acting.approvedHolds(workspaceId, [spanOf(current, acting.now())]);
      acting.forgetRead(entryId);
      return api.deleteEntry(workspaceId, entryId, number);
    },
    stopRunning: async (workspaceId, userId, end) => {
      await acting.about(workspaceId, userId);
      // The timer as just read for the stop (timesheets.ts reads it first), else read now.
      const running = acting.recentRunning() ?? (await api.runningEntries(workspaceId, acting.id))[0];
      if (running) await acting.approvedHolds(workspaceId, [{ start: entryStart(running), end: Math.max(entryStart(running) + 1, Date.parse(end)) }]);
      const stopped = await api.stopRunning(workspaceId, userId, end);
      acting.theirs([stopped]);
      return stopped;
    },
  };
}
