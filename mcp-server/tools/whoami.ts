import * as z from 'zod/v4';
import { CAPABILITIES } from '../providers/time-tracker.ts';
import { defineTool } from './define-tool.ts';

export default defineTool({
  name: 'whoami',
  title: 'Who am I',
  description: 'User, back end and its capabilities, timezone, weekly target hours.',
  capability: 'timer',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({}),
  output: z.object({
    name: z.string(),
    provider: z.string(),
    capabilities: z.array(z.enum(CAPABILITIES)),
    timezone: z.string(),
    week_target_hours: z.number(),
    holiday_region: z.string().nullable(),
    /** Remote back ends: server, version and mode; a failed connection is an error result instead. */
    connection: z.string().nullable(),
    /** Set when the organisation's policy leaves AI clients only this tool: the reason. */
    organisation_policy: z.string().nullable(),
  }),
  async handler(_args, context) {
    const person = await context.tracker.whoami();
    const weekHours = Object.values(context.settings.workWeek).reduce((sum, hours) => sum + hours, 0);
    const region = context.settings.holidays;
    const regionLabel = region ? [region.country, region.state, region.region].filter(Boolean).join('-') : null;
    const data = {
      name: person.name,
      provider: context.tracker.label,
      capabilities: [...context.tracker.capabilities],
      timezone: context.timezone,
      week_target_hours: weekHours,
      holiday_region: regionLabel,
      connection: person.connection ?? null,
      organisation_policy: context.organisationPolicy,
    };
    return {
      data,
      text:
        `${person.name} on ${context.tracker.label} (${context.timezone}); ${weekHours} h per week${regionLabel ? `, holidays of ${regionLabel}` : ''}.` +
        (person.connection ? `\n${person.connection}` : '') +
        (context.organisationPolicy && context.organisationPolicy !== person.connection ? `\n${context.organisationPolicy}` : ''),
    };
  },
});
