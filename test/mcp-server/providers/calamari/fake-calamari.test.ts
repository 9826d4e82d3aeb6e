// The fake Calamari follows the API facts (docs/back-ends/calamari.md) that
// the Calamari client depends on; these checks keep it honest for everyone who uses it, with plain
// HTTP requests and no Punchcard code.
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_EMPLOYEES,
  DEFAULT_KEY,
  EXTRA_FIELD,
  EXTRA_VALUE,
  type FakeCalamari,
  type FakeCalamariOptions,
  type FakeEmployee,
  CALAMARI_LIMITS,
  quotaExceeded,
  SEED,
  seedOrganisation,
  startFakeCalamari,
  terminalTime,
  wallTimeToEpoch,
} from './fake-calamari.ts';

// Wednesday 1 July 2026, 12:00 in Berlin.
const NOW = Date.parse('2026-07-01T10:00:00Z');
const ADA = 'ada@acme.example';
const BOB = 'bob@acme.example';
const CLEO = 'cleo@acme.example';
const DAN = 'dan@acme.example';
const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
const AUTH = basic('calamari', DEFAULT_KEY);

let fake: FakeCalamari | undefined;
let clock = NOW;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  clock = NOW;
});

/** These checks send requests as fast as a loop goes, unpaced: the limit per second is raised but where a check is about it. */
async function start(options: FakeCalamariOptions = {}, seed = true): Promise<FakeCalamari> {
  fake = await startFakeCalamari({ now: () => clock, ...options, limits: { perSecond: 1_000, ...options.limits } });
  if (seed) seedOrganisation(fake);
  return fake;
}

interface Answer {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
}

