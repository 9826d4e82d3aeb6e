// Lea, the person whose role the Toggl Track end-to-end tests vary (toggl-admin, toggl-team, toggl-approvals,
// toggl-role-reads): a third person in the fake's Acme beside Ada and Bob, with the role and the plan a test gives her,
// and an engine in process over the fake with the tool groups it switches on, counting the requests it sends.
import { type InProcessEngineHandle, type InProcessEngineOptions, makeUserDataDir, startInProcessEngine } from '../../../support/engine.ts';
import { type FakeToggl, type FakeTogglWorkspace, type RecordedRequest, SEED } from './fake-toggl.ts';

export const LEA = { id: 9_100_003, token: 'c0ffee0c0ffee0c0ffee0c0ffee0c0f', fullname: 'Lea Lead' } as const;

/** Her role in Acme, in Toggl's words: `admin` among its admins, `teamlead` by its roles, else a member (`user`). */
export type LeaRole = 'admin' | 'teamlead' | 'user';
/** Acme's plan: Free (neither flag), Starter (`premium`), Premium (`business` too). */
export type AcmePlan = 'free' | 'starter' | 'premium';

/** The fake's Acme, as seedWorld made it. */
export function acmeOf(fake: FakeToggl): FakeTogglWorkspace {
  const acme = fake.state.workspaces.find((workspace) => workspace.id === SEED.workspaces.acme);
  if (!acme) throw new Error('no Acme: seedWorld first');
  return acme;
}

/** Lea joins Acme with `role`, Acme on `plan`. */
export function addLea(fake: FakeToggl, role: LeaRole, plan: AcmePlan): void {
  fake.state.users.push({ ...LEA, email: 'lea@acme.example', timezone: 'Europe/Berlin', defaultWorkspaceId: SEED.workspaces.acme });
  const acme = acmeOf(fake);
  Object.assign(acme, { premium: plan !== 'free', business: plan === 'premium', members: [...acme.members, LEA.id] });
  if (role === 'admin') acme.admins.push(LEA.id);
  if (role === 'teamlead') acme.roles = { ...acme.roles, [LEA.id]: 'teamlead' };
}

/** Lea's world as a test started it: the fake, its catalog's ids by name, and her engine. */
export interface LeasWorld extends TogglEngine {
  fake: FakeToggl;
  ids: Record<string, number>;
}

export interface TogglEngine {
  engine: InProcessEngineHandle;
  /** Its data folder, where the role and the refusals it learned are remembered for the next start. */
  userDataDir: string;
  /** The requests the fake received since the engine started, or since the last call of `sent`. */
  sent(): RecordedRequest[];
}

/**
 * An engine at `now` of the person whose token it is (Lea's by default) over the fake: in a new data folder whose settings'
 * `tools` are `tools`, or in an earlier start's (`userDataDir`), with what it remembered.
 */
export async function startTogglEngine(
  fake: FakeToggl,
  options: { now: string; tools?: Record<string, unknown>; token?: string; userDataDir?: string; elicitation?: InProcessEngineOptions['elicitation'] },
): Promise<TogglEngine> {
  const userDataDir =
    options.userDataDir ?? makeUserDataDir({ provider: { type: 'toggl', url: fake.url }, timezone: 'Europe/Berlin', tools: options.tools ?? {} });
  let seen = fake.requests.length;
  const engine = await startInProcessEngine({
    userDataDir,
    env: { PUNCHCARD_NOW: options.now, PUNCHCARD_TOGGL_TOKEN: options.token ?? LEA.token, PUNCHCARD_TOGGL_PER_SECOND: '1000' },
    ...(options.elicitation ? { elicitation: options.elicitation } : {}),
  });
  return {
    engine,
    userDataDir,
    sent() {
      const since = fake.requests.slice(seen);
      seen = fake.requests.length;
      return since;
    },
  };
}
