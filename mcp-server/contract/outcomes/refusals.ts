// Every refusal the engine answers, by its stable code: the families' catalogs in one table. A tool's
// refusal (an `isError` answer) carries `{ code, facts }` in its `_meta` under REFUSAL_META_KEY
// (refusal-meta.ts) beside the sentence for the model (docs/tools.md, "Refusals and notices"); the sentence is made from the facts by the
// code's wording here and nowhere else, and the app's window reads the code and facts and renders the
// same parts for a person (sentence.ts, peopleText).
import { actingForRefusals } from './acting-for.ts';
import { adminRefusals } from './admin.ts';
import { agentsRefusals } from './agents.ts';
import { approvalsRefusals } from './approvals.ts';
import { backEndRefusals } from './back-end.ts';
import { calamariRuleRefusals } from './calamari.ts';
import { callRefusals } from './call.ts';
import { catalogRefusals } from './catalog.ts';
import { clockifyRuleRefusals } from './clockify.ts';
import { clockodoRuleRefusals } from './clockodo.ts';
import { connectionsRefusals } from './connections.ts';
import { entriesRefusals } from './entries.ts';
import { evidenceRefusals } from './evidence.ts';
import { fieldsRefusals } from './fields.ts';
import { filingRefusals } from './filing.ts';
import { inputRefusals } from './input.ts';
import { kimaiRuleRefusals } from './kimai.ts';
import { leaveRefusals } from './leave.ts';
import { localRefusals } from './local.ts';
import { outboxRefusals } from './outbox.ts';
import { peopleRefusals } from './people.ts';
import { calamariRefusals } from './remote-calamari.ts';
import { clockifyRefusals } from './remote-clockify.ts';
import { clockodoRefusals } from './remote-clockodo.ts';
import { harvestRuleRefusals } from './harvest.ts';
import { harvestRefusals } from './remote-harvest.ts';
import { kimaiRefusals } from './remote-kimai.ts';
import { tempoRefusals } from './remote-tempo.ts';
import { togglRefusals } from './remote-toggl.ts';
import { remoteRefusals } from './remote.ts';
import { teamRefusals } from './team.ts';
import { teamServerRefusals } from './team-server.ts';
import { timerRefusals } from './timer.ts';
import { workingTimeRefusals } from './working-time.ts';
import { type Sentence } from './sentence.ts';
import type { Facts, NestedRefusal, RefusalKind, RefusalWording } from './wording.ts';

export const REFUSALS = {
  ...actingForRefusals,
  ...adminRefusals,
  ...agentsRefusals,
  ...approvalsRefusals,
  ...backEndRefusals,
  ...calamariRefusals,
  ...calamariRuleRefusals,
  ...callRefusals,
  ...catalogRefusals,
  ...clockifyRefusals,
  ...clockifyRuleRefusals,
  ...clockodoRefusals,
  ...clockodoRuleRefusals,
  ...connectionsRefusals,
  ...entriesRefusals,
  ...evidenceRefusals,
  ...fieldsRefusals,
  ...filingRefusals,
  ...harvestRefusals,
  ...harvestRuleRefusals,
  ...inputRefusals,
  ...kimaiRefusals,
  ...kimaiRuleRefusals,
  ...leaveRefusals,
  ...localRefusals,
  ...outboxRefusals,
  ...peopleRefusals,
  ...remoteRefusals,
  ...teamRefusals,
  ...teamServerRefusals,
  ...tempoRefusals,
  ...timerRefusals,
  ...workingTimeRefusals,
  ...togglRefusals,
} as const;

export type RefusalCode = keyof typeof REFUSALS;

/** The facts a code's words are made of. */
export type FactsOf<C extends RefusalCode> = Parameters<(typeof REFUSALS)[C]['say']> extends [infer F, ...unknown[]] ? F : Record<string, never>;

/** A refusal as data: what happened, by its code, and its facts. */
export type Refusal<C extends RefusalCode = RefusalCode> = { [K in C]: { readonly code: K; readonly facts: FactsOf<K> } }[C];

/** The arguments that make a refusal: a code, and its facts where it has any. */
export type RefusalArgs = {
  [C in RefusalCode]: FactsOf<C> extends Record<string, never> ? [code: C, facts?: FactsOf<C>] : [code: C, facts: FactsOf<C>];
}[RefusalCode];

function wordingOf(code: RefusalCode): RefusalWording<Facts> {
  return REFUSALS[code] as unknown as RefusalWording<Facts>;
}

export function refusalOf(...[code, facts]: RefusalArgs): Refusal {
  return { code, facts: facts ?? {} } as Refusal;
}

export function refusalKind(code: RefusalCode): RefusalKind {
  return wordingOf(code).kind;
}

/** The refusal's words, as parts each reader renders its own way. */
export function refusalSentence(refusal: Refusal): Sentence {
  return wordingOf(refusal.code).say(refusal.facts as Facts, nestedSentence);
}

/** A refusal inside another's facts, in its own words; one of a code this catalog lacks (an engine of another version) as its facts' `message`, or nothing. */
function nestedSentence(refusal: NestedRefusal): Sentence {
  if (isRefusalCode(refusal.code)) return refusalSentence(refusal as Refusal);
  return typeof refusal.facts.message === 'string' ? [refusal.facts.message] : [];
}

/** A code this catalog has: the app reads refusals from an engine that may be of another version. */
export function isRefusalCode(code: unknown): code is RefusalCode {
  return typeof code === 'string' && Object.hasOwn(REFUSALS, code);
}
