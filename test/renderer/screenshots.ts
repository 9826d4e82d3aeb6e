// Every screen and state of the window as a picture, light and dark: `npm run screenshots -- --out
// DIR` writes `<screen>-<state>-<theme>.png` for each, rendered in Debian's Chromium from the built
// window over the fake bridge (fake-bridge.ts), at the window's own size. The states are set up the
// way a person would reach them (a click on Edit, a date typed), so a picture shows what the UI
// really does. A state whose page reports an error fails the run.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Screen } from '../../window-contract/channels.ts';
import { createFakeBridge, FAKE_NOW, SAMPLE_KEPT_WRITES, type FakeBridge, type FakeBridgeOptions } from './fake-bridge.ts';
import { drawn, launchChromium, rendererDist, screenOf, screenReady, windowPool, type WindowPool } from './harness.ts';
import { openOnFake, whatWentWrong } from './fake-window.ts';
import { CLOCKIFY_FIELDS } from './fake-fields.ts';
import { renderAppScreenshots } from './apps/app-screenshots.ts';
import { PATIENCE_MS } from '../support/patience.ts';

export type Theme = 'light' | 'dark';

export interface ScreenshotState {
  screen: Screen;
  state: string;
  /** What a person would call it. */
  what: string;
  fake?: FakeBridgeOptions;
  /** The window's size, where it is not the settings window's own (the smallest allowed, a wide one). */
  viewport?: { width: number; height: number };
  /** The system's language and formats, where not en-US. */
  locale?: string;
  /** Steps after the screen shows its data. */
  act?: (page: Page, fake: FakeBridge) => Promise<void>;
}

/** The smallest window main allows (main/windows/settings-window.ts, minWidth and minHeight; the layout test holds them equal). */
export const SMALLEST = { width: 640, height: 480 };
/** A window of a laptop's size, and a wide one. */
export const MEDIUM = { width: 800, height: 600 };
export const WIDE = { width: 1280, height: 800 };

/** The clock-in form on Acme Website, its ticket typed (or left empty), and Clock in pressed where `send`. */
const clockInOnAcme =
  ({ ticket, send }: { ticket?: string; send: boolean }) =>
  async (page: Page) => {
    const timer = screenOf(page, 'status').locator('.timer');
    await timer.getByLabel('Project', { exact: true }).fill('Acme Website');
    if (ticket !== undefined) await timer.getByLabel('Ticket').fill(ticket);
    else await timer.getByLabel('Ticket').waitFor();
    if (!send) return;
    await timer.getByRole('button', { name: 'Clock in' }).click();
    await timer.locator('.custom-fields').getByRole('alert').waitFor();
  };

/** The entry editor opened by `button`, its project set to Acme Website where `project`, and saved where `save`: the refusal beside the fields. */
const editorOnAcme =
  ({ button, form, project, save }: { button: RegExp; form: 'New entry' | 'Change the entry'; project: boolean; save: boolean }) =>
  async (page: Page) => {
    await screenOf(page, 'timesheet').getByRole('button', { name: button }).first().click();
    const editor = page.getByRole('form', { name: form });
    if (project) await editor.getByLabel('Project').fill('Acme Website');
    if (form === 'New entry') await editor.getByLabel('Note').fill('Checkout page');
    const fields = editor.locator('.custom-fields');
    if (save) {
      await editor.getByRole('button', { name: 'Save' }).click();
      await fields.getByRole('alert').waitFor();
    }
    // The fields and the form's buttons under them in sight, in the smallest window too.
    await fields.evaluate((group) => group.scrollIntoView({ block: 'center' }));
  };

/** The clock-in form and the entry editor asking for the fields a project requires (on CLOCKIFY_FIELDS, Acme Website requires a ticket and a cost centre, issue 78), and a refusal about them said beside them. */
/** Several trackers (issue 86): Kimai as the default "acme", a Clockify workspace "beta" and the local timesheet "home". */
const SEVERAL_CONNECTIONS: FakeBridgeOptions = {
  account: { type: 'kimai', url: 'https://kimai.acme.example', caFile: null, allowInsecureTls: false },
  connectionName: 'acme',
  trackers: [
    { name: 'beta', type: 'clockify', url: 'https://api.clockify.me', workspace: 'Beta Corp' },
    { name: 'home', type: 'local' },
  ],
};

/** Opens *Add connection* with Clockify chosen and a key typed, and tests it: the key's workspaces as ticks. */
async function clockifyWorkspaces(page: Page): Promise<Locator> {
  const account = screenOf(page, 'account');
  await account.getByRole('button', { name: 'Add connection' }).click();
  const form = account.getByRole('form', { name: 'Add connection' });
  await form.getByRole('radio', { name: /Clockify/ }).check();
  await form.getByLabel('API key', { exact: true }).fill('clockify-key-typed-not-saved');
  await form.getByRole('button', { name: 'Test connection' }).click();
  const picker = form.getByRole('group', { name: 'Workspaces this key sees' });
  await picker.waitFor();
  return picker;
}

