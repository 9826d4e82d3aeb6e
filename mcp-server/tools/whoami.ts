import * as z from 'zod/v4';
import { CAPABILITIES } from '../providers/time-tracker.ts';
import { defineTool } from './define-tool.ts';

const hours = z.number();

export default defineTool({
  name: 'whoami',
  title: 'Who am I',
  description: 'User, back end, capabilities, timezone, weekly target hours.',
  capability: 'account',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({}),
  output: z.object({
    name: z.string(),
    provider: z.string(),
    capabilities: z.array(z.enum(CAPABILITIES)),
    timezone: z.string(),
    week_target_hours: z.number(),
    /** Target hours per weekday. */
    work_week: z.object({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours }),
    /** Who keeps the targets, public holidays and leave entitlement: the back end, or Punchcard's settings. */
    plan_source: z.enum(['back_end', 'settings']),
    /** The settings' holiday region, or where the back end's public holidays come from. */
    holiday_region: z.string().nullable(),
    /** Remote back ends: server, version and mode; a failed connection is an error result instead. */
    connection: z.string().nullable(),
    /** Set when the organisation's policy leaves AI clients only this tool: the reason. */
    organisation_policy: z.string().nullable(),
    /** Set when the settings file cannot be used: nothing is read or written until it is fixed. */
    settings_problem: z.string().nullable(),
    /** Settings that did not validate, each with what is used instead. */
    settings_notes: z.array(z.string()),
  }),
  async handler(_args, context) {
    const person = await context.tracker.whoami();
    const fromBackEnd = context.planSource === 'back_end';
    const workWeek = (fromBackEnd && person.workWeek) || context.settings.workWeek;
    const weekHours = Object.values(workWeek).reduce((sum, value) => sum + value, 0);
    const region = context.settings.holidays;
    const regionLabel = fromBackEnd ? (person.holidays ?? null) : region ? [region.country, region.state, region.region].filter(Boolean).join('-') : null;
    const data = {
      name: person.name,
      provider: context.tracker.label,
      capabilities: [...context.tracker.capabilities],
      timezone: context.timezone,
      week_target_hours: weekHours,
      work_week: workWeek,
      plan_source: context.planSource,
      holiday_region: regionLabel,
      connection: person.connection ?? null,
      organisation_policy: context.organisationPolicy,
      settings_problem: context.settingsFile.problem,
      settings_notes: [...context.settingsFile.notes],
    };
    // The connection, the policy and the file, each said once (a blocked back end's connection is the reason itself).
    const remarks = [person.connection, context.organisationPolicy, context.settingsFile.problem, ...context.settingsFile.notes.map((note) => `Settings: ${note}`)];
    const holidays = regionLabel ? (fromBackEnd ? `, ${regionLabel}` : `, holidays of ${regionLabel}`) : '';
    return {
      data,
      text:
        `${person.name} on ${context.tracker.label} (${context.timezone}); ${weekHours} h per week${fromBackEnd ? ' as the back end keeps them' : ''}${holidays}.` +
        [...new Set(remarks.filter((remark) => remark))].map((remark) => `\n${remark}`).join(''),
    };
  },
});