/** POSTs a JSON body to `/api${path}` (or sends `raw` / uses `method`), with the right key unless told otherwise. */
async function call(path: string, body?: unknown, init: { method?: string; auth?: string | null; raw?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const auth = init.auth === undefined ? AUTH : init.auth;
  if (auth !== null) headers.Authorization = auth;
  const method = init.method ?? 'POST';
  const payload = init.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const response = await fetch(`${fake?.url}/api${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

const list = (answer: Answer) => answer.json as Array<Record<string, unknown>>;
const clockIn = (person: string, time: string, extra: Record<string, unknown> = {}) => call('/clockin/terminal/v1/clock-in', { person, time, ...extra });
const clockOut = (person: string, time: string) => call('/clockin/terminal/v1/clock-out', { person, time });
const status = async (person: string) => ((await call('/clockin/shift/status/v1/get-current', { person })).json as { status: string }).status;
const createLeave = (
  employee: string,
  absenceTypeId: string,
  dateFrom: string,
  dateTo: string,
  fromPart = 'MORNING',
  toPart = 'END_OF_DAY',
  extra: Record<string, unknown> = {},
) => call('/leave/request/v1/create', { employee, absenceTypeId, dateFrom, dateTo, fromPart, toPart, ...extra });

describe('the fake Calamari: access', () => {
  it('answers 401 AUTH without credentials, for another user, a wrong key and switched-off API access', async () => {
    const calamari = await start();
    const unauthorized = { status: 401, json: { message: expect.any(String), code: 'AUTH', field: null } };
    expect(await call('/working-week/v1/all', undefined, { auth: null })).toMatchObject(unauthorized);
    expect(await call('/working-week/v1/all', undefined, { auth: basic('admin', DEFAULT_KEY) })).toMatchObject(unauthorized);
    expect(await call('/working-week/v1/all', undefined, { auth: basic('calamari', 'wrong-key') })).toMatchObject(unauthorized);
    expect(await call('/working-week/v1/all', undefined, { auth: `Bearer ${DEFAULT_KEY}` })).toMatchObject(unauthorized);
    expect((await call('/working-week/v1/all')).status).toBe(200);
    calamari.options.apiEnabled = false;
    expect(await call('/working-week/v1/all')).toMatchObject(unauthorized);
  });

  it('refuses a key without the endpoint group with 403 ACCESS_FORBIDDEN, group by group', async () => {
    const calamari = await start({ keyGroups: ['leave'] });
    const forbidden = { status: 403, json: { message: 'Access forbidden', code: 'ACCESS_FORBIDDEN', field: null } };
    expect((await call('/leave/v1/get-absence-types')).status).toBe(200);
    expect(await clockIn(ADA, '2026-07-01T09:00:00')).toMatchObject(forbidden);
    expect(await call('/holiday/v1/find', { employee: ADA, from: '2026-01-01', to: '2026-12-31' })).toMatchObject(forbidden);
    expect(await call('/working-week/v1/all')).toMatchObject(forbidden);
    expect(calamari.state.shifts).toHaveLength(0);
    calamari.options.keyGroups = ['clockin', 'holidays'];
    expect(await call('/leave/v1/get-absence-types')).toMatchObject(forbidden);
    expect((await call('/clockin/shift/status/v1/get-current', { person: ADA })).status).toBe(200);
    expect((await call('/holiday/v1/find', { employee: ADA, from: '2026-01-01', to: '2026-12-31' })).status).toBe(200);
  });

  it('with Time & Attendance off, answers Clockin calls 403 naming the module; leave and holidays still work', async () => {
    await start({ modules: { timeAndAttendance: false } });
    for (const answer of [
      await clockIn(ADA, '2026-07-01T09:00:00'),
      await call('/clockin/timesheetentries/v1/find', { from: '2026-07-01', to: '2026-07-01' }),
    ]) {
      expect(answer).toMatchObject({ status: 403, json: { code: 'ACCESS_FORBIDDEN', field: null } });
      expect((answer.json as { message: string }).message).toMatch(/Time & Attendance/);
    }
    expect((await call('/leave/v1/get-absence-types')).status).toBe(200);
    expect((await call('/holiday/v1/find', { employee: ADA, from: '2026-01-01', to: '2026-12-31' })).status).toBe(200);
  });

  it('with Time Off off, answers leave calls 403 naming the module; Clockin and holidays still work', async () => {
    const calamari = await start();
    calamari.options.modules.timeOff = false;
    const answer = await createLeave(ADA, 'PTO', '2026-08-03', '2026-08-03');
    expect(answer).toMatchObject({ status: 403, json: { code: 'ACCESS_FORBIDDEN' } });
    const message = (answer.json as { message: string }).message;
    expect(message).toMatch(/Time Off/);
    expect(message).not.toBe('Access forbidden');
    expect(calamari.state.requests.filter((request) => request.employeeId === 1)).toHaveLength(0);
    expect((await call('/leave/request/v1/find', { employee: ADA, from: '2026-01-01', to: '2026-12-31' })).status).toBe(403);
    expect((await clockIn(ADA, '2026-07-01T09:00:00')).status).toBe(200);
    expect((await call('/holiday/v1/find', { employee: ADA, from: '2026-01-01', to: '2026-12-31' })).status).toBe(200);
  });

  it('answers 404 for unknown paths (any cancel of a leave request), 405 for the wrong method, 400 for broken JSON', async () => {
    await start();
    const notFound = { status: 404, json: { code: 'INVALID_METHOD_URL', field: null } };
    expect(await call('/leave/request/v1/cancel', { id: 901 })).toMatchObject(notFound);
    expect(await call('/leave/request/v1/delete', { id: 901 })).toMatchObject(notFound);
    expect(await call('/clockin/terminal/v2/clock-in', { person: ADA })).toMatchObject(notFound);
    const notAllowed = { status: 405, json: { code: 'HTTP_METHOD_NOT_ALLOWED', field: null } };
    const wrongMethod = await call('/leave/v1/get-absence-types', undefined, { method: 'GET' });
    expect(wrongMethod).toMatchObject(notAllowed);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const badJson = { status: 400, json: { code: 'INVALID_JSON_PAYLOAD' } };
    expect(await call('/clockin/shift/status/v1/get-current', undefined, { raw: '{"person": "ada@' })).toMatchObject(badJson);
    expect(await call('/clockin/shift/status/v1/get-current', undefined, { raw: '["ada@acme.example"]' })).toMatchObject(badJson);
  });

  it('failNext injects the documented 429 QUOTA_EXCEEDED as often as asked, then answers normally', async () => {
    const calamari = await start();
    calamari.failNext({ path: '/api/working-week/v1/all' }, quotaExceeded(2));
    for (let index = 0; index < 2; index++) {
      const answer = await call('/working-week/v1/all');
      expect(answer).toMatchObject({ status: 429, json: { code: 'QUOTA_EXCEEDED' } });
      expect((answer.json as { field: string }).field).toMatch(/720/);
    }
    expect((await call('/working-week/v1/all')).status).toBe(200);
    expect(calamari.requests.map((request) => request.status)).toEqual([429, 429, 200]);
    // Scripted for the limit a test names, past its count, with Retry-After where asked.
    calamari.failNext({ path: '/api/working-week/v1/all' }, quotaExceeded(1, 'second', 3));
    const second = await call('/working-week/v1/all');
    expect(second.json).toMatchObject({
      message: 'Too many requests',
      code: 'QUOTA_EXCEEDED',
      field: 'Requests: 35/720 per hour, 900/2880 per day, 11/10 per second',
    });
    expect(second.headers.get('retry-after')).toBe('3');
    calamari.failNext({ path: '/api/working-week/v1/all' }, quotaExceeded(1, 'day'));
    const day = await call('/working-week/v1/all');
    expect((day.json as { field: string }).field).toMatch(/2881\/2880 per day/);
    expect(day.headers.get('retry-after')).toBeNull();
  });

  it('failNext injects 5xx, raw broken bodies and delays; requests are recorded with timings', async () => {
    const calamari = await start();
    calamari.failNext({ path: /\/holiday\// }, { status: 503, raw: '<html><body>Service Unavailable</body></html>', delayMs: 150 });
    const slow = await call('/holiday/v1/find', { employee: ADA, from: '2026-01-01', to: '2026-01-31' });
    expect(slow).toMatchObject({ status: 503, text: '<html><body>Service Unavailable</body></html>' });
    const [record] = calamari.requests;
    expect(record).toMatchObject({ method: 'POST', path: '/api/holiday/v1/find', status: 503 });
    expect(record?.serverMs).toBeGreaterThanOrEqual(140);
    expect(record?.answeredAt).toBeGreaterThan(record?.receivedAt ?? Infinity);
    calamari.failNext({ path: '/api/working-week/v1/all' }, { status: 200, raw: '[{"id": 1, "na' });
    expect(await call('/working-week/v1/all')).toMatchObject({ status: 200, text: '[{"id": 1, "na', json: undefined });
    calamari.failNext({ path: '/api/working-week/v1/all' }, { status: 500, body: { message: 'boom', code: 'INTERNAL_SERVER_ERROR' } });
    expect(await call('/working-week/v1/all')).toMatchObject({ status: 500, json: { code: 'INTERNAL_SERVER_ERROR' } });
    expect((await call('/working-week/v1/all')).status).toBe(200);
  });

  it('puts an unknown extra field into every answered object, nested ones and errors too', async () => {
    await start();
    const extra = { [EXTRA_FIELD]: EXTRA_VALUE };
    expect(list(await call('/leave/v1/get-absence-types'))[0]).toMatchObject({ id: SEED.absenceTypes.annualLeave, ...extra });
    expect((await clockIn(ADA, '2026-07-01T09:00:00')).json).toMatchObject({ ...extra, person: { firstName: 'Ada', ...extra } });
    const page = (await call('/employees/v1/search', { employee: ADA })).json as { employees: Array<Record<string, unknown>> };
    expect(page).toMatchObject({ ...extra, employees: [{ ...extra, teams: [{ ...extra }], workingWeek: { ...extra }, holidaysCalendar: { ...extra } }] });
    expect((await call('/working-week/v1/all', undefined, { auth: null })).json).toMatchObject({ code: 'AUTH', ...extra });
  });
});

describe("the fake Calamari: the organisation's limits", () => {
  it('refuses the eleventh request of a second with the documented 429, without Retry-After, and lets the next second through', async () => {
    expect(CALAMARI_LIMITS).toEqual({ perSecond: 10, perHour: 720, perDay: 2_880 });
    await start({ limits: CALAMARI_LIMITS });
    const burst = await Promise.all(Array.from({ length: 11 }, () => call('/leave/v1/get-absence-types')));
    expect(burst.map((answer) => answer.status).sort()).toEqual([...Array(10).fill(200), 429]);
    const refused = burst.find((answer) => answer.status === 429) as Answer;
    expect(refused.json).toMatchObject({ code: 'QUOTA_EXCEEDED', field: 'Requests: 11/720 per hour, 11/2880 per day, 11/10 per second' });
    expect(refused.headers.get('retry-after')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await call('/leave/v1/get-absence-types')).status).toBe(200);
  });

  it('counts the clock hour of the whole organisation, and says in Retry-After when it frees where asked to', async () => {
    await start({ limits: { perHour: 3 }, retryAfter: true });
    // Ten minutes before the hour turns: three requests, whoever they name, then none.
    clock = Date.parse('2026-07-01T10:50:00Z');
    for (const person of [ADA, BOB, CLEO]) expect((await call('/clockin/shift/status/v1/get-current', { person })).status).toBe(200);
    const refused = await call('/clockin/shift/status/v1/get-current', { person: ADA });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('600');
    // A refused request is not counted: the next hour lets three through again.
    clock = Date.parse('2026-07-01T11:00:00Z');
    for (let sent = 0; sent < 3; sent++) expect((await call('/clockin/shift/status/v1/get-current', { person: ADA })).status).toBe(200);
    expect((await call('/clockin/shift/status/v1/get-current', { person: ADA })).status).toBe(429);
  });

  it('counts nothing in its 429 where asked to, as a Calamari that leaves its usage out would', async () => {
    await start({ limits: { perHour: 1 }, quotaUsage: false });
    clock = Date.parse('2026-07-01T10:50:00Z');
    expect((await call('/clockin/shift/status/v1/get-current', { person: ADA })).status).toBe(200);
    const refused = await call('/clockin/shift/status/v1/get-current', { person: ADA });
    expect(refused).toMatchObject({ status: 429, json: { code: 'QUOTA_EXCEEDED', field: null } });
    expect(refused.headers.get('retry-after')).toBeNull();
  });
});

describe('the fake Calamari: terminal and shift status', () => {
  it('takes only zone-less local wall time, reads it in the employee zone, and refuses the future', async () => {
    const calamari = await start();
    const incorrect = { status: 400, json: { message: 'Incorrect value', code: '', field: 'time' } };
    for (const time of [
      '2026-07-01T09:00:00Z',
      '2026-07-01T09:00:00+02:00',
      '2026-07-01T09:00:00+0200',
      '2026-07-01T09:00:00.000',
      '2026-07-01 09:00:00',
      '2026-07-01T09:00',
      '2026-02-30T09:00:00',
      1782896400000,
    ]) {
      expect(await call('/clockin/terminal/v1/clock-in', { person: ADA, time }), String(time)).toMatchObject(incorrect);
    }
    expect(await call('/clockin/terminal/v1/clock-in', { person: ADA })).toMatchObject({ status: 400, json: { code: 'INVALID_TIME', field: 'time' } });
    expect(await clockIn(ADA, '2026-07-01T12:05:00')).toMatchObject({ status: 400, json: { code: 'INVALID_TIME', field: 'time' } });
    expect(calamari.state.shifts).toHaveLength(0);
    expect(await clockIn(ADA, '2026-07-01T09:00:00')).toMatchObject({
      status: 200,
      json: { person: { firstName: 'Ada', lastName: 'Lovelace' }, shiftStatus: 'STARTED' },
    });
    // 09:00 in Berlin (summer) is 07:00 UTC; Cleo's London 09:00 is 08:00 UTC.
    expect(calamari.state.shifts[0]?.started).toBe(Date.parse('2026-07-01T07:00:00Z'));
    await clockIn(CLEO, '2026-07-01T09:00:00');
    expect(calamari.state.shifts[1]?.started).toBe(Date.parse('2026-07-01T08:00:00Z'));
  });

  it('ignores a clock-in during a shift and a clock-out without one, answering 200', async () => {
    const calamari = await start();
    expect(await clockOut(ADA, '2026-07-01T08:00:00')).toMatchObject({ status: 200, json: { shiftStatus: 'FINISHED' } });
    expect(calamari.state.shifts).toHaveLength(0);
    await clockIn(ADA, '2026-07-01T09:00:00');
    // Even with a project that does not exist: the call is ignored, nothing is checked or changed.
    expect(await clockIn(ADA, '2026-07-01T10:00:00', { projectId: 999 })).toMatchObject({ status: 200, json: { shiftStatus: 'STARTED' } });
    expect(calamari.state.shifts).toEqual([expect.objectContaining({ started: Date.parse('2026-07-01T07:00:00Z'), finished: null, projectId: null })]);
    // A moment after the shift's start too: the description is dropped, as Calamari drops it.
    expect(await clockIn(ADA, '2026-07-01T09:00:30', { description: 'Standup notes' })).toMatchObject({ status: 200, json: { shiftStatus: 'STARTED' } });
    expect(calamari.state.shifts).toEqual([expect.objectContaining({ started: Date.parse('2026-07-01T07:00:00Z'), finished: null, description: null })]);
    expect(await clockOut(ADA, '2026-07-01T11:30:00')).toMatchObject({ status: 200, json: { shiftStatus: 'FINISHED' } });
    expect(calamari.state.shifts[0]?.finished).toBe(Date.parse('2026-07-01T09:30:00Z'));
    expect(await clockOut(ADA, '2026-07-01T11:45:00')).toMatchObject({ status: 200, json: { shiftStatus: 'FINISHED' } });
    expect(calamari.state.shifts[0]?.finished).toBe(Date.parse('2026-07-01T09:30:00Z'));
  });

  it('clocks in on a project open to the person with a description; others are INVALID_PROJECT', async () => {
    const calamari = await start();
    const { general, websiteRelaunch } = SEED.projects;
    expect(await clockIn(BOB, '2026-07-01T09:00:00', { projectId: websiteRelaunch })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_PROJECT', field: 'projectId' },
    });
    expect(await clockIn(BOB, '2026-07-01T09:00:00', { projectId: 999 })).toMatchObject({ status: 400, json: { code: 'INVALID_PROJECT' } });
    expect(calamari.state.shifts).toHaveLength(0);
    expect((await clockIn(ADA, '2026-07-01T09:00:00', { projectId: websiteRelaunch, description: 'Landing page' })).status).toBe(200);
    expect(calamari.state.shifts[0]).toMatchObject({ projectId: websiteRelaunch, description: 'Landing page' });
    const ids = async (path: string, person: string) => list(await call(path, { person })).map((item) => item.id);
    expect(await ids('/clockin/projects/v1/get-projects-for-person', ADA)).toEqual([general, websiteRelaunch]);
    expect(await ids('/clockin/projects/v1/get-projects-for-person', BOB)).toEqual([general]);
    expect(await ids('/clockin/terminal/v1/get-break-types-for-person', ADA)).toEqual([SEED.breakTypes.break, SEED.breakTypes.lunch]);
    expect(await ids('/clockin/terminal/v1/get-break-types-for-person', BOB)).toEqual([SEED.breakTypes.break]);
  });

  it('an archived project is no longer listed nor taken by a clock-in or a new shift, and old shifts still name it', async () => {
    const calamari = await start();
    const { general, websiteRelaunch } = SEED.projects;
    expect((await clockIn(ADA, '2026-07-01T08:00:00', { projectId: websiteRelaunch })).status).toBe(200);
    expect((await clockOut(ADA, '2026-07-01T09:00:00')).status).toBe(200);
    const project = calamari.state.projects.find((item) => item.id === websiteRelaunch);
    if (project) project.archived = true;
    expect(list(await call('/clockin/projects/v1/get-projects-for-person', { person: ADA })).map((item) => item.id)).toEqual([general]);
    expect(await clockIn(ADA, '2026-07-01T10:00:00', { projectId: websiteRelaunch })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_PROJECT', field: 'projectId' },
    });
    const shift = { person: ADA, shiftStart: '2026-07-01T10:00:00', shiftEnd: '2026-07-01T11:00:00' };
    const entry = { projectType: websiteRelaunch, projectStart: '2026-07-01T10:00:00', projectEnd: '2026-07-01T11:00:00' };
    expect(await call('/clockin/timesheetentries/v1/create', { ...shift, projects: [entry] })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_PROJECT_FOR_USER' },
    });
    expect(calamari.state.shifts).toHaveLength(1);
    const [listed] = list(await call('/clockin/timesheetentries/v1/find', { from: '2026-07-01', to: '2026-07-01', employees: [ADA] }));
    expect(listed).toMatchObject({ projects: [{ project: { id: websiteRelaunch, name: 'Website relaunch' } }] });
  });

  it('starts breaks only in a running shift with a break type of the person; clock-out closes an open break', async () => {
    const calamari = await start();
    const breakStart = (person: string, time: string, breakType?: number) =>
      call('/clockin/terminal/v1/break-start', { person, time, ...(breakType === undefined ? {} : { breakType }) });
    expect(await breakStart(BOB, '2026-07-01T09:00:00', SEED.breakTypes.break)).toMatchObject({ status: 400, json: { code: 'NO_STARTED_SHIFT' } });
    await clockIn(BOB, '2026-07-01T08:00:00');
    expect(await breakStart(BOB, '2026-07-01T10:00:00')).toMatchObject({ status: 400, json: { code: 'INVALID_BREAK_TYPE', field: 'breakType' } });
    expect(await breakStart(BOB, '2026-07-01T10:00:00', SEED.breakTypes.lunch)).toMatchObject({ status: 400, json: { code: 'INVALID_BREAK_TYPE' } });
    expect(await breakStart(BOB, '2026-07-01T10:00:00', SEED.breakTypes.break)).toMatchObject({
      status: 200,
      json: { person: { firstName: 'Bob', lastName: 'Builder' }, breakStatus: 'STARTED' },
    });
    expect(await status(BOB)).toBe('BREAK');
    expect(await clockOut(BOB, '2026-07-01T10:30:00')).toMatchObject({ json: { shiftStatus: 'FINISHED' } });
    const end = Date.parse('2026-07-01T08:30:00Z');
    expect(calamari.state.shifts[0]).toMatchObject({
      finished: end,
      breaks: [{ from: Date.parse('2026-07-01T08:00:00Z'), to: end, breakTypeId: SEED.breakTypes.break }],
    });
    expect(await status(BOB)).toBe('STOPPED');

    await clockIn(ADA, '2026-07-01T08:00:00');
    await breakStart(ADA, '2026-07-01T10:00:00', SEED.breakTypes.lunch);
    expect(await call('/clockin/terminal/v1/break-stop', { person: ADA, time: '2026-07-01T10:45:00', breakType: SEED.breakTypes.lunch })).toMatchObject({
      status: 200,
      json: { breakStatus: 'FINISHED' },
    });
    expect(await status(ADA)).toBe('STARTED');
  });

  it('with no API terminal, answers the terminal calls API_TERMINAL_NOT_AVAILABLE; the status still answers', async () => {
    const calamari = await start({ apiTerminal: false });
    expect(await clockIn(ADA, '2026-07-01T09:00:00')).toMatchObject({ status: 400, json: { code: 'API_TERMINAL_NOT_AVAILABLE' } });
    expect(await call('/clockin/terminal/v1/get-break-types-for-person', { person: ADA })).toMatchObject({
      status: 400,
      json: { code: 'API_TERMINAL_NOT_AVAILABLE' },
    });
    expect(await status(ADA)).toBe('STOPPED');
    calamari.options.apiTerminal = true;
    expect((await clockIn(ADA, '2026-07-01T09:00:00')).status).toBe(200);
  });

  it('names people by e-mail in any case, or by externalNumber on Clockin; unknown and archived are INVALID_EMPLOYEE on the field', async () => {
    await start();
    expect(await call('/clockin/shift/status/v1/get-current', { person: 'ADA@Acme.Example' })).toMatchObject({
      status: 200,
      json: { person: { firstName: 'Ada', lastName: 'Lovelace', email: ADA, externalId: 'P-001' }, status: 'STOPPED' },
    });
    expect(await call('/clockin/shift/status/v1/get-current', { person: 'externalNumber:P-002' })).toMatchObject({ json: { person: { firstName: 'Bob' } } });
    expect(await call('/clockin/shift/status/v1/get-current', { person: 'nobody@acme.example' })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_EMPLOYEE', field: 'person' },
    });
    expect(await clockIn(DAN, '2026-07-01T09:00:00')).toMatchObject({ status: 400, json: { code: 'INVALID_EMPLOYEE', field: 'person' } });
    expect(await call('/leave/request/v1/find', { employee: DAN, from: '2026-01-01', to: '2026-12-31' })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_EMPLOYEE', field: 'employee' },
    });
    expect(await call('/leave/request/v1/find', { employee: 'externalNumber:P-001', from: '2026-01-01', to: '2026-12-31' })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_EMPLOYEE' },
    });
    expect(await call('/clockin/timesheetentries/v1/find', { from: '2026-07-01', to: '2026-07-01', employees: [ADA, 'nobody@acme.example'] })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_EMPLOYEE', field: 'employees' },
    });
  });
});

describe('the fake Calamari: timesheet entries', () => {
  function seedShifts(calamari: FakeCalamari) {
    calamari.state.shifts.push(
      {
        id: 7001,
        employeeId: 1,
        started: Date.parse('2026-06-29T07:00:00Z'),
        finished: Date.parse('2026-06-29T15:00:00Z'),
        breaks: [{ from: Date.parse('2026-06-29T11:00:00Z'), to: Date.parse('2026-06-29T11:30:00Z'), breakTypeId: SEED.breakTypes.break }],
        projectId: SEED.projects.general,
        description: 'Reviews',
      },
      // Monday 22:00 in Berlin, still running.
      { id: 7002, employeeId: 1, started: Date.parse('2026-06-29T20:00:00Z'), finished: null, breaks: [], projectId: null, description: null },
      {
        id: 7003,
        employeeId: 2,
        started: Date.parse('2026-07-01T06:00:00Z'),
        finished: Date.parse('2026-07-01T09:00:00Z'),
        breaks: [],
        projectId: null,
        description: null,
      },
    );
  }

  it('finds shifts by start day with UTC +0000 times, zone, seconds, breaks and projects, newest first', async () => {
    const calamari = await start();
    seedShifts(calamari);
    const ids = async (body: Record<string, unknown>) => list(await call('/clockin/timesheetentries/v1/find', body)).map((item) => item.id);
    const answer = await call('/clockin/timesheetentries/v1/find', { from: '2026-06-29', to: '2026-06-29', employees: [ADA] });
    expect(list(answer).map((item) => item.id)).toEqual([7002, 7001]);
    expect(list(answer)[1]).toMatchObject({
      started: '2026-06-29T07:00:00+0000',
      finished: '2026-06-29T15:00:00+0000',
      startedTimeZone: 'Europe/Berlin',
      duration: 8 * 3600 - 1800,
      person: { firstName: 'Ada', lastName: 'Lovelace', email: ADA },
      breaks: [{ from: '2026-06-29T11:00:00+0000', to: '2026-06-29T11:30:00+0000', duration: 1800, breakType: { id: SEED.breakTypes.break, name: 'Break' } }],
      projects: [
        { project: { id: SEED.projects.general, name: 'General' }, from: '2026-06-29T07:00:00+0000', to: '2026-06-29T15:00:00+0000', duration: 8 * 3600 },
      ],
      closed: true,
      description: 'Reviews',
    });
    expect(list(answer)[0]).toMatchObject({ finished: null, closed: false, duration: 0, breaks: [], projects: [] });
    // A shift still running from before the range is part of the answer.
    expect(await ids({ from: '2026-07-01', to: '2026-07-01', employees: [ADA] })).toEqual([7002]);
    // Without a filter: the whole company.
    expect(await ids({ from: '2026-07-01', to: '2026-07-01' })).toEqual([7003, 7002]);
    expect(await ids({ from: '2026-06-29', to: '2026-07-01', teams: ['Sales'] })).toEqual([]);
    expect(await ids({ from: '2026-06-29', to: '2026-07-01', teams: [SEED.teams.engineering] })).toEqual([7003, 7002, 7001]);
    expect(await call('/clockin/timesheetentries/v1/find', { from: '2026-07-01', to: '2026-06-30' })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_DATE_TO' },
    });
    expect(await call('/clockin/timesheetentries/v1/find', { from: '1.7.2026', to: '2026-07-01' })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_DATE_FROM', field: 'from' },
    });
  });

  it('creates a past shift from local wall times, validating its start, end, length and overlaps', async () => {
    const calamari = await start();
    seedShifts(calamari);
    const create = (body: Record<string, unknown>) => call('/clockin/timesheetentries/v1/create', { person: BOB, ...body });
    expect(await create({ shiftStart: '2026-06-30T17:00:00', shiftEnd: '2026-06-30T09:00:00' })).toMatchObject({
      status: 400,
      json: { code: 'SHIFT_END_BEFORE_START' },
    });
    expect(await create({ shiftStart: '2026-06-30T09:00:00', shiftEnd: '2026-06-30T09:00:30' })).toMatchObject({
      status: 400,
      json: { code: 'SHIFT_TO_SHORT' },
    });
    expect(await create({ shiftStart: '2026-06-30T09:00:00Z', shiftEnd: '2026-06-30T17:00:00' })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_SHIFT_START', field: 'shiftStart' },
    });
    expect(await create({ shiftStart: '2026-07-01T07:00:00', shiftEnd: '2026-07-01T10:00:00' })).toMatchObject({
      status: 400,
      json: { code: 'SHIFTS_OVERLAP' },
    });
    expect(
      await create({
        shiftStart: '2026-06-30T09:00:00',
        shiftEnd: '2026-06-30T17:00:00',
        projects: [{ projectType: SEED.projects.websiteRelaunch, projectStart: '2026-06-30T09:00:00', projectEnd: '2026-06-30T12:00:00' }],
      }),
    ).toMatchObject({ status: 400, json: { code: 'INVALID_PROJECT_FOR_USER' } });
    expect(calamari.state.shifts).toHaveLength(3);
    const created = await create({
      shiftStart: '2026-06-30T09:00:00',
      shiftEnd: '2026-06-30T17:00:00',
      description: 'Inventory',
      projects: [{ projectType: SEED.projects.general, projectStart: '2026-06-30T09:00:00', projectEnd: '2026-06-30T12:00:00' }],
    });
    expect(created).toMatchObject({ status: 200, json: { id: expect.any(Number) } });
    const [entry] = list(await call('/clockin/timesheetentries/v1/find', { from: '2026-06-30', to: '2026-06-30', employees: [BOB] }));
    expect(entry).toMatchObject({
      id: (created.json as { id: number }).id,
      started: '2026-06-30T07:00:00+0000',
      finished: '2026-06-30T15:00:00+0000',
      description: 'Inventory',
      projects: [{ project: { id: SEED.projects.general }, duration: 3 * 3600 }],
    });
  });

  it('balances worked time against the working week, holidays and accepted time off taken out, up to today', async () => {
    const calamari = await start();
    seedShifts(calamari);
    // Ada: Mon 29 June 7.5 h worked; Tue 30 June on accepted leave; Wed 1 July 3 h so far. Thu and
    // Fri are after today and count nothing. (The running evening shift is taken out.)
    calamari.state.requests.push({
      id: 990,
      employeeId: 1,
      absenceTypeId: SEED.absenceTypes.annualLeave,
      from: '2026-06-30',
      to: '2026-06-30',
      fromPart: 'MORNING',
      toPart: 'END_OF_DAY',
      status: 'ACCEPTED',
      reason: null,
      comment: null,
      amount: 1,
    });
    calamari.state.shifts.push({
      id: 7004,
      employeeId: 1,
      started: Date.parse('2026-07-01T05:00:00Z'),
      finished: Date.parse('2026-07-01T08:00:00Z'),
      breaks: [],
      projectId: null,
      description: null,
    });
    calamari.state.shifts.splice(1, 1);
    const balance = async (body: Record<string, unknown>) => list(await call('/clockin/timesheetentries/v1/balance', body));
    const [ada] = await balance({ from: '2026-06-29', to: '2026-07-03', employees: [ADA] });
    expect(ada).toMatchObject({ person: { email: ADA }, balance: 7.5 * 3600 + 3 * 3600 - 2 * 8 * 3600 });
    // Ascension Day (Thursday 14 May) is a holiday: that week's target is four days.
    expect((await balance({ from: '2026-05-11', to: '2026-05-17', employees: [ADA] }))[0]?.balance).toBe(-4 * 8 * 3600);
    const everyone = await balance({ from: '2026-06-29', to: '2026-06-29' });
    expect(everyone.map((item) => (item.person as { email: string }).email)).toEqual([ADA, BOB, CLEO]);
  });
});

describe('the fake Calamari: time off', () => {
  it('lists absence types and answers balances for the id as text or the externalId, never a number', async () => {
    await start();
    expect(list(await call('/leave/v1/get-absence-types'))).toContainEqual(
      expect.objectContaining({ id: SEED.absenceTypes.annualLeave, name: 'Annual leave', durationUnit: 'DAYS', externalId: 'PTO' }),
    );
    const get = (absenceTypeId: unknown, date: unknown = '2026-07-01') => call('/leave/v1/entitlement-balance/get', { absenceTypeId, employee: ADA, date });
    expect(await get(String(SEED.absenceTypes.annualLeave))).toMatchObject({ status: 200, json: { unit: 'DAYS', unlimited: false, amount: 30 } });
    expect(await get('PTO')).toMatchObject({ status: 200, json: { amount: 30 } });
    expect(await get(SEED.absenceTypes.annualLeave)).toMatchObject({ status: 400, json: { code: 'INVALID_ABSENCE_TYPE', field: 'absenceTypeId' } });
    expect(await get('Annual leave')).toMatchObject({ status: 400, json: { code: 'INVALID_ABSENCE_TYPE' } });
    expect(await get('SICK')).toMatchObject({ json: { unlimited: true } });
    expect(await get('PTO', '01.07.2026')).toMatchObject({ status: 400, json: { code: 'INVALID_DATE', field: 'date' } });
    expect(await get(String(SEED.absenceTypes.overtimePickup))).toMatchObject({ json: { unit: 'HOURS', amount: 16 } });
  });

  it('creates PENDING requests costing working days by the working week and holiday calendar, half parts 0.5', async () => {
    const calamari = await start();
    // Mon–Wed 3, Christmas Eve's morning 0.5, Christmas Day and the weekend 0, Monday 28th 1.
    const christmas = await createLeave(ADA, 'PTO', '2026-12-21', '2026-12-28');
    expect(christmas).toMatchObject({ status: 200, json: { id: expect.any(Number) } });
    const id = (christmas.json as { id: number }).id;
    expect(calamari.state.requests.find((request) => request.id === id)).toMatchObject({
      employeeId: 1,
      status: 'PENDING',
      amount: 4.5,
      absenceTypeId: SEED.absenceTypes.annualLeave,
    });
    // The seeded request of part-time Cleo (Mon–Thu) costs what the fake computes for it.
    calamari.state.requests = calamari.state.requests.filter((request) => request.id !== 907);
    await createLeave(CLEO, String(SEED.absenceTypes.annualLeave), '2026-12-21', '2026-12-24');
    expect(calamari.state.requests.at(-1)).toMatchObject({ employeeId: 3, amount: 3.5 });
    // Two halves of one day do not overlap; a whole day over them does.
    expect((await createLeave(ADA, 'PTO', '2026-08-07', '2026-08-07', 'AFTERNOON', 'END_OF_DAY')).status).toBe(200);
    expect((await createLeave(ADA, 'PTO', '2026-08-07', '2026-08-07', 'MORNING', 'AFTERNOON')).status).toBe(200);
    expect(calamari.state.requests.slice(-2).map((request) => request.amount)).toEqual([0.5, 0.5]);
    expect(await createLeave(ADA, 'PTO', '2026-08-07', '2026-08-07')).toMatchObject({ status: 400, json: { code: 'INVALID_ABSENCE_TIME' } });
    expect(await createLeave(ADA, 'PTO', '2026-08-10', '2026-08-10', 'END_OF_DAY', 'END_OF_DAY')).toMatchObject({
      status: 400,
      json: { code: 'INVALID_TIME_PART', field: 'fromPart' },
    });
    expect(await createLeave(ADA, 'PTO', '2026-08-08', '2026-08-09')).toMatchObject({ status: 400, json: { code: 'INVALID_ABSENCE_TIME' } });
  });

  it('refuses overlaps with pending or accepted requests, not with rejected or canceled ones', async () => {
    const calamari = await start();
    expect(await createLeave(BOB, 'PTO', '2026-07-16', '2026-07-20')).toMatchObject({ status: 400, json: { code: 'INVALID_ABSENCE_TIME' } });
    expect(await createLeave(BOB, String(SEED.absenceTypes.sickLeave), '2026-07-22', '2026-07-22')).toMatchObject({
      status: 400,
      json: { code: 'INVALID_ABSENCE_TIME' },
    });
    expect((await createLeave(BOB, 'PTO', '2026-08-03', '2026-08-04')).status).toBe(200);
    expect((await createLeave(CLEO, 'PTO', '2026-07-06', '2026-07-06')).status).toBe(200);
    expect(calamari.state.requests.filter((request) => request.status === 'PENDING' && request.id >= 1000)).toHaveLength(2);
  });

  it('refuses more than the balance (pending counts) with INVALID_ABSENCE_ALLOWANCE; unlimited, WORK and hourly types', async () => {
    const calamari = await start();
    // September and October 2026: 44 working days, Day of German Unity falls on a Saturday.
    expect(await createLeave(ADA, 'PTO', '2026-09-01', '2026-10-30')).toMatchObject({ status: 400, json: { code: 'INVALID_ABSENCE_ALLOWANCE' } });
    expect((await createLeave(ADA, 'PTO', '2026-09-01', '2026-09-28')).status).toBe(200);
    expect(calamari.state.requests.at(-1)?.amount).toBe(20);
    expect(await createLeave(ADA, 'PTO', '2026-10-05', '2026-10-19')).toMatchObject({ status: 400, json: { code: 'INVALID_ABSENCE_ALLOWANCE' } });
    expect((await createLeave(ADA, 'SICK', '2026-10-05', '2026-11-30')).status).toBe(200);
    expect((await createLeave(CLEO, String(SEED.absenceTypes.remoteWork), '2026-09-07', '2026-09-07')).status).toBe(200);
    const overtime = String(SEED.absenceTypes.overtimePickup);
    expect((await createLeave(ADA, overtime, '2026-12-01', '2026-12-01', '09:00', '12:30')).status).toBe(200);
    expect(calamari.state.requests.at(-1)).toMatchObject({ amount: 3.5, startTime: '09:00', endTime: '12:30' });
    expect(await createLeave(ADA, 'PTO', '2026-12-02', '2026-12-02', '09:00', '12:30')).toMatchObject({ status: 400, json: { code: 'INVALID_TIME_PART' } });
    expect(await createLeave(ADA, overtime, '2026-12-02', '2026-12-03')).toMatchObject({ status: 400, json: { code: 'INVALID_ABSENCE_ALLOWANCE' } });
  });

  it("finds one employee's requests overlapping the range, with the documented fields", async () => {
    await start();
    const find = async (from: string, to: string) => list(await call('/leave/request/v1/find', { employee: BOB, from, to }));
    const july = await find('2026-07-01', '2026-07-31');
    expect(july.map((item) => item.id)).toEqual([901, 903, 902]);
    expect(july[0]).toMatchObject({
      from: '2026-07-13',
      to: '2026-07-17',
      absenceTypeName: 'Annual leave',
      absenceTypeId: SEED.absenceTypes.annualLeave,
      absenceCategory: 'TIMEOFF',
      status: 'ACCEPTED',
      entitlementAmount: 5,
      entitlementAmountUnit: 'DAYS',
      amountFirstDay: null,
      amountLastDay: null,
      fullDayRequest: true,
      reason: null,
    });
    expect(july[1]).toMatchObject({ absenceTypeName: 'Remote work', absenceCategory: 'WORK', status: 'PENDING' });
    expect(july[2]).toMatchObject({ entitlementAmount: 0.5, amountFirstDay: null, amountLastDay: 0.5, fullDayRequest: false });
    expect((await find('2026-07-17', '2026-07-17')).map((item) => item.id)).toEqual([901]);
    expect((await find('2026-08-01', '2026-08-31')).map((item) => item.status)).toEqual(['REJECTED']);
  });

  it('find-advanced covers the company or a filter, names the owner, and takes APPROVED for ACCEPTED', async () => {
    await start();
    const find = async (body: Record<string, unknown>) =>
      list(await call('/leave/request/v1/find-advanced', { from: '2026-07-01', to: '2026-07-31', ...body }));
    const ids = async (body: Record<string, unknown>) => (await find(body)).map((item) => item.id);
    expect(await ids({})).toEqual([906, 901, 905, 903, 902]);
    expect((await find({}))[0]).toMatchObject({ employeeEmail: CLEO, status: 'CANCELED', absenceTypeName: 'Annual leave' });
    expect(await ids({ absenceStatuses: ['APPROVED'] })).toEqual([901, 905, 902]);
    expect(await ids({ absenceStatuses: ['ACCEPTED'] })).toEqual([901, 905, 902]);
    expect(await ids({ employees: [CLEO] })).toEqual([906, 905]);
    expect(await ids({ teams: ['Sales'], absenceStatuses: ['APPROVED', 'PENDING'] })).toEqual([905]);
    expect(await call('/leave/request/v1/find-advanced', { from: '2026-07-01', to: '2026-07-31', absenceStatuses: ['APPROVED_AND_MORE'] })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_ABSENCE_STATUS' },
    });
  });

  it("answers holidays of the employee's calendar in the range, Christmas Eve as a PM half day", async () => {
    const calamari = await start();
    const answer = list(await call('/holiday/v1/find', { employee: ADA, from: '2026-12-20', to: '2026-12-31' }));
    expect(answer.map(({ name, start, end, halfDay, halfdayPeriod }) => ({ name, start, end, halfDay, halfdayPeriod }))).toEqual([
      { name: 'Christmas Eve', start: '2026-12-24', end: '2026-12-24', halfDay: true, halfdayPeriod: 'PM' },
      { name: 'Christmas Day', start: '2026-12-25', end: '2026-12-25', halfDay: false, halfdayPeriod: null },
      { name: "St. Stephen's Day", start: '2026-12-26', end: '2026-12-26', halfDay: false, halfdayPeriod: null },
      { name: "New Year's Eve", start: '2026-12-31', end: '2026-12-31', halfDay: true, halfdayPeriod: 'PM' },
    ]);
    expect(list(await call('/holiday/v1/find', { employee: ADA, from: '2027-03-26', to: '2027-03-29' })).map((item) => item.name)).toEqual([
      'Good Friday',
      'Easter Monday',
    ]);
    const cleo = calamari.state.employees.find((employee) => employee.id === 3);
    if (cleo) cleo.holidayCalendar = 'UK';
    expect(list(await call('/holiday/v1/find', { employee: CLEO, from: '2026-12-20', to: '2026-12-31' }))).toEqual([]);
    expect(await call('/holiday/v1/find', { employee: ADA, from: '2026-12-20' })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_DATE_TO', field: 'to' },
    });
  });
});

describe('the fake Calamari: people', () => {
  it('searches employees in pages of two, hides the archived unless asked, and nests teams, week and calendar', async () => {
    await start();
    const search = async (body: Record<string, unknown>) =>
      (await call('/employees/v1/search', body)).json as { employees: Array<Record<string, unknown>>; currentPage: number; totalPages: number };
    const first = await search({});
    expect(first).toMatchObject({ currentPage: 0, totalPages: 2 });
    expect(first.employees.map((employee) => employee.id)).toEqual([1, 2]);
    expect((await search({ page: 1 })).employees.map((employee) => employee.id)).toEqual([3]);
    expect((await search({ page: 1, withArchived: true })).employees).toEqual([
      expect.objectContaining({ id: 3 }),
      expect.objectContaining({ id: 4, archived: true }),
    ]);
    expect((await search({ employee: CLEO })).employees).toEqual([
      expect.objectContaining({
        id: 3,
        firstName: 'Cleo',
        lastName: 'Patra',
        email: CLEO,
        archived: false,
        timeZone: 'Europe/London',
        teams: [expect.objectContaining({ id: 2, name: 'Sales' })],
        workingWeek: expect.objectContaining({ id: 2, name: 'Part time' }),
        holidaysCalendar: expect.objectContaining({ name: 'DE' }),
      }),
    ]);
    expect((await search({ employee: DAN })).employees).toEqual([]);
    expect((await search({ teams: ['Engineering'] })).employees.map((employee) => employee.id)).toEqual([1, 2]);
  });

  it("names each employee's direct manager as {id, email}, and each team's managers by employee id", async () => {
    const [ada, bob, cleo] = [1, 2, 3].map((id) => ({ ...DEFAULT_EMPLOYEES.find((employee) => employee.id === id), directManagerId: null }) as FakeEmployee);
    await start({ employees: [{ ...(ada as FakeEmployee), directManagerId: 2 }, bob as FakeEmployee, cleo as FakeEmployee], employeesPageSize: 3 });
    const sales = fake?.state.teams.find((team) => team.id === SEED.teams.sales);
    if (sales) sales.managerIds = [2];
    const page = (await call('/employees/v1/search', {})).json as { employees: Array<Record<string, unknown>>; totalPages: number };
    expect(page.totalPages).toBe(1);
    expect(page.employees.map((employee) => employee.directManager)).toEqual([expect.objectContaining({ id: 2, email: BOB }), null, null]);
    expect(list(await call('/teams/v1/all'))).toEqual([
      expect.objectContaining({ id: SEED.teams.engineering, name: 'Engineering', managers: [] }),
      expect.objectContaining({ id: SEED.teams.sales, name: 'Sales', managers: [2] }),
    ]);
    fake?.options.keyGroups.splice(fake.options.keyGroups.indexOf('employees'), 1);
    expect((await call('/teams/v1/all')).status).toBe(403);
  });

  it('lists the working weeks, day by day', async () => {
    await start();
    const [fullTime] = list(await call('/working-week/v1/all'));
    const days = fullTime?.workingDays as Array<Record<string, unknown>>;
    expect(days[0]).toMatchObject({ dayName: 'MONDAY', isWorkingDay: true, startTime: '09:00:00.000', finishTime: '17:00:00.000', duration: 28800 });
    expect(days[5]).toMatchObject({ dayName: 'SATURDAY', isWorkingDay: false, startTime: null, finishTime: null, duration: null });
  });

  it('records every person a body names, so a test can see whom a client asked about', async () => {
    const calamari = await start();
    await call('/leave/request/v1/find-advanced', { from: '2026-07-01', to: '2026-07-31', employees: [BOB, CLEO] });
    await createLeave(ADA, 'PTO', '2026-08-10', '2026-08-10', 'MORNING', 'END_OF_DAY', { substitute: BOB });
    await call('/clockin/shift/status/v1/get-current', { person: ADA });
    await call('/working-week/v1/all');
    await call('/clockin/shift/status/v1/get-current', undefined, { raw: '{"person": "ada@' });
    expect(calamari.requests.map((request) => request.persons)).toEqual([[BOB, CLEO], [ADA, BOB], [ADA], [], []]);
  });

  it('writes terminal times as local wall time across daylight saving, and reads them back', () => {
    expect(terminalTime(Date.parse('2026-01-15T08:00:00.999Z'), 'Europe/Berlin')).toBe('2026-01-15T09:00:00');
    expect(terminalTime(Date.parse('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:30:00');
    expect(terminalTime(Date.parse('2026-07-01T23:30:00Z'), 'America/New_York')).toBe('2026-07-01T19:30:00');
    for (const iso of ['2026-03-29T00:59:59Z', '2026-10-25T00:30:00Z', '2026-07-01T10:00:00Z']) {
      const wall = terminalTime(Date.parse(iso), 'Europe/Berlin');
      expect(wallTimeToEpoch(wall.slice(0, 10), wall.slice(11), 'Europe/Berlin')).toBe(Date.parse(iso));
    }
    // 02:30 does not exist in Berlin on 29 March 2026: it moves forward to 03:30 (01:30 UTC).
    expect(wallTimeToEpoch('2026-03-29', '02:30:00', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T01:30:00Z'));
  });
});
