// Kimai's meta fields (issue 78) through the organisation's account, attacked by the person: Ada (a plain user)
// acting through Root's super administrator token on the team server, trying to reach Mia's time or Root's rights
// through the new paths: update_time_entry and clock_out with `fields`, the meta request on an id not hers, and a
// field the custom-fields plugin keeps to some roles (MetaFieldRule.permission, granted to the CALLER: Root holds
// every one). The fake Kimai narrows nothing for others itself; its request log says what was sent.
import { describe, expect, it } from 'vitest';
import { actingKimaiApi } from './kimai-endpoints.ts';
import { kimaiClientFor } from '../../../../mcp-server/providers/kimai/api.ts';
import { loadKimaiTracker } from '../../../../mcp-server/providers/kimai/tracker.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import clockOut from '../../../../mcp-server/tools/clock-out.ts';
import listCatalog from '../../../../mcp-server/tools/list-catalog.ts';
import listTimeEntries from '../../../../mcp-server/tools/list-time-entries.ts';
import updateTimeEntry from '../../../../mcp-server/tools/update-time-entry.ts';
import { type MovableClock, movableClockStartingAt } from '../../../support/fake-clock.ts';
import { actingToolRunner } from '../acting-tool-context.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeKimaiOptions, type FakeMetaRule, type FakeUser, seedCatalog, startFakeKimai } from './fake-kimai.ts';
import { closedAfterEach, dataFolder, said, sentDuring, trackerOptions, writes } from './tracker-support.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const [ADA, TOM, ROOT] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser];
const MIA: FakeUser = { id: 4, username: 'mia', alias: 'Mia', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-mia-0123456789' };
const at = (iso: string) => Date.parse(iso);
const SPAN = { begin: at('2026-11-17T09:00:00+01:00'), end: at('2026-11-17T10:00:00+01:00') };

/** A field for everyone, one kept to team leads and above, one kept to a permission (Punchcard cannot read who holds it). */
const RULES: FakeMetaRule[] = [
  { name: 'ticket' },
  { name: 'billing_code', permission: 'ROLE_TEAMLEAD' },
  { name: 'audit_note', permission: 'view_rate_other_timesheet' },
];

const opened = closedAfterEach();

interface Setup {
  fake: FakeKimai;
  tracker: RemoteTracker;
  clock: MovableClock;
  ids: { website: number; design: number };
}

async function setup(options: FakeKimaiOptions & { person?: FakeUser; own?: boolean } = {}): Promise<Setup> {
  const clock = movableClockStartingAt(NOW);
  const server = await startFakeKimai({
    users: [...DEFAULT_USERS, MIA],
    now: clock,
    ...options,
    config: { metaFieldsPlugin: true, metaRules: RULES, ...options.config },
  });
  opened.fake = server;
  const { website, design } = seedCatalog(server);
  const person = options.person ?? ADA;
  const created = (await loadKimaiTracker())({
    ...trackerOptions(server.url, options.own ? person.token : ROOT.token, dataFolder(opened, 'kimai-acting-fields'), clock),
    ...(options.own ? {} : { actingFor: { userId: String(person.id) } }),
  });
  opened.tracker = created;
  return { fake: server, tracker: created, clock, ids: { website: website.id, design: design.id } };
}

async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; facts: Record<string, unknown> }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error) || !('refusal' in error)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return (error as Error & { refusal: { code: string; facts: Record<string, unknown> } }).refusal;
}

const keyless = (value: unknown) => expect(JSON.stringify(value)).not.toContain(ROOT.token);

