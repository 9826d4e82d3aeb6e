// The endpoints Kimai's capabilities share (api.ts), narrowed to the person the organisation's account acts for
// (acting.ts; docs/back-ends/kimai.md, "Acting for others"), and that person made with them. The narrowing is an
// allow-list: each shared endpoint the person may send is narrowed here, every other one is refused without a request.
import type { KimaiApi, KimaiClient } from './api.ts';
import { type ActingKimaiOptions, KimaiActing, pluginWithheld, withheld } from './acting.ts';
import { readKimaiTime } from './mapping.ts';
import { withoutBudget } from './person-reach.ts';
import type { KimaiActivity, KimaiCustomer, KimaiProject, KimaiUser } from './wire.ts';

/** The person the organisation's `client` acts for, as `options` pin them, with the shared endpoints narrowed to them. */
export function kimaiActing(client: KimaiClient, options: ActingKimaiOptions): KimaiActing {
  return new KimaiActing(client, options, narrowShared);
}

/**
 * The endpoints the capabilities share, narrowed to the person. Those not narrowed (the directory, the teams) are
 * refused without a request, an allow-list enumerated from the endpoints themselves, so nothing added to api.ts later
 * slips through.
 */
function narrowShared(api: KimaiApi, acting: KimaiActing): KimaiApi {
  const handled: Partial<KimaiApi> = {
    /** The person, as their own token's profile would show them (their roles decide what is offered). */
    me: async (): Promise<KimaiUser> => {
      const { person, personZone } = await acting.look();
      return {
        id: person.id,
        username: person.username,
        alias: person.alias,
        timezone: personZone,
        roles: person.roles ?? [],
        email: person.email ?? null,
        memberships: person.memberships ?? [],
      };
    },
    timesheetConfig: () => acting.first(() => api.timesheetConfig()),
    timesheetPage: (filter, page, size, orderBy, order, purpose) => acting.timesheetPage(filter, page, size, orderBy, order, purpose),
    timesheet: (id) => acting.first(async () => acting.shownOne(await acting.theirRecord(id))),
    patchTimesheet: async (id, body, purpose) => {
      const seen = await acting.look();
      const sent = acting.personsBody(body, seen);
      await acting.holds.times(seen, body, false);
      const record = await acting.theirRecord(id);
      acting.holds.record(seen, record);
      const begin = body.begin === undefined ? undefined : acting.instantOf(body.begin, seen);
      acting.holds.lockdown(seen, begin);
      await acting.holds.booking(body);
      await acting.holds.approvals(seen, [readKimaiTime(record.begin), begin]);
      return acting.checked(api.patchTimesheet(id, sent, purpose));
    },
    findTags: (name) => acting.first(() => api.findTags(name)),
    createTag: (name, color) => acting.first(() => api.createTag(name, color)),
    // The catalog: shared reads, filtered to what the person's teams reach.
    customers: async (visible) => {
      const [{ reach: judged }, list] = await Promise.all([acting.reach(), api.customers(visible)]);
      return list.filter((customer: KimaiCustomer) => judged.customer(customer.id));
    },
    projects: async (visible) => {
      const [{ reach: judged, budgetShown }, list] = await Promise.all([acting.reach(), api.projects(visible)]);
      // The administrator's key reads every budget: one Kimai would not show the person is left out (project_status).
      return list.filter((project: KimaiProject) => judged.project(project)).map((project) => (budgetShown(project) ? project : withoutBudget(project)));
    },
    activities: async (visible) => {
      const [{ reach: judged, projects }, list] = await Promise.all([acting.reach(), api.activities(visible)]);
      return list.filter((activity: KimaiActivity) => judged.activity(activity, (id) => projects.get(id)));
    },
    /** The plugin's field rules the person is granted, not every one the organisation's account is. */
    metaFieldRules: () => acting.personsRules(),
    // The ApprovalBundle, narrowed to the person: the plugin answers a week's status as a bare string naming nobody,
    // so what is narrowed is whom each request names (its `user`, always given: the key's own weeks are never read).
    weekStatus: async (query, action) => {
      const seen = await acting.look();
      const user = acting.readFor(seen, query.user, "read other people's approvals");
      return api.weekStatus({ date: query.date, user }, ...(action === undefined ? [] : [action]));
    },
    nextWeek: async (user) => {
      const seen = await acting.look();
      return api.nextWeek(acting.readFor(seen, user, "read other people's approvals"));
    },
    // The absence plugin, narrowed to the person (docs/back-ends/kimai.md, "Acting for others").
    absences: (query, purpose) => acting.absencesOf(query, purpose),
    teams: withheld('read teams'),
    /**
     * A team's member list: as Kimai answers a team lead without view_team (which Punchcard cannot read for a role),
     * so the team tools name the people from the time Kimai shows the person (roster.ts) instead.
     */
    team: pluginWithheld("read a team's members for you"),
    users: withheld('list people'),
  };
  const narrowed: Record<string, unknown> = {};
  for (const key of Object.keys(api)) narrowed[key] = key in handled ? handled[key as keyof KimaiApi] : withheld(key);
  return narrowed as KimaiApi;
}