const CONNECTION_STATES: ScreenshotState[] = [
  {
    screen: 'account',
    state: 'connections-smallest',
    what: 'three connections in the smallest window',
    fake: SEVERAL_CONNECTIONS,
    viewport: SMALLEST,
  },
  {
    screen: 'account',
    state: 'connections',
    what: 'three connections: the default (Kimai, acme) and what stays it while others exist, a Clockify workspace, the local timesheet; one tested',
    fake: SEVERAL_CONNECTIONS,
    act: async (page) => {
      const account = screenOf(page, 'account');
      await account.getByRole('button', { name: 'Test connection beta' }).click();
      await account.locator('.connection').nth(1).getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    },
  },
  {
    screen: 'account',
    state: 'connection-rename',
    what: 'renaming a connection to a name another has: refused beside the field',
    fake: SEVERAL_CONNECTIONS,
    act: async (page) => {
      const account = screenOf(page, 'account');
      await account.getByRole('button', { name: 'Rename home' }).click();
      await account.getByLabel('New name for home').fill('beta');
      await account.getByRole('button', { name: 'Rename', exact: true }).click();
      await account.locator('.rename .field-error').waitFor();
    },
  },
  {
    screen: 'account',
    state: 'add-connection',
    what: 'one connection (today’s form) and Add connection open: a Kimai address typed, and a name with capitals refused beside the field',
    fake: { account: { type: 'local' } },
    act: async (page) => {
      const account = screenOf(page, 'account');
      await account.getByRole('button', { name: 'Add connection' }).click();
      const form = account.getByRole('form', { name: 'Add connection' });
      await form.getByLabel('Kimai address').fill('https://kimai.acme.example');
      await form.getByLabel('Name', { exact: true }).fill('Acme');
      await form.getByRole('button', { name: 'Add connection' }).click();
      await form.locator('.field-error').first().waitFor();
      await form.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    },
  },
  {
    screen: 'account',
    state: 'workspace-picker',
    what: 'a Clockify key that sees three workspaces after a good test: two ticked, each with its own name',
    fake: { account: { type: 'local' } },
    act: async (page) => {
      const picker = await clockifyWorkspaces(page);
      await picker.getByRole('checkbox', { name: 'Acme GmbH' }).check();
      await picker.getByRole('checkbox', { name: 'Side Project' }).check();
      await picker.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
  },
  {
    screen: 'account',
    state: 'workspace-picker-refused',
    what: 'the workspace picker with none ticked: said by the ticks, nothing sent',
    fake: SEVERAL_CONNECTIONS,
    act: async (page) => {
      const picker = await clockifyWorkspaces(page);
      await screenOf(page, 'account').getByRole('button', { name: 'Add the ticked workspaces' }).click();
      await picker.getByRole('alert').waitFor();
      await picker.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
  },
];

const REQUIRED_FIELD_STATES: ScreenshotState[] = [
  {
    screen: 'status',
    state: 'clock-in-required-fields',
    what: 'clocking in on a project that requires a ticket and a cost centre: both asked for, marked required',
    fake: { ...CLOCKIFY_FIELDS, running: false },
    act: clockInOnAcme({ send: false }),
  },
  {
    screen: 'status',
    state: 'clock-in-fields-refused',
    what: 'clocking in without the cost centre: the engine’s refusal beside the fields, the ticket typed kept',
    fake: { ...CLOCKIFY_FIELDS, running: false },
    act: clockInOnAcme({ ticket: 'WEB-142', send: true }),
  },
  {
    screen: 'status',
    state: 'smallest-fields-refused',
    what: 'the smallest window: clocking in without the cost centre, the refusal beside the fields',
    viewport: SMALLEST,
    fake: { ...CLOCKIFY_FIELDS, running: false },
    act: clockInOnAcme({ ticket: 'WEB-142', send: true }),
  },
  {
    screen: 'timesheet',
    state: 'adding-required-fields',
    what: 'a new entry on a project that requires a ticket and a cost centre, saved without them: the refusal beside the fields',
    fake: CLOCKIFY_FIELDS,
    act: editorOnAcme({ button: /^Fill the gap from/, form: 'New entry', project: true, save: true }),
  },
  {
    screen: 'timesheet',
    state: 'editing-fields',
    what: 'an entry in edit with the fields it carries: its ticket, the cost centre its project requires, the teams ticked',
    fake: CLOCKIFY_FIELDS,
    act: editorOnAcme({ button: /^Edit Acme Website · Development/, form: 'Change the entry', project: false, save: false }),
  },
  {
    screen: 'timesheet',
    state: 'editing-fields-refused',
    what: 'an entry moved to a project that requires a ticket and a cost centre, saved without them: the refusal beside the fields',
    fake: CLOCKIFY_FIELDS,
    act: editorOnAcme({ button: /^Edit Internal · Meetings/, form: 'Change the entry', project: true, save: true }),
  },
  {
    screen: 'timesheet',
    state: 'smallest-editing-fields',
    what: 'the smallest window: an entry in edit with its fields, the teams a group of ticks',
    viewport: SMALLEST,
    fake: CLOCKIFY_FIELDS,
    act: editorOnAcme({ button: /^Edit Acme Website · Development/, form: 'Change the entry', project: false, save: false }),
  },
];

const ready = (page: Page, screen: Screen) => screenReady(page, screen, PATIENCE_MS);

const showUpdates = async (page: Page) => {
  await screenOf(page, 'preferences').getByRole('heading', { name: 'Updates' }).scrollIntoViewIfNeeded();
};
const failedAt = FAKE_NOW - 20 * 60_000;

/** The app's updates (main/updates/): each state in the window's words, as the tray says them too. */
const UPDATE_STATES: ScreenshotState[] = [
  {
    screen: 'status',
    state: 'update-ready',
    what: 'an update downloaded and verified: the bar over every screen offers the restart',
    fake: { updates: { phase: { kind: 'ready', version: '0.2.0' } } },
  },
  { screen: 'preferences', state: 'updates-current', what: 'updates: up to date, "tell me" chosen', act: showUpdates },
  {
    screen: 'preferences',
    state: 'updates-downloading',
    what: 'updates: a newer version downloading in the background',
    fake: { updates: { mode: 'auto', phase: { kind: 'downloading', version: '0.2.0', percent: 42 } } },
    act: showUpdates,
  },
  {
    screen: 'preferences',
    state: 'updates-ready-waiting',
    what: 'updates: "install automatically" waits while the timer runs, the restart offered',
    fake: { updates: { mode: 'auto', phase: { kind: 'ready', version: '0.2.0' } } },
    act: showUpdates,
  },
  {
    screen: 'preferences',
    state: 'updates-checksum',
    what: 'updates: the download did not match its checksum and was deleted',
    fake: { updates: { phase: { kind: 'failed', problem: 'checksum', detail: 'sha512 checksum mismatch', at: failedAt } } },
    act: showUpdates,
  },
  {
    screen: 'preferences',
    state: 'updates-unreachable',
    what: 'updates: the update server out of reach, "never" chosen',
    fake: { updates: { mode: 'never', phase: { kind: 'failed', problem: 'unreachable', detail: 'ECONNREFUSED', at: failedAt } } },
    act: showUpdates,
  },
  {
    screen: 'preferences',
    state: 'updates-organisation',
    what: 'updates: the organisation installs them, the setting locked',
    fake: { updates: { policy: { enabled: false, pinned: null, problem: null } } },
    act: showUpdates,
  },
];

const CLOCKIFY_APPROVALS: FakeBridgeOptions = { account: { type: 'clockify', url: 'https://api.clockify.me', workspace: null }, approvals: {} };
const CLOCKIFY_LEAD: FakeBridgeOptions = { ...CLOCKIFY_APPROVALS, approvals: { lead: true } };
const timesheetWeekBack = (weeks: number) => async (page: Page) => {
  const timesheet = screenOf(page, 'timesheet');
  for (let back = 0; back < weeks; back++) await timesheet.getByRole('button', { name: 'Previous week' }).click();
  await timesheet.getByRole('region', { name: 'Approval' }).scrollIntoViewIfNeeded();
};
const bobsWeek = (page: Page) => screenOf(page, 'approvals').getByRole('listitem').filter({ hasText: 'Bob Baker' });

/** Timesheet approvals (issue 67): the week's status and "Submit week", a locked week, and a lead's Approvals. */
const APPROVAL_STATES: ScreenshotState[] = [
  {
    screen: 'timesheet',
    state: 'approval-submit',
    what: 'Clockify with approvals: this week not submitted, "Submit week" asked first with the week and its hours',
    fake: CLOCKIFY_APPROVALS,
    act: async (page) => {
      const card = screenOf(page, 'timesheet').getByRole('region', { name: 'Approval' });
      await card.getByRole('button', { name: /^Submit week/ }).click();
      await card.scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'timesheet',
    state: 'approval-locked',
    what: 'last week approved: its entries stay as they are, Edit and Delete disabled, and why',
    fake: CLOCKIFY_APPROVALS,
    act: timesheetWeekBack(1),
  },
  {
    screen: 'timesheet',
    state: 'approval-rejected',
    what: 'the week before rejected: Clockify e-mailed the note, and the week can be submitted again',
    fake: CLOCKIFY_APPROVALS,
    act: timesheetWeekBack(2),
  },
  {
    screen: 'timesheet',
    state: 'approval-kimai-held',
    what: 'Kimai: the week before the first one submitted, never submitted yet held by the plugin: locked, and why',
    fake: {
      account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false },
      approvals: { locksPending: true, nextToSubmit: '2026-05-11', own: { '2026-05-04': { status: 'approved', decidedBy: 'Tom Turner' } } },
    },
    act: timesheetWeekBack(2),
  },
  {
    screen: 'timesheet',
    state: 'approval-smallest',
    what: 'the smallest window: an approved week with its lock',
    viewport: SMALLEST,
    fake: CLOCKIFY_APPROVALS,
    act: timesheetWeekBack(1),
  },
  { screen: 'approvals', state: 'lead', what: 'a lead on Clockify: two weeks waiting with their hours, one decided lately', fake: CLOCKIFY_LEAD },
  {
    screen: 'approvals',
    state: 'entries',
    what: "Bob's week opened to its entries before deciding",
    fake: CLOCKIFY_LEAD,
    act: async (page) => {
      await bobsWeek(page)
        .getByRole('button', { name: /^Show entries/ })
        .click();
      await bobsWeek(page).getByRole('table').waitFor();
    },
  },
  {
    screen: 'approvals',
    state: 'rejecting',
    what: 'a rejection sent without a note: the form says a note is needed before anything is sent',
    fake: CLOCKIFY_LEAD,
    act: async (page) => {
      await bobsWeek(page)
        .getByRole('button', { name: /^Reject/ })
        .click();
      await bobsWeek(page).getByRole('button', { name: 'Reject', exact: true }).click();
      await bobsWeek(page).getByText('A rejection needs a note saying what to fix.').waitFor();
    },
  },
  {
    screen: 'approvals',
    state: 'approving',
    what: 'an approval asked first, naming the person, the week and its hours',
    fake: CLOCKIFY_LEAD,
    act: async (page) => {
      await bobsWeek(page)
        .getByRole('button', { name: /^Approve/ })
        .click();
    },
  },
  {
    screen: 'approvals',
    state: 'none',
    what: 'a link to Approvals for someone who decides nobody’s timesheet: why there is nothing',
    fake: CLOCKIFY_APPROVALS,
  },
  {
    screen: 'approvals',
    state: 'smallest',
    what: 'the smallest window: the weeks waiting, one opened to its entries',
    viewport: SMALLEST,
    fake: CLOCKIFY_LEAD,
    act: async (page) => {
      await bobsWeek(page)
        .getByRole('button', { name: /^Show entries/ })
        .click();
      await bobsWeek(page).getByRole('table').waitFor();
    },
  },
];

/** Tuesday of the fake's week drafted from evidence: three drafts around what is booked, the one after lunch without a project. */
const showDrafts = async (page: Page) => {
  const card = screenOf(page, 'timesheet').getByRole('region', { name: 'Drafts from your day' });
  await card.getByLabel('Day', { exact: true }).selectOption('2026-05-12');
  await card.getByRole('list', { name: /^Drafts of Tuesday/ }).waitFor();
  await card.scrollIntoViewIfNeeded();
};
const reviewDrafts = async (page: Page) => {
  await showDrafts(page);
  const card = screenOf(page, 'timesheet').getByRole('region', { name: 'Drafts from your day' });
  await card.getByRole('button', { name: /^Accept Acme Website/ }).click();
  await card.getByRole('button', { name: /^Drop No project yet/ }).click();
};
const showEvidence = async (page: Page) => {
  await screenOf(page, 'preferences').getByRole('heading', { name: 'Evidence' }).scrollIntoViewIfNeeded();
};

const KIMAI_ACCOUNT = { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false } as const;
const adminCard = (page: Page, title: string) => screenOf(page, 'admin').getByRole('region', { name: title });

const SUPER = { account: KIMAI_ACCOUNT, admin: 'super' } as const;
/** Grace's role changed, the question asked under her row. */
const askRoleChange = async (page: Page) => {
  const people = adminCard(page, 'People');
  await people.getByRole('button', { name: 'Change Grace Hopper' }).click();
  const form = people.getByRole('form', { name: 'Change Grace Hopper' });
  await form.getByLabel('Role').fill('ROLE_TEAMLEAD');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await form.getByRole('group').scrollIntoViewIfNeeded();
};
/** Ada's entries of three weeks moved to Internal and made unbillable, previewed. */
const previewCorrection = async (page: Page) => {
  const form = adminCard(page, 'Bulk corrections').getByRole('form', { name: 'Which entries' });
  await form.getByLabel('First day').fill('2026-04-20');
  await form.getByLabel('Last day').fill('2026-05-12');
  await form.getByLabel('People (optional)').fill('Ada Lovelace');
  await form.getByLabel('Move to project').selectOption('Internal');
  await form.getByLabel('Billable').selectOption('no');
  await form.getByRole('button', { name: 'Preview' }).click();
  await adminCard(page, 'Bulk corrections')
    .getByRole('heading', { level: 3, name: /^Would change/ })
    .waitFor();
};

/** People and bulk corrections (screens/admin/PeopleSection.tsx, CorrectionsSection.tsx): each change asked, the preview before the correction. */
const PEOPLE_AND_CORRECTION_STATES: ScreenshotState[] = [
  {
    screen: 'admin',
    state: 'people',
    what: 'a Kimai super administrator: the first page of people, their roles and states',
    fake: SUPER,
    act: async (page) => {
      await adminCard(page, 'People')
        .getByRole('heading', { name: 'People' })
        .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    },
  },
  {
    screen: 'admin',
    state: 'people-invite',
    what: 'someone about to be invited: the question names them, their e-mail and role',
    fake: SUPER,
    act: async (page) => {
      const invite = adminCard(page, 'People').getByRole('form', { name: 'Invite someone' });
      await invite.getByLabel('Name').fill('Hedy Lamarr');
      await invite.getByLabel('E-mail').fill('hedy@example.com');
      await invite.getByLabel('Role (optional)').fill('ROLE_TEAMLEAD');
      await invite.getByRole('button', { name: 'Invite' }).click();
      await invite.getByRole('group').scrollIntoViewIfNeeded();
    },
  },
  { screen: 'admin', state: 'people-change', what: 'a role change asked under the person’s row, from what to what', fake: SUPER, act: askRoleChange },
  {
    screen: 'admin',
    state: 'correction-preview',
    what: 'a bulk correction’s preview: the count and hours, the entries left alone and why, the first entries it would change',
    fake: SUPER,
    act: async (page) => {
      await previewCorrection(page);
      await adminCard(page, 'Bulk corrections').getByRole('list', { name: 'Entries left alone' }).scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'admin',
    state: 'correction-moved',
    what: 'someone booked meanwhile: the preview’s count no longer holds, the refusal says so and nothing changed',
    fake: SUPER,
    act: async (page, fake) => {
      await previewCorrection(page);
      const corrections = adminCard(page, 'Bulk corrections');
      fake.adminWorld.bookEntry();
      await corrections.getByRole('button', { name: /^Correct \d+ entries$/ }).click();
      await corrections.getByRole('button', { name: 'Confirm' }).click();
      await corrections.getByRole('alert').scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'admin',
    state: 'people-smallest',
    what: 'the smallest window: the people’s table and a change asked wrap',
    viewport: SMALLEST,
    fake: SUPER,
    act: askRoleChange,
  },
  {
    screen: 'admin',
    state: 'correction-smallest',
    what: 'the smallest window: the correction’s form and its preview, one under the other',
    viewport: SMALLEST,
    fake: SUPER,
    act: async (page) => {
      await previewCorrection(page);
      await adminCard(page, 'Bulk corrections').getByRole('list', { name: 'Entries left alone' }).scrollIntoViewIfNeeded();
    },
  },
];

/** The Teams section (screens/admin/TeamsSection.tsx): the Web team chosen, and a question asked in a member's row. */
const askInTeam = (button: string) => async (page: Page) => {
  const teams = adminCard(page, 'Teams');
  await teams.getByLabel('Team', { exact: true }).selectOption('Web');
  await teams.getByRole('button', { name: button }).click();
  await teams.getByRole('group').scrollIntoViewIfNeeded();
};
const TEAM_STATES: ScreenshotState[] = [
  {
    screen: 'admin',
    state: 'teams',
    what: 'a Kimai administrator’s teams: one chosen, its members and lead, the forms to add, rename, delete and create',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: async (page) => {
      await adminCard(page, 'Teams')
        .getByRole('heading', { name: 'Teams' })
        .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    },
  },
  {
    screen: 'admin',
    state: 'teams-lead',
    what: 'a member about to be made a lead: the question says who leads it now',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: askInTeam('Make lead: Ada Lovelace in Web'),
  },
  {
    screen: 'admin',
    state: 'teams-smallest',
    what: 'the smallest window: a member about to be removed, who stays said',
    viewport: SMALLEST,
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: askInTeam('Remove Ada Lovelace from Web'),
  },
];

/** The Rates section (screens/admin/RatesSection.tsx): Acme Website's rates, and a rate about to be set for Ada. */
const askRate = async (page: Page) => {
  const form = adminCard(page, 'Rates').getByRole('form', { name: 'Set a rate' });
  await form.getByLabel('For (optional)').fill('Ada Lovelace');
  await form.getByLabel('Amount').fill('100');
  await form.getByLabel('Internal (optional)').fill('60');
  await form.getByRole('button', { name: 'Set rate' }).click();
  await form.getByRole('group').scrollIntoViewIfNeeded();
};
const RATE_STATES: ScreenshotState[] = [
  {
    screen: 'admin',
    state: 'rates',
    what: 'a project’s rates, everyone’s and one person’s with an internal rate, and the form to set one',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: async (page) => {
      // The last card: scrolled only as far as the window's content goes.
      await adminCard(page, 'Rates').getByRole('button', { name: 'Set rate' }).scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'admin',
    state: 'rates-asking',
    what: 'a rate about to be set: the question says it before and after',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: askRate,
  },
  {
    screen: 'admin',
    state: 'rates-smallest',
    what: 'the smallest window: the rate’s fields and its question wrap',
    viewport: SMALLEST,
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: askRate,
  },
];

/** A catalog item's change (screens/admin/CatalogItemEditor.tsx): Acme Website's form as Kimai keeps it, and a change asked. */
const openCatalogChange = async (page: Page) => {
  const catalog = adminCard(page, 'Catalog');
  await catalog.getByRole('button', { name: 'Change the project Acme Website' }).click();
  return catalog.getByRole('form', { name: 'Change Acme Website' });
};
const askCatalogChange = async (page: Page) => {
  const form = await openCatalogChange(page);
  await form.getByLabel('Time budget (hours)').fill('150');
  await form.getByLabel('Billable').selectOption('no');
  await form.getByLabel('Comment').fill('Relaunch of the public site, phase two.');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await form.getByRole('group').scrollIntoViewIfNeeded();
};
const CATALOG_CHANGE_STATES: ScreenshotState[] = [
  {
    screen: 'admin',
    state: 'catalog-change',
    what: 'a project’s change form under its row, started from what Kimai keeps: budgets, billable, dates, customer, comment',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: async (page) => {
      const form = await openCatalogChange(page);
      await form.getByRole('button', { name: 'Save changes' }).scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'admin',
    state: 'catalog-change-asking',
    what: 'a project’s change asked: each field that differs, from what to what',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: askCatalogChange,
  },
  {
    screen: 'admin',
    state: 'catalog-change-problems',
    what: 'a project’s change refused in the form: a date emptied, a budget that is no number',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: async (page) => {
      const form = await openCatalogChange(page);
      await form.getByLabel('Money budget').fill('lots');
      await form.getByLabel('End').fill('');
      await form.getByRole('button', { name: 'Save changes' }).click();
      await form.getByRole('button', { name: 'Save changes' }).scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'admin',
    state: 'catalog-change-reading',
    what: 'a project’s change while what it keeps is read: a box where the form will be, its words for a screen reader',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: async (page, fake) => {
      fake.hold('getCatalogItem');
      const catalog = adminCard(page, 'Catalog');
      await catalog.getByRole('button', { name: 'Change the project Acme Website' }).click();
      await catalog.locator('.admin-edit .placeholder[aria-busy="true"]').waitFor();
    },
  },
  {
    screen: 'admin',
    state: 'catalog-change-unread',
    what: 'a project’s change that could not read what it keeps: the reason, Try again and Cancel',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: async (page, fake) => {
      fake.failNext('getCatalogItem', 'Kimai did not answer in time. Try again in a moment.');
      const catalog = adminCard(page, 'Catalog');
      await catalog.getByRole('button', { name: 'Change the project Acme Website' }).click();
      await catalog.getByRole('button', { name: 'Try again' }).waitFor();
    },
  },
  {
    screen: 'admin',
    state: 'catalog-change-smallest',
    what: 'the smallest window: the change form’s fields and its question wrap, nothing runs off',
    viewport: SMALLEST,
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: askCatalogChange,
  },
];

/** The Administration screen (screens/Administration.tsx): a Kimai administrator's sections, a team lead's, and nobody's. */
const ADMIN_STATES: ScreenshotState[] = [
  {
    screen: 'admin',
    state: 'administrator',
    what: 'a Kimai administrator: the catalog with an archived item, the tags, the invoices',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
  },
  {
    screen: 'admin',
    state: 'archiving',
    what: 'a project to be archived, the question asked in its row',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: async (page) => {
      await adminCard(page, 'Catalog').getByRole('button', { name: 'Archive the project Internal' }).click();
    },
  },
  {
    screen: 'admin',
    state: 'tag-asking',
    what: 'a tag about to be created, its colour named in the question',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: async (page) => {
      const tags = adminCard(page, 'Tags');
      await tags.getByLabel('Name').fill('travel');
      await tags.getByLabel('Colour (optional)').fill('#2e7d32');
      await tags.getByRole('button', { name: 'Add tag' }).click();
      await tags.getByRole('group').scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'admin',
    state: 'invoices',
    what: 'the second page of invoices, in three states and two currencies',
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: async (page) => {
      const invoices = adminCard(page, 'Invoices');
      await invoices.getByRole('button', { name: 'Next page of invoices' }).click();
      await invoices.getByRole('table', { name: 'Invoices, page 2 of 3' }).scrollIntoViewIfNeeded();
    },
  },
  { screen: 'admin', state: 'lead', what: 'a Kimai team lead: the catalog and the invoices, no tags', fake: { account: KIMAI_ACCOUNT, admin: 'lead' } },
  { screen: 'admin', state: 'none', what: 'a worker: nothing to administer, and why' },
  {
    screen: 'admin',
    state: 'smallest',
    what: 'the smallest window: the catalog’s table and its question wrap, nothing runs off',
    viewport: SMALLEST,
    fake: { account: KIMAI_ACCOUNT, admin: 'admin' },
    act: async (page) => {
      await adminCard(page, 'Catalog').getByRole('button', { name: 'Restore the project Legacy Portal' }).click();
    },
  },
  ...CATALOG_CHANGE_STATES,
  ...PEOPLE_AND_CORRECTION_STATES,
  ...TEAM_STATES,
  ...RATE_STATES,
];

/** The day from evidence: the Timesheet's drafts and the Evidence settings (screens/Drafts.tsx, screens/Evidence.tsx). */
const DRAFT_STATES: ScreenshotState[] = [
  {
    screen: 'timesheet',
    state: 'drafts',
    what: 'drafts of Tuesday from evidence beside what is booked, one accepted, one dropped',
    fake: { evidence: true },
    act: reviewDrafts,
  },
  {
    screen: 'timesheet',
    state: 'drafts-change',
    what: 'a draft without a project changed before it is accepted',
    fake: { evidence: true },
    act: async (page) => {
      await showDrafts(page);
      await screenOf(page, 'timesheet')
        .getByRole('button', { name: /^Change No project yet/ })
        .click();
      await page.getByRole('form', { name: /^Change the draft of/ }).waitFor();
    },
  },
  {
    screen: 'timesheet',
    state: 'drafts-small',
    what: 'the drafts in the smallest window',
    fake: { evidence: true },
    viewport: SMALLEST,
    act: reviewDrafts,
  },
  {
    screen: 'preferences',
    state: 'evidence',
    what: 'evidence settings: a secret feed in the keychain, a git folder, AI sessions, a rule',
    fake: { evidence: true },
    act: showEvidence,
  },
  { screen: 'preferences', state: 'evidence-off', what: 'evidence settings of a fresh install: every source off', act: showEvidence },
  {
    screen: 'preferences',
    state: 'evidence-small',
    what: 'evidence settings in the smallest window',
    fake: { evidence: true },
    viewport: SMALLEST,
    act: showEvidence,
  },
];

const CALAMARI = { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } as const;

/** Two connections (issue 86): every row labelled with its connection, the filter of all or one, a new entry asking which. */
export const TRACKER_STATES: ScreenshotState[] = [
  {
    screen: 'status',
    state: 'two-connections',
    what: 'two connections: the timer and today’s entries labelled, hours added up, each connection’s own target',
    fake: { twoConnections: true },
  },
  {
    screen: 'status',
    state: 'two-timers',
    what: 'one timer per connection: each running timer its own row, named with its connection, with its own breaks and Clock out',
    fake: { twoConnections: true, perTrackerTimers: true, account: CALAMARI },
  },
  {
    screen: 'status',
    state: 'two-timers-smallest',
    what: 'one timer per connection, in the smallest window',
    fake: { twoConnections: true, perTrackerTimers: true, account: CALAMARI },
    viewport: SMALLEST,
  },
  {
    screen: 'status',
    state: 'two-connections-clock-in',
    what: 'two connections, nothing running: the clock-in form asks which connection, preset to the default',
    fake: { twoConnections: true, running: false },
  },
  {
    screen: 'timesheet',
    state: 'two-connections',
    what: 'two connections: each entry labelled, each day’s targets per connection, the filter of all or one',
    fake: { twoConnections: true },
  },
  {
    screen: 'timesheet',
    state: 'two-connections-new-entry',
    what: 'two connections: a new entry asks which connection, preset to the default',
    fake: { twoConnections: true },
    act: async (page) => {
      await screenOf(page, 'timesheet')
        .getByRole('button', { name: /^Fill the gap from/ })
        .first()
        .click();
      const editor = page.getByRole('form', { name: 'New entry' });
      await editor.getByLabel('Connection').evaluate((select) => select.scrollIntoView({ block: 'center' }));
    },
  },
  {
    screen: 'timesheet',
    state: 'two-connections-one-shown',
    what: 'two connections, beta alone shown: its entries and its own day targets',
    fake: { twoConnections: true },
    act: async (page) => {
      await screenOf(page, 'timesheet').getByLabel('Show').selectOption('beta');
    },
  },
  {
    screen: 'reports',
    state: 'two-connections',
    what: 'two connections: hours added up, a section per connection with its own targets and balance',
    fake: { twoConnections: true },
  },
];

/**
 * A week per connection (issue 91): the Account's connections with each one's week said and one's own open in its
 * row, *Add connection* with a week of its own, and the screens with two connections that share the settings' week.
 */
export const WEEK_STATES: ScreenshotState[] = [
  {
    screen: 'account',
    state: 'connection-week',
    what: 'a connection’s own work week open in its row (the local timesheet, 20 h typed); the others’ weeks said: the one in Preferences, kept by Clockify',
    fake: SEVERAL_CONNECTIONS,
    act: async (page) => {
      const account = screenOf(page, 'account');
      await account.getByRole('button', { name: 'Work week of home' }).click();
      const editor = account.getByRole('form', { name: 'Work week of home' });
      for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday']) await editor.getByLabel(`${day} hours`).fill('5');
      await editor.getByLabel('Friday hours').fill('0');
      await editor.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
  },
  {
    screen: 'account',
    state: 'add-connection-week',
    what: 'Add connection for a local timesheet with a work week of its own ticked: a day that is not a number refused beside the days',
    fake: SEVERAL_CONNECTIONS,
    act: async (page) => {
      const account = screenOf(page, 'account');
      await account.getByRole('button', { name: 'Add connection' }).click();
      const form = account.getByRole('form', { name: 'Add connection' });
      await form.getByRole('radio', { name: /Local timesheet/ }).check();
      await form.getByLabel('Name', { exact: true }).fill('side');
      await form.getByRole('checkbox', { name: 'A work week of its own' }).check();
      await form.getByLabel('Friday hours').fill('eight');
      await form.getByRole('button', { name: 'Add connection' }).click();
      const days = form.getByRole('group', { name: 'Its work week' });
      await days.getByRole('alert').waitFor();
      await days.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
  },
  {
    screen: 'reports',
    state: 'two-connections-shared-week',
    what: 'two connections that share the settings’ week: their hours together against one target, shown once; each one its hours',
    fake: { twoConnections: true, sharedWeek: true },
  },
  {
    screen: 'status',
    state: 'two-connections-shared-week',
    what: 'two connections that share the settings’ week: each one’s hours today, and theirs together against the one target',
    fake: { twoConnections: true, sharedWeek: true },
  },
];

/**
 * Working time (issue 92): Preferences' rule set off with the holidays' country's offered, and set by the
 * organisation; Reports' month sheet with findings, without, with the rules off and under the organisation's
 * rules; the Status screen's line for today's finding.
 */
const showWorkingTime = async (page: Page) => {
  const reports = screenOf(page, 'reports');
  await reports.getByRole('radio', { name: 'Working time' }).check();
  await reports.locator('.working-time-sheet').waitFor();
};
const workingTimeCard = async (page: Page) => {
  const card = screenOf(page, 'preferences').getByRole('form', { name: 'Working time' });
  await card.evaluate((element) => element.scrollIntoView({ block: 'center' }));
};
export const WORKING_TIME_STATES: ScreenshotState[] = [
  {
    screen: 'preferences',
    state: 'working-time-off',
    what: 'working time off, the rules of the holidays’ country (Germany) offered, not switched on',
    fake: { workingTime: { rules: 'off' } },
    act: workingTimeCard,
  },
  {
    screen: 'preferences',
    state: 'working-time-policy',
    what: 'working time set by the organisation (Austria): the rules shown as its, the tray’s warnings still the person’s',
    fake: { workingTime: { rules: 'off', policy: 'at' } },
    act: workingTimeCard,
  },
  {
    screen: 'reports',
    state: 'working-time-findings',
    what: 'a month of working time under the ArbZG: a line a day, a long day, short rests, Sunday work, each said in words under its day',
    fake: { workingTime: { rules: 'de' } },
    act: showWorkingTime,
  },
  {
    screen: 'reports',
    state: 'working-time-smallest',
    what: 'the smallest window: the month’s seven columns in sight, each finding under its day',
    fake: { workingTime: { rules: 'de' } },
    viewport: SMALLEST,
    act: showWorkingTime,
  },
  {
    screen: 'reports',
    state: 'working-time-clean',
    what: 'a month of working time under the ArbZG with nothing found, the totals and the balance',
    fake: { workingTime: { rules: 'de', clean: true } },
    act: async (page) => {
      await showWorkingTime(page);
      await screenOf(page, 'reports')
        .locator('.working-time-balance')
        .evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
  },
  {
    screen: 'reports',
    state: 'working-time-off',
    what: 'a month of working time with no rules set: the days and totals, and where to choose the rules',
    fake: { workingTime: { rules: 'off' } },
    act: showWorkingTime,
  },
  {
    screen: 'reports',
    state: 'working-time-policy',
    what: 'a month of working time under the organisation’s rules (Austria), its findings at the end of the sheet',
    fake: { workingTime: { rules: 'off', policy: 'at' } },
    act: async (page) => {
      await showWorkingTime(page);
      await screenOf(page, 'reports')
        .locator('.working-time-findings')
        .evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
  },
  {
    screen: 'status',
    state: 'working-time-finding',
    what: 'today’s finding as it happens: work began today 10 h 15 min after last night’s end, under the ArbZG',
    fake: { workingTime: { rules: 'de' } },
    act: async (page) => {
      await screenOf(page, 'status').locator('.working-time-today').waitFor();
    },
  },
];

export const STATES: ScreenshotState[] = [
  { screen: 'status', state: 'running', what: 'the timer running, today and the week' },
  { screen: 'status', state: 'not-running', what: 'nothing running: the clock-in form', fake: { running: false } },
  {
    screen: 'status',
    state: 'continued',
    what: 'recent work continued with one click: its project, activity and note run again, and Continue on each of today’s entries',
    fake: { running: false },
    act: async (page) => {
      const status = screenOf(page, 'status');
      await status.getByRole('group', { name: 'Continue recent work:' }).getByRole('button', { name: 'Continue Internal · Meetings — Design review' }).click();
      await status.locator('.timer').getByRole('status').filter({ hasText: 'Clocked in' }).waitFor();
    },
  },
  {
    screen: 'status',
    state: 'switching',
    what: 'switching while the timer runs: other work from a time past, or recent work continued with its note',
    act: async (page) => {
      const timer = screenOf(page, 'status').locator('.timer');
      await timer.getByRole('button', { name: 'Switch…' }).click();
      const form = timer.getByRole('form', { name: 'Switch to other work' });
      await form.getByLabel('Project', { exact: true }).fill('Acme Website');
      await form.getByLabel('Switched at').fill('14:00');
    },
  },
  {
    screen: 'status',
    state: 'break',
    what: 'a Calamari shift with a break type to choose',
    fake: { account: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } },
    act: async (page) => {
      await screenOf(page, 'status').getByRole('combobox', { name: 'Break type' }).waitFor();
    },
  },
  {
    screen: 'status',
    state: 'idle-prompt',
    what: 'back after 35 minutes away: the question about that time',
    fake: { idleQuestion: true },
    act: async (page) => {
      await page.getByRole('dialog', { name: /You were away/ }).waitFor();
    },
  },
  { screen: 'timesheet', state: 'week', what: 'this week, day by day, with gaps and totals against the target' },
  ...DRAFT_STATES,
  {
    screen: 'timesheet',
    state: 'editing',
    what: 'an entry changed in place',
    act: async (page) => {
      await screenOf(page, 'timesheet')
        .getByRole('button', { name: /^Edit Internal · Meetings/ })
        .first()
        .click();
      await page.getByRole('form', { name: 'Change the entry' }).waitFor();
    },
  },
  {
    screen: 'timesheet',
    state: 'adding',
    what: 'a gap filled with a new entry',
    act: async (page) => {
      await screenOf(page, 'timesheet')
        .getByRole('button', { name: /^Fill the gap from/ })
        .first()
        .click();
      await page.getByRole('form', { name: 'New entry' }).waitFor();
    },
  },
  {
    screen: 'timesheet',
    state: 'locked',
    what: 'Kimai: an exported entry says it is locked and offers nothing',
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false } },
  },
  {
    screen: 'status',
    state: 'waiting-to-send',
    what: 'Kimai out of reach: the clock-in is kept and waits to be sent',
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false }, waitingToSend: true },
  },
  {
    screen: 'status',
    state: 'needs-decision',
    what: 'Kimai answered again: two kept writes met something added meanwhile and wait for a decision',
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false }, keptWrites: SAMPLE_KEPT_WRITES },
  },
  {
    screen: 'timesheet',
    state: 'waiting-to-send',
    what: 'Kimai out of reach: the kept clock-in offers no change until it is sent',
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false }, waitingToSend: true },
  },
  {
    screen: 'timesheet',
    state: 'read-only',
    what: 'Calamari: shifts cannot be changed, and the screen says where to do it',
    fake: { account: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } },
  },
  { screen: 'timesheet', state: 'busy-week', what: 'a week of about 200 entries', fake: { busyWeek: true } },
  ...REQUIRED_FIELD_STATES,
  { screen: 'reports', state: 'month', what: 'the month: hours per day against the target, overtime, projects' },
  {
    screen: 'reports',
    state: 'week',
    what: 'the week on Clockodo, with its time account',
    fake: { account: { type: 'clockodo', email: 'ada@acme.example', url: 'https://my.clockodo.com' } },
    act: async (page) => {
      await screenOf(page, 'reports').getByRole('radio', { name: 'Week' }).check();
      await screenOf(page, 'reports').getByText('Time balance', { exact: true }).waitFor();
    },
  },
  {
    screen: 'reports',
    state: 'exported',
    what: 'a range exported to CSV',
    act: async (page) => {
      const reports = screenOf(page, 'reports');
      await reports.getByRole('button', { name: 'Export CSV…' }).click();
      await reports.getByText(/^Saved \d+ entries/).waitFor();
      await reports.locator('form.export').scrollIntoViewIfNeeded();
    },
  },
  { screen: 'leave', state: 'overview', what: 'the balance and the year’s requests' },
  {
    screen: 'leave',
    state: 'request-form',
    what: 'a request with its cost in working days before it is sent',
    act: async (page) => {
      const leave = screenOf(page, 'leave');
      await leave.getByRole('button', { name: 'Request leave…' }).click();
      await leave.getByLabel('First day', { exact: true }).fill('2026-05-11');
      await leave.getByLabel('Last day', { exact: true }).fill('2026-05-15');
      await leave.getByText(/^Costs 4 days/).waitFor();
    },
  },
  {
    screen: 'leave',
    state: 'beyond-balance',
    what: 'a request beyond the balance: what it leaves (red, with a mark and words), who else is away, and the confirmation before it is sent',
    // Calamari shows the kind of a colleague's absence.
    fake: { account: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } },
    act: async (page) => {
      const leave = screenOf(page, 'leave');
      await leave.getByRole('button', { name: 'Request leave…' }).click();
      await leave.getByLabel('First day', { exact: true }).fill('2026-04-27');
      await leave.getByLabel('Last day', { exact: true }).fill('2026-05-22');
      await leave.getByText(/beyond your balance\.$/).waitFor();
      await leave.getByRole('button', { name: 'Send request' }).click();
      await leave.getByRole('button', { name: 'Send anyway' }).waitFor();
    },
  },
  {
    screen: 'leave',
    state: 'beyond-balance-local',
    what: 'the local timesheet without “Allow leave beyond my balance”: the request says it cannot be recorded',
    act: async (page) => {
      const leave = screenOf(page, 'leave');
      await leave.getByRole('button', { name: 'Request leave…' }).click();
      await leave.getByLabel('First day', { exact: true }).fill('2026-06-01');
      await leave.getByLabel('Last day', { exact: true }).fill('2026-06-30');
      await leave.getByText(/do not allow leave beyond your balance/).waitFor();
    },
  },
  {
    screen: 'leave',
    state: 'calamari',
    what: 'Calamari: requests cannot be cancelled here, and the screen says so',
    fake: { account: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } },
  },
  {
    screen: 'leave',
    state: 'toggl',
    what: 'Toggl Track: its API has no time off, and the screen says so',
    fake: { account: { type: 'toggl', url: 'https://api.track.toggl.com', workspace: 'Acme' } },
  },
  {
    screen: 'leave',
    state: 'unavailable',
    what: 'Kimai without its absence plugin',
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false } },
  },
  {
    screen: 'calendar',
    state: 'team',
    what: 'the team’s month on Calamari, with kinds of absence it shows',
    fake: { account: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } },
  },
  {
    screen: 'calendar',
    state: 'private',
    what: 'the team’s month on Clockodo, which hides a colleague’s kind of absence',
    fake: { account: { type: 'clockodo', email: 'ada@acme.example', url: 'https://my.clockodo.com' } },
  },
  { screen: 'calendar', state: 'local', what: 'the local timesheet: the person’s own leave and holidays' },
  {
    screen: 'team',
    state: 'lead',
    what: 'a Kimai team lead: the week’s hours against targets, and two requests waiting for a decision',
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false }, team: 'lead' },
  },
  {
    screen: 'team',
    state: 'rejecting',
    what: 'a request being rejected with a reason',
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false }, team: 'lead' },
    act: async (page) => {
      const dan = screenOf(page, 'team').getByRole('listitem').filter({ hasText: 'Dan Dorsey' });
      await dan.getByRole('button', { name: /^Reject/ }).click();
      await dan.getByRole('textbox').fill('Please take it in July');
    },
  },
  {
    screen: 'team',
    state: 'working-time',
    what: 'a Kimai team lead under the organisation’s working-time rules: each person’s findings of the week counted in words',
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false }, team: 'lead', teamWorkingTime: true },
  },
  { screen: 'team', state: 'none', what: 'the local timesheet: no team, and why' },
  {
    screen: 'team',
    state: 'smallest',
    what: 'the smallest window: a lead’s week and the requests, one column',
    viewport: SMALLEST,
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false }, team: 'lead' },
  },
  ...ADMIN_STATES,
  ...APPROVAL_STATES,
  {
    screen: 'status',
    state: 'smallest-decisions',
    what: 'the smallest window: kept writes to decide under the timer',
    viewport: SMALLEST,
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false }, keptWrites: SAMPLE_KEPT_WRITES },
  },
  { screen: 'status', state: 'smallest', what: 'the smallest window allowed: the navigation as icons, the cards one under the other', viewport: SMALLEST },
  {
    screen: 'status',
    state: 'smallest-week',
    what: 'the smallest window, scrolled to the week: the chart’s bars, targets and legend fit its width',
    viewport: SMALLEST,
    act: async (page) => {
      // To the top of the window: the card's title shows at the bottom already, its chart below it.
      await screenOf(page, 'status')
        .getByRole('heading', { name: 'This week' })
        .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    },
  },
  {
    screen: 'reports',
    state: 'smallest',
    what: 'the smallest window: the week’s chart and the hours by project, one card under the other',
    viewport: SMALLEST,
    act: async (page) => {
      await screenOf(page, 'reports').getByRole('heading', { name: 'Hours per day' }).scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'timesheet',
    state: 'smallest-editing',
    what: 'the smallest window, an entry in edit: its fields wrap, no label runs into another',
    viewport: SMALLEST,
    act: async (page) => {
      await screenOf(page, 'timesheet')
        .getByRole('button', { name: /^Edit Internal · Meetings/ })
        .first()
        .click();
      await page.getByRole('form', { name: 'Change the entry' }).waitFor();
    },
  },
  {
    screen: 'calendar',
    state: 'smallest',
    what: 'the smallest window: names wrap in their day instead of being cut',
    viewport: SMALLEST,
    fake: { account: CALAMARI },
  },
  { screen: 'status', state: 'german', what: 'German formats and a German team’s long names', viewport: MEDIUM, locale: 'de-DE', fake: { longNames: true } },
  {
    screen: 'timesheet',
    state: 'german',
    what: 'the week in German formats, long names wrapping, Ascension Day by name',
    viewport: MEDIUM,
    locale: 'de-DE',
    fake: { longNames: true },
  },
  {
    screen: 'reports',
    state: 'german-decimal',
    what: 'a German month in decimal hours (“20,50 h”), long project names read whole',
    viewport: MEDIUM,
    locale: 'de-DE',
    fake: { longNames: true, durations: 'decimal' },
  },
  {
    screen: 'calendar',
    state: 'german',
    what: 'a German team’s month: long names wrap, “You” for your own leave',
    viewport: MEDIUM,
    locale: 'de-DE',
    fake: { longNames: true, account: CALAMARI },
  },
  { screen: 'timesheet', state: 'wide', what: 'a wide window: the week uses the width', viewport: WIDE },
  { screen: 'calendar', state: 'wide', what: 'a wide window: the month uses the width, names on one line', viewport: WIDE, fake: { account: CALAMARI } },
  { screen: 'tools', state: 'default', what: 'the tools AI clients may use' },
  { screen: 'connect', state: 'default', what: 'the AI clients found' },
  {
    screen: 'connect',
    state: 'team-server',
    what: 'the team server the organisation’s policy names, for the web and phone clients',
    fake: { teamServer: 'https://punchcard.example.com/mcp' },
  },
  { screen: 'account', state: 'local', what: 'the local timesheet chosen' },
  {
    screen: 'account',
    state: 'clockify',
    what: 'a Clockify account in a region, with its workspace',
    fake: { account: { type: 'clockify', url: 'https://euc1.clockify.me', workspace: 'Acme' } },
    act: async (page) => {
      await screenOf(page, 'account').locator('.account-fields').scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'account',
    state: 'toggl',
    what: "a Toggl Track account on Toggl's own address, with its workspace",
    fake: { account: { type: 'toggl', url: 'https://api.track.toggl.com', workspace: 'Acme' } },
    act: async (page) => {
      await screenOf(page, 'account').locator('.account-fields').scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'account',
    state: 'harvest',
    what: 'a Harvest account saved with its account id, the token in the keychain',
    fake: { account: { type: 'harvest', url: 'https://api.harvestapp.com', account_id: '1234567' } },
    act: async (page) => {
      await screenOf(page, 'account').locator('.account-fields').scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'account',
    state: 'harvest-tested',
    what: 'Harvest chosen, its token and account id typed, and the connection tested: who, where, which account, how it tracks',
    act: async (page) => {
      const account = screenOf(page, 'account');
      await account.getByRole('radio', { name: /Harvest/ }).check();
      await account.getByLabel('Personal Access Token', { exact: true }).fill('pat-typed-not-saved');
      await account.getByLabel('Account id (optional)').fill('1234567');
      await account.getByRole('button', { name: 'Test connection' }).click();
      const said = account.getByRole('status').filter({ hasText: 'Connected to Harvest' });
      await said.waitFor();
      // The account id, the buttons and what the test said, together in the window.
      await said.evaluate((status) => status.scrollIntoView({ block: 'center' }));
    },
  },
  {
    screen: 'account',
    state: 'harvest-address-refused',
    what: "Harvest's address set to a look-alike: refused beside the field before the token goes anywhere",
    act: async (page) => {
      const account = screenOf(page, 'account');
      await account.getByRole('radio', { name: /Harvest/ }).check();
      await account.getByLabel('Personal Access Token', { exact: true }).fill('pat-typed-not-saved');
      await account.locator('details.advanced summary').filter({ hasText: 'Address' }).click();
      await account.getByLabel('Harvest address (optional)').fill('https://api.harvestapp.example');
      await account.getByRole('button', { name: 'Test connection' }).click();
      const refused = account.locator('.field-error');
      await refused.waitFor();
      await refused.evaluate((error) => error.scrollIntoView({ block: 'center' }));
    },
  },
  {
    screen: 'account',
    state: 'tempo',
    what: "a Tempo Timesheets account saved: the Jira site, the Atlassian e-mail, Tempo's host and both tokens in the keychain",
    fake: { account: { type: 'tempo', url: 'https://acme.atlassian.net', email: 'ada@example.com', tempoUrl: 'https://api.eu.tempo.io' } },
    act: async (page) => {
      await screenOf(page, 'account').locator('.account-fields').scrollIntoViewIfNeeded();
    },
  },
  {
    screen: 'account',
    state: 'tempo-tested',
    what: 'Tempo Timesheets chosen, its site, e-mail and both tokens typed, and the connection tested: who, on which site and Tempo host, and the scope the token lacks',
    act: async (page) => {
      const account = screenOf(page, 'account');
      await account.getByRole('radio', { name: /Tempo Timesheets/ }).check();
      await account.getByLabel('Jira site').fill('https://acme.atlassian.net');
      await account.getByLabel('Atlassian e-mail').fill('ada@example.com');
      await account.getByLabel('Tempo host').selectOption('https://api.eu.tempo.io');
      await account.getByLabel('Tempo API token', { exact: true }).fill('tempo-typed-not-saved');
      await account.getByLabel('Jira API token', { exact: true }).fill('jira-typed-not-saved');
      await account.getByRole('button', { name: 'Test connection' }).click();
      const said = account.getByRole('status').filter({ hasText: 'Connected to Tempo Timesheets' });
      await said.waitFor();
      await said.evaluate((status) => status.scrollIntoView({ block: 'center' }));
    },
  },
  ...CONNECTION_STATES,
  {
    screen: 'status',
    state: 'harvest-durations',
    what: 'a Harvest account that tracks durations: today’s stopped entries by their length, saying they have no times; the running one from its start',
    fake: { account: { type: 'harvest', url: 'https://api.harvestapp.com', account_id: '1234567' }, daysOnly: true },
  },
  {
    screen: 'timesheet',
    state: 'harvest-durations',
    what: 'a Harvest account that tracks durations: the week’s stopped entries by their length, no times and no gaps between them',
    fake: { account: { type: 'harvest', url: 'https://api.harvestapp.com', account_id: '1234567' }, daysOnly: true },
  },
  {
    screen: 'preferences',
    state: 'clockify-no-capacity',
    what: 'Clockify keeps the holidays and leave, not the work week: the week stays a field',
    fake: { account: { type: 'clockify', url: 'https://api.clockify.me', workspace: null }, plan: { workWeek: null } },
  },
  {
    screen: 'preferences',
    state: 'tray',
    what: 'preferences with the idle threshold and a shortcut another app holds',
    fake: {
      shortcut: {
        accelerator: 'CommandOrControl+Alt+P',
        problem: 'Ctrl+Alt+P is already in use by another app or by the system, so Punchcard cannot use it. Choose another shortcut.',
      },
    },
    act: async (page) => {
      await screenOf(page, 'preferences').getByLabel('Clock in/out shortcut').scrollIntoViewIfNeeded();
    },
  },
  ...UPDATE_STATES,
  ...TRACKER_STATES,
  ...WEEK_STATES,
  ...WORKING_TIME_STATES,
];

/** The pictures the issue asks for at the least, by file stem. */
export const REQUIRED = [
  'timesheet-week',
  'timesheet-editing',
  'leave-overview',
  'leave-request-form',
  'leave-beyond-balance',
  'calendar-team',
  'reports-month',
  'status-idle-prompt',
  'status-continued',
  'status-smallest',
  'timesheet-german',
  // Issue 78: the forms with a required field.
  'status-clock-in-fields-refused',
  'timesheet-adding-required-fields',
  'timesheet-editing-fields',
  // Issue 86: the Account with several connections, a Clockify key's workspaces, and the screens with two connections.
  'account-connections',
  'account-workspace-picker',
  'status-two-connections',
  'timesheet-two-connections-new-entry',
  'reports-two-connections',
  // Issue 91: a week per connection, on the Account screen and in Reports.
  'account-connection-week',
  'reports-two-connections-shared-week',
  // Issue 92: working time in Reports, Status and Preferences.
  'reports-working-time-findings',
  'status-working-time-finding',
  'preferences-working-time-policy',
];

export async function renderScreenshots(options: {
  out: string;
  states?: readonly ScreenshotState[];
  themes?: readonly Theme[];
  log?: (line: string) => void;
}): Promise<string[]> {
  const dist = rendererDist();
  mkdirSync(options.out, { recursive: true });
  const browser: Browser = await launchChromium();
  const windows = windowPool(browser);
  const written: string[] = [];
  try {
    for (const theme of options.themes ?? ['light', 'dark']) {
      for (const state of options.states ?? STATES) {
        const file = resolve(options.out, `${state.screen}-${state.state}-${theme}.png`);
        await shoot(windows, dist, state, theme, file);
        written.push(file);
        options.log?.(`${file}: ${state.what}`);
      }
    }
  } finally {
    await browser.close();
  }
  return written;
}

/**
 * The window in `state`, as a person reaches it, in `theme`, opened in one of the pool's kept pages
 * (harness.ts, windowPool); `look` sees it (takes the picture, checks it), then everything is closed.
 * A state whose page reports an error fails.
 */
export async function inState(windows: WindowPool, dist: string, state: ScreenshotState, theme: Theme, look: (page: Page) => Promise<void>): Promise<void> {
  const fake = createFakeBridge({ now: FAKE_NOW, ...state.fake });
  const opened = await openOnFake(windows, dist, fake, {
    hash: state.screen,
    colorScheme: theme,
    fixedTime: fake.now(),
    actionTimeoutMs: PATIENCE_MS,
    ...(state.viewport ? { viewport: state.viewport } : {}),
    ...(state.locale ? { locale: state.locale } : {}),
  });
  const { page } = opened;
  try {
    await ready(page, state.screen);
    await state.act?.(page, fake);
    // Fonts and the last layout settle before anyone looks.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await drawn(page);
    await look(page);
    const problems = whatWentWrong(opened);
    if (problems.length > 0) throw new Error(`${state.screen}-${state.state} (${theme}) reported problems: ${problems.join('; ')}`);
  } finally {
    await opened.close();
  }
}

function shoot(windows: WindowPool, dist: string, state: ScreenshotState, theme: Theme, file: string): Promise<void> {
  return inState(windows, dist, state, theme, async (page) => {
    await page.screenshot({ path: file });
  });
}

if (import.meta.main) {
  const at = process.argv.indexOf('--out');
  const out = resolve(at >= 0 && process.argv[at + 1] ? (process.argv[at + 1] as string) : 'test-output/screenshots/all');
  const files = await renderScreenshots({ out, log: (line) => console.log(line) });
  // The MCP Apps, drawn inside a chat client's frame (apps/app-screenshots.ts).
  files.push(...(await renderAppScreenshots({ out, log: (line) => console.log(line) })));
  console.log(`\n${files.length} screenshots in ${out}`);
}