describe("Kimai meta fields under the organisation's account: Ada against Mia's time", () => {
  it("update_time_entry with fields on Mia's record is refused as not hers: no meta request, Mia's values stay", async () => {
    const { fake, tracker, clock, ids } = await setup();
    const mias = fake.addTimesheet({ userId: MIA.id, ...SPAN, projectId: ids.website, activityId: ids.design, meta: { ticket: 'M-1' } });
    const { run } = actingToolRunner(tracker, clock, 'Europe/Berlin');
    let refused: unknown;
    const sent = await sentDuring(fake, async () => {
      refused = await refusalOf(run(updateTimeEntry, { id: mias.id, fields: { ticket: 'A-1' } }));
    });
    expect(refused).toMatchObject({ code: 'entry_not_yours' });
    keyless(refused);
    expect(writes(sent)).toEqual([]);
    expect(said(sent)).not.toContain('GET /metafields');
    expect(mias.meta).toEqual({ ticket: 'M-1' });
  });

  it("clock_out with fields while Mia's timer runs and Ada's does not: no timer of hers, nothing written", async () => {
    const { fake, tracker, clock, ids } = await setup();
    const miasTimer = fake.addTimesheet({ userId: MIA.id, begin: at('2026-11-18T07:00:00+01:00'), end: null, projectId: ids.website, activityId: ids.design });
    const { run } = actingToolRunner(tracker, clock, 'Europe/Berlin');
    let refused: unknown;
    const sent = await sentDuring(fake, async () => {
      refused = await refusalOf(run(clockOut, { fields: { ticket: 'A-1' } }));
    });
    expect(refused).toMatchObject({ code: 'clock_out_no_timer' });
    expect(writes(sent)).toEqual([]);
    const below = await sentDuring(fake, async () => {
      expect((await refusalOf(tracker.timer.stopTimer(undefined, undefined, [{ id: 'ticket', name: 'ticket', value: 'A-1' }]))).code).toBe('timer_not_running');
    });
    expect(writes(below)).toEqual([]);
    expect(miasTimer.end).toBeNull();
    expect(miasTimer.meta).toBeUndefined();
  });

  it("the meta request itself, on Mia's id or on Ada's exported record, is refused by the narrowed API after a read alone", async () => {
    const { fake, ids } = await setup();
    const mias = fake.addTimesheet({ userId: MIA.id, ...SPAN, projectId: ids.website, activityId: ids.design });
    const exported = fake.addTimesheet({ userId: ADA.id, ...SPAN, projectId: ids.website, activityId: ids.design, exported: true });
    const now = () => Date.parse(NOW);
    const api = await actingKimaiApi(kimaiClientFor(trackerOptions(fake.url, ROOT.token, opened.dir as string, now)), { userId: String(ADA.id), now });
    const onMias = await sentDuring(fake, async () => expect((await refusalOf(api.setTimesheetMeta(mias.id, 'ticket', 'A-1'))).code).toBe('entry_not_yours'));
    expect(writes(onMias)).toEqual([]);
    expect(said(onMias)).toContain(`GET /timesheets/${mias.id}`);
    const onExported = await sentDuring(fake, async () =>
      expect((await refusalOf(api.setTimesheetMeta(exported.id, 'ticket', 'A-1'))).code).toBe('kimai_entry_exported'),
    );
    expect(writes(onExported)).toEqual([]);
    expect(mias.meta).toBeUndefined();
    expect(exported.meta).toBeUndefined();
    api.close();
  });

  it('a partial write of fields stays on her own record: each meta request names her id, a name not hers is refused unsent and stops the rest', async () => {
    const { fake, tracker, ids } = await setup();
    const adas = fake.addTimesheet({ userId: ADA.id, ...SPAN, projectId: ids.website, activityId: ids.design });
    let refused: unknown;
    const sent = await sentDuring(fake, async () => {
      refused = await refusalOf(
        tracker.entries.updateEntry(adas.id, {
          customFields: [
            { id: 'ticket', name: 'ticket', value: 'A-1' },
            { id: 'nope', name: 'nope', value: 'x' },
          ],
        }),
      );
    });
    expect(refused).toMatchObject({ code: 'fields_partly_written', facts: { entry: adas.id, written: ['ticket'], not_written: ['nope'] } });
    keyless(refused);
    // The unknown name is not among the rules she is granted: answered as Kimai answers her own token (404), unsent.
    expect(said(writes(sent))).toEqual([`PATCH /timesheets/${adas.id}/meta`]);
    expect(adas.meta).toEqual({ ticket: 'A-1' });
  });

  it('a field kept to roles Ada does not hold is neither listed to her, nor written, nor shown, though the key holds them all', async () => {
    const { fake, tracker, clock, ids } = await setup();
    const adas = fake.addTimesheet({
      userId: ADA.id,
      ...SPAN,
      projectId: ids.website,
      activityId: ids.design,
      // Set by someone granted them: what Ada's own token would never show her.
      meta: { ticket: 'T-1', billing_code: 'B-7', audit_note: 'late' },
    });
    // What her own token reads, for comparison: the field for everyone alone.
    expect((await tracker.entryFields?.definitions())?.map((field) => field.name)).toEqual(['ticket']);
    const { run } = actingToolRunner(tracker, clock, 'Europe/Berlin');
    const catalog = await run(listCatalog, {});
    expect(JSON.stringify(catalog)).not.toMatch(/billing_code|audit_note/);

    let refused: unknown;
    const viaTool = await sentDuring(fake, async () => {
      refused = await refusalOf(run(updateTimeEntry, { id: adas.id, fields: { billing_code: 'B-8' } }));
    });
    expect(refused).toMatchObject({ code: 'field_value_invalid', facts: { field: 'billing_code', problem: 'unknown' } });
    // The refusal names the fields she may set, never another kept to roles she does not hold.
    expect(JSON.stringify(refused)).not.toContain('audit_note');
    keyless(refused);
    expect(writes(viaTool)).toEqual([]);

    // Below the tools, the narrowed API holds it as Kimai holds her own token: not defined for her (404), nothing sent.
    const below = await sentDuring(fake, async () => {
      refused = await refusalOf(tracker.entries.updateEntry(adas.id, { customFields: [{ id: 'audit_note', name: 'audit_note', value: 'fine' }] }));
    });
    expect(refused).toMatchObject({ code: 'fields_partly_written', facts: { written: [], not_written: ['audit_note'] } });
    keyless(refused);
    expect(writes(below)).toEqual([]);
    expect(adas.meta).toEqual({ ticket: 'T-1', billing_code: 'B-7', audit_note: 'late' });

    const listed = JSON.stringify(await run(listTimeEntries, { from: '2026-11-17', to: '2026-11-17' }));
    expect(listed).toContain('T-1');
    expect(listed).not.toMatch(/B-7|late|billing_code|audit_note/);
    expect(JSON.stringify(await tracker.entries.getEntry(adas.id))).not.toMatch(/B-7|late/);
  });

  it('a team lead acting through the key is granted the field kept to team leads, by HER role, and not the one kept to a permission', async () => {
    const { fake, tracker, ids } = await setup({ person: TOM });
    const toms = fake.addTimesheet({ userId: TOM.id, ...SPAN, projectId: ids.website, activityId: ids.design });
    expect((await tracker.entryFields?.definitions())?.map((field) => field.name)).toEqual(['ticket', 'billing_code']);
    const sent = await sentDuring(fake, () =>
      tracker.entries.updateEntry(toms.id, { customFields: [{ id: 'billing_code', name: 'billing_code', value: 'B-1' }] }),
    );
    expect(said(writes(sent))).toEqual([`PATCH /timesheets/${toms.id}/meta`]);
    expect(toms.meta).toEqual({ billing_code: 'B-1' });
  });

  it("Ada's own token lists the same fields the narrowed API lists her (the comparison the rule is held to)", async () => {
    const { tracker } = await setup({ own: true });
    expect((await tracker.entryFields?.definitions())?.map((field) => field.name)).toEqual(['ticket']);
  });
});
