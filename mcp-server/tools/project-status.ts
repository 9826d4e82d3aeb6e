import { projectFigures } from '../domain/team.ts';
import { formatDuration } from '../domain/time.ts';
import { projectStatusContract } from '../contract/tools/project-status.ts';
import { joined, outside, type Part, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { ToolInputError } from './tool-input-error.ts';
import { catalogLookup } from './shared.ts';

export default defineTool({
  ...projectStatusContract,
  async handler(args, context) {
    const { tracker } = context;
    const projectId = await catalogLookup(context).project(args.project);
    if (projectId === null) throw new ToolInputError('project_status_unnamed');
    const work = await tracker.teamProjects.projectWork(projectId);
    const figures = projectFigures(work, context.timezone, context.now());
    const periods = (minutes: { week: number; month: number; total: number }) => ({
      week_minutes: minutes.week,
      month_minutes: minutes.month,
      total_minutes: minutes.total,
    });
    const hours = (minutes: number) => formatDuration(minutes * 60_000);
    const { budget } = work;
    const budgetText =
      budget.hours !== null
        ? `; budget ${budget.hours} h${budget.monthly ? ' a month' : ''}, ${Math.round((figures.usedShare ?? 0) * 100)}% used`
        : budget.money !== null
          ? say`; budget ${budget.money}${budget.currency ? say` ${outside(budget.currency)}` : ''}${budget.monthly ? ' a month' : ''} (money: Punchcard does not read rates)`
          : '; no budget';
    const lines: Part[] = [
      say`${outside(work.project.name)}${work.project.customer ? say` (${outside(work.project.customer)})` : ''}: this week ${hours(figures.minutes.week)}, this month ${hours(figures.minutes.month)}, in total ${hours(figures.minutes.total)}${budgetText}.`,
      ...figures.byPerson.map((person) => say`${outside(person.name)}: ${hours(person.week)} / ${hours(person.month)} / ${hours(person.total)}`),
      ...(work.note ? [work.note] : []),
    ];
    return {
      data: {
        project: work.project.name,
        customer: work.project.customer,
        ...periods(figures.minutes),
        budget_hours: budget.hours,
        budget_money: budget.money,
        currency: budget.currency,
        budget_monthly: budget.monthly,
        used_share: figures.usedShare,
        by_person: figures.byPerson.map((person) => ({ person: person.name, ...periods(person) })),
        by_activity: figures.byActivity.map((activity) => ({ activity: activity.name, ...periods(activity) })),
        ...(work.note ? { note: work.note } : {}),
      },
      text: joined(lines, '\n'),
    };
  },
});
