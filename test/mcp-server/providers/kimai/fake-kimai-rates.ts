// The fake Kimai's rates (docs/back-ends/kimai.md, "Administration"): GET and POST
// /api/{customers,projects,activities}/{id}/rates and DELETE …/rates/{rateId}. Every one needs the
// right to edit the item, GET included (administrators as Kimai ships; a team lead and a plain user
// get 403), after the item is found (an unknown id is 404 for anyone); one rate per person (or
// everyone, `user` left out) and item, a second being a 400 on `user`; a rate of another item, or
// one that is gone, is 404. Registered by fake-kimai.ts; the rates live in `state.rates`.
import { HttpAnswer } from '../../../support/fake-server.ts';
import type { FakeUser } from './fake-kimai.ts';

export type RateKind = 'customers' | 'projects' | 'activities';

/** A rate as Kimai keeps it: `userId` null is everyone's. */
export interface FakeRate {
  id: number;
  kind: RateKind;
  entityId: number;
  userId: number | null;
  rate: number;
  internalRate: number | null;
  isFixed: boolean;
}

type Handler = (user: FakeUser, query: URLSearchParams, body: Record<string, unknown>, params: string[]) => HttpAnswer;

export interface RateRouteHost {
  route: (method: string, pattern: RegExp, handler: Handler) => void;
  state: { users: FakeUser[]; rates: FakeRate[] } & Record<RateKind, Array<{ id: number }>>;
  nextId: () => number;
  /** Whether `user` may edit items of `kind` (edit_customer, edit_project, edit_activity). */
  mayEdit: (user: FakeUser, kind: RateKind) => boolean;
  userShort: (user: FakeUser) => object;
  formError: (children: Record<string, string[]>, global?: string[]) => HttpAnswer;
  extraFields: (fields: string[]) => HttpAnswer;
}

const FIELDS = ['user', 'rate', 'internalRate', 'isFixed'];
const notFound = () => new HttpAnswer(404, { code: 404, message: 'Not Found' });
const forbidden = () => new HttpAnswer(403, { code: 403, message: 'Forbidden' });

export function registerRateRoutes(host: RateRouteHost): void {
  const { route, state } = host;
  const rateJson = (rate: FakeRate) => {
    const owner = rate.userId === null ? undefined : state.users.find((user) => user.id === rate.userId);
    return { id: rate.id, user: owner ? host.userShort(owner) : null, rate: rate.rate, internalRate: rate.internalRate, isFixed: rate.isFixed };
  };
  /** The item, or the answer Kimai gives: 404 before 403. */
  const editable = (user: FakeUser, kind: RateKind, id: string | undefined): HttpAnswer | undefined => {
    if (!state[kind].some((item) => item.id === Number(id))) return notFound();
    return host.mayEdit(user, kind) ? undefined : forbidden();
  };
  for (const kind of ['customers', 'projects', 'activities'] as const) {
    route('GET', new RegExp(`^/api/${kind}/(\\d+)/rates$`), (user, _query, _body, [id]) => {
      const refused = editable(user, kind, id);
      if (refused) return refused;
      return new HttpAnswer(200, state.rates.filter((rate) => rate.kind === kind && rate.entityId === Number(id)).map(rateJson));
    });
    route('POST', new RegExp(`^/api/${kind}/(\\d+)/rates$`), (user, _query, body, [id]) => {
      const refused = editable(user, kind, id);
      if (refused) return refused;
      if (Object.keys(body).some((key) => !FIELDS.includes(key))) return host.extraFields(FIELDS);
      const children: Record<string, string[]> = { user: [], rate: [], internalRate: [], isFixed: [] };
      const userId = body.user === undefined || body.user === null ? null : Number(body.user);
      if (userId !== null && !state.users.some((item) => item.id === userId)) children.user?.push('This value is not valid.');
      if (state.rates.some((rate) => rate.kind === kind && rate.entityId === Number(id) && rate.userId === userId)) {
        children.user?.push('This value is already used.');
      }
      if (typeof body.rate !== 'number' || body.rate < 0)
        children.rate?.push(body.rate === undefined ? 'This value should not be blank.' : 'This value is not valid.');
      const internal = body.internalRate === undefined || body.internalRate === null ? null : body.internalRate;
      if (internal !== null && (typeof internal !== 'number' || internal < 0)) children.internalRate?.push('This value is not valid.');
      if (body.isFixed !== undefined && typeof body.isFixed !== 'boolean') children.isFixed?.push('This value is not valid.');
      if (Object.values(children).some((errors) => errors.length > 0)) return host.formError(children);
      const rate: FakeRate = {
        id: host.nextId(),
        kind,
        entityId: Number(id),
        userId,
        rate: body.rate as number,
        internalRate: internal as number | null,
        isFixed: body.isFixed === true,
      };
      state.rates.push(rate);
      return new HttpAnswer(200, rateJson(rate));
    });
    route('DELETE', new RegExp(`^/api/${kind}/(\\d+)/rates/(\\d+)$`), (user, _query, _body, [id, rateId]) => {
      const refused = editable(user, kind, id);
      if (refused) return refused;
      const rate = state.rates.find((item) => item.id === Number(rateId) && item.kind === kind && item.entityId === Number(id));
      if (!rate) return notFound();
      state.rates.splice(state.rates.indexOf(rate), 1);
      return new HttpAnswer(204, undefined);
    });
  }
}
