// The window's contract for the Tools and Preferences screens: which tools AI clients are offered,
// read-only mode, and the person's settings beside what the back end keeps for them.
import * as z from 'zod/v4';
import { ACCELERATOR_MAX } from '../mcp-server/contract/accelerator.ts';
import { DURATION_STYLES, type DurationStyle } from '../mcp-server/contract/durations.ts';
import { HolidayRegionSchema, WorkWeekSchema } from '../mcp-server/contract/settings.ts';
import { TOOL_GROUPS, TOOL_NAMES, type ToolAccess, type ToolGroup, type ToolName } from '../mcp-server/contract/tool-catalog.ts';
import { none } from './request-parts.ts';

export interface ToolView {
  name: ToolName;
  title: string;
  description: string;
  access: ToolAccess;
  /** What the AI clients see now: the switches combined with read-only mode. */
  enabled: boolean;
  /** The tool's own switch, before read-only mode hides writing tools. */
  switchedOn: boolean;
  /** False when the connected back end cannot do this (the tool is then absent for AI clients). */
  supported: boolean;
  /** True when the organisation's policy never offers this tool to AI clients: its switch is locked. */
  lockedByOrganisation: boolean;
}

export interface ToolGroupView {
  group: ToolGroup;
  title: string;
  /** 'some' when the group's tools are switched differently. */
  state: 'on' | 'off' | 'some';
  tools: ToolView[];
}

export interface ToolsView {
  readOnly: boolean;
  /** Read-only mode is set by the organisation and cannot be switched off here. */
  readOnlyLocked: boolean;
  /** Why the organisation leaves AI clients only `whoami` (AI access off, a back end not allowed), or null. */
  organisation: string | null;
  groups: ToolGroupView[];
}

/**
 * What the back end keeps for the person instead of the settings (docs/decisions.md, "Back ends act
 * as the person and report their own truth"), as the engine's whoami and leave_balance report it:
 * shown read-only, never offered for local editing.
 */
export interface BackEndPlanView {
  state: 'kept';
  /** The back end's name: "Clockodo". */
  name: string;
  /** Target hours per weekday; null where the back end keeps none for the person (the settings' week counts, and stays editable). */
  workWeek: z.infer<typeof WorkWeekSchema> | null;
  /** Whether the back end keeps the person's public holidays; false where it shows none (the settings' region counts, and stays editable). */
  keepsHolidays: boolean;
  /** Where the public holidays come from, in the engine's words ("Clockodo's non-business days"), or null. */
  holidays: string | null;
  /** This year's vacation as the back end keeps it; null when the leave entitlement stays with the settings. */
  leave: {
    year: number;
    /** Days of the year, carry-over included; null where the back end says only what is left. */
    entitlement: number | null;
    /** Days carried over from the year before; null where the back end does not say. */
    carryOver: number | null;
    remaining: number;
    /** No limit on vacation: entitlement and remaining are then no limits. */
    unlimited: boolean;
  } | null;
}

/** The engine could not read what the back end keeps (it is unreachable): those fields stay locked, with this reason. */
export interface BackEndPlanUnknown {
  state: 'unknown';
  name: string;
  /** The engine's sentence: what went wrong. */
  problem: string;
}

export interface PreferencesView {
  /** Null when the settings keep the work week, holidays and leave (the local timesheet, Kimai). */
  backEnd: BackEndPlanView | BackEndPlanUnknown | null;
  workWeek: z.infer<typeof WorkWeekSchema>;
  holidays: z.infer<typeof HolidayRegionSchema> | null;
  annualLeaveDays: number;
  carryOverDays: number;
  /**
   * Whether the local timesheet, which approves leave as it is filed, may record leave beyond the
   * balance (asked about even then); null where the back end in use has someone who approves leave.
   */
  allowLeaveBeyondBalance: boolean | null;
  /** IANA zone; empty means the system's. */
  timezone: string;
  startAtLogin: boolean;
  /** Notify when a timer has run this many hours; 0 turns the reminder off. */
  reminderHours: number;
  /** Whether the operating system lets the app start at login (false for an AppImage, for example). */
  startAtLoginSupported: boolean;
  /** Minutes of idleness (while a timer runs) after which the tray asks what that time was; 0 is off. */
  idleMinutes: number;
  /** The global shortcut that clocks in and out (an Electron accelerator), or '' for none. */
  shortcut: string;
  /** Why the saved shortcut does not work now (another app holds it), or null. */
  shortcutProblem: string | null;
  /** How the window and the tray write durations: "3 h 45 min" or "3.75 h". */
  durations: DurationStyle;
}

export interface HolidayRegionOption {
  code: string;
  name: string;
}

export const PreferencesInput = z
  .object({
    workWeek: WorkWeekSchema,
    holidays: HolidayRegionSchema.nullable(),
    annualLeaveDays: z.number().min(0).max(366),
    carryOverDays: z.number().min(0).max(366),
    allowLeaveBeyondBalance: z.boolean(),
    timezone: z.string().max(100),
    startAtLogin: z.boolean(),
    reminderHours: z.number().min(0).max(24),
    idleMinutes: z.number().int('whole minutes').min(0).max(240),
    shortcut: z.string().max(ACCELERATOR_MAX),
    durations: z.enum(DURATION_STYLES),
  })
  .partial()
  .strict();

export const settingsChannels = {
  getTools: { request: none, response: {} as ToolsView },
  setToolGroup: { request: z.object({ group: z.enum(TOOL_GROUPS), enabled: z.boolean() }).strict(), response: {} as ToolsView },
  setTool: { request: z.object({ name: z.enum(TOOL_NAMES), enabled: z.boolean() }).strict(), response: {} as ToolsView },
  setReadOnly: { request: z.object({ readOnly: z.boolean() }).strict(), response: {} as ToolsView },
  getPreferences: { request: none, response: {} as PreferencesView },
  savePreferences: { request: PreferencesInput, response: {} as PreferencesView },
  listHolidayRegions: {
    request: z
      .object({
        country: z
          .string()
          .regex(/^[A-Za-z]{2}$/)
          .optional(),
      })
      .strict()
      .optional(),
    response: [] as HolidayRegionOption[],
  },
} as const;
