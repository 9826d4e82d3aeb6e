import { outside, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { whoamiContract } from '../contract/tools/whoami.ts';

export default defineTool({
  ...whoamiContract,
  async handler(_args, context) {
    const person = await context.tracker.account.whoami();
    const fromBackEnd = context.planSource === 'back_end';
    const workWeek = (fromBackEnd && person.workWeek) || context.settings.workWeek;
    // A back end that keeps the plan may still keep no part of it for this person: the settings' stands in.
    const weekKept = fromBackEnd && person.workWeek !== undefined;
    const holidaysKept = fromBackEnd && !person.holidaysFromSettings;
    const fromSettings = [...(weekKept ? [] : (['work_week'] as const)), ...(holidaysKept ? [] : (['holidays'] as const))];
    const weekHours = Object.values(workWeek).reduce((sum, value) => sum + value, 0);
    const region = context.settings.holidays;
    const regionLabel = holidaysKept ? (person.holidays ?? null) : region ? [region.country, region.state, region.region].filter(Boolean).join('-') : null;
    const data = {
      name: person.name,
      provider: context.tracker.label,
      capabilities: [...context.tracker.capabilities],
      timezone: context.timezone,
      week_target_hours: weekHours,
      work_week: workWeek,
      plan_source: context.planSource,
      plan_from_settings: fromSettings,
      holiday_region: regionLabel,
      connection: person.connection ?? null,
      ...(person.workspace === undefined ? {} : { workspace: person.workspace }),
      organisation_policy: context.organisationPolicy,
      settings_problem: context.settingsFile.problem,
      settings_notes: [...context.settingsFile.notes],
    };
    // The connection, the policy and the file, each said once (a blocked back end's connection is the reason itself).
    const remarks = [
      person.connection,
      context.organisationPolicy,
      context.settingsFile.problem,
      ...context.settingsFile.notes.map((note) => `Settings: ${note}`),
    ];
    // The person's name and a holiday calendar the back end keeps are its words; the connection's line quotes its own.
    const holidays = regionLabel ? (holidaysKept ? say`, ${outside(regionLabel)}` : `, holidays of ${regionLabel}`) : '';
    return {
      data,
      text: say`${outside(person.name)} on ${context.tracker.label} (${context.timezone}); ${weekHours} h per week${weekKept ? ' as the back end keeps them' : ''}${holidays}.${[
        ...new Set(remarks.filter((remark) => remark)),
      ]
        .map((remark) => `\n${remark}`)
        .join('')}`,
    };
  },
});
