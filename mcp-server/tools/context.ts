// What every tool handler receives (docs/decisions.md, "House style: tools as defineTool objects"):
// the active back end, the settings as they are right now, the clock, the user's zone and a way to
// ask the person. Handlers touch nothing else.
import type { Settings } from '../contract/settings.ts';
import type { EvidenceReader } from '../evidence/evidence.ts';
import type { ClientIdentity } from '../domain/agents.ts';
import type { PlannedDay } from '../domain/work-plan.ts';
import type { Capability, TrackerWith } from '../providers/time-tracker.ts';
import type { Asker } from './asking.ts';
import type { Note } from '../contract/outcomes/notices.ts';

export interface ToolContext<Needs extends Capability = Capability> {
  /** The active back end, with the part the tool's capability brings (providers/capability-parts.ts). */
  readonly tracker: TrackerWith<Needs>;
  readonly settings: Settings;
  /** IANA zone that days, weeks and displayed times are in. */
  readonly timezone: string;
  readonly now: () => number;
  /**
   * Every day of [from, to] with its target and holiday: the back end's own plan where it keeps one
   * (Clockodo, Calamari), otherwise the settings' work week and holiday region.
   */
  readonly workDays: (from: string, to: string) => Promise<PlannedDay[]>;
  /** Who keeps the plan and the leave entitlement: the back end, or the settings. */
  readonly planSource: 'back_end' | 'settings';
  readonly log: (message: string) => void;
  /**
   * What the person should know beside the result (which of two 01:30s was taken, writes the outbox
   * sent): notices, carried in the answer's structured part and said at the end of its text. A string
   * is the older form, a sentence with no code, which the migration to codes is removing. One list per call.
   */
  readonly notes: Note[];
  /** Why the organisation's policy leaves AI clients only `whoami`, or null. */
  readonly organisationPolicy: string | null;
  /**
   * What the settings file lacks: why it cannot be used (then nothing is read or written), or which
   * settings did not validate and what is used instead.
   */
  readonly settingsFile: { readonly problem: string | null; readonly notes: readonly string[] };
  /**
   * Questions for the person (asking.ts): a confirmation before a destructive step, a choice between
   * items a name fits. Never asks where the client cannot show questions.
   */
  readonly ask: Asker;
  /**
   * Whether this client is offered list_catalog. Where it is not (switched off, denied by the policy),
   * no answer lists catalog names the caller did not name itself: a refusal says a name is unknown
   * without "Known: …", and a question offers only the items a name fits exactly.
   */
  readonly catalogListed: boolean;
  /** The host's way to read the person's calendars, commits and journals (evidence/evidence.ts); null where it reads none. */
  readonly evidence: EvidenceReader | null;
  /**
   * The MCP client making the call, by its `clientInfo.name` (the 2025 handshake's, or the 2026
   * request's own), made safe to show and to label with; null where it names none.
   */
  readonly client: ClientIdentity | null;
}
