import { quotedLine } from '../contract/outcomes/quoted-line.ts';
import { outside, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { archiveCatalogItemContract } from '../contract/tools/archive-catalog-item.ts';

export default defineTool({
  ...archiveCatalogItemContract,
  async handler(args, context) {
    const archived = args.archived ?? true;
    // Where the back end archives more than the item (Toggl Track's client takes its projects), it is asked first.
    const takes = archived ? await context.tracker.catalog.archiveTakes?.(args.kind, args.id) : undefined;
    if (takes) {
      const label = `${args.kind} ${quotedLine(takes.name)} (#${args.id})`;
      const projects = takes.projects.map((project) => quotedLine(project.name)).join(', ');
      const along =
        takes.projects.length === 0
          ? 'It has no active projects.'
          : `${context.tracker.label} archives its ${takes.projects.length === 1 ? 'active project' : `${takes.projects.length} active projects`} with it: ${projects}.`;
      context.ask.confirm({
        key: 'archive',
        message: `Archive the ${label}? ${along}`,
        shows: { kind: args.kind, id: args.id, projects: takes.projects.map((project) => project.id) },
        unchanged: `The ${label} was not archived`,
      });
    }
    const item = await context.tracker.catalog.setArchived(args.kind, args.id, archived);
    return {
      data: { id: item.id, kind: item.kind, name: item.name, archived: item.archived },
      text: say`${item.archived ? 'Archived' : 'Restored'} ${item.kind} ${outside(item.name)} (#${item.id}).`,
    };
  },
});
