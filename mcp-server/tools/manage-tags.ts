import type { AdminTag } from '../domain/admin.ts';
import { manageTagsContract } from '../contract/tools/manage-tags.ts';
import { quoted } from './asking.ts';
import { defineTool } from './define-tool.ts';
import { ToolInputError } from './tool-input-error.ts';

/** A tag's name as Kimai and Clockify take it: 2 to 100 characters, no comma (a comma separates tags on an entry). */
function checkedName(name: string | undefined, action: string): string {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') throw new ToolInputError(`To ${action} a tag, give its new name as name.`);
  if (trimmed.length < 2 || trimmed.length > 100) throw new ToolInputError('A tag name is 2 to 100 characters long.');
  if (trimmed.includes(',')) throw new ToolInputError('A tag name cannot hold a comma: entries list their tags separated by commas.');
  return trimmed;
}

const shown = (tag: AdminTag) => ({ id: tag.id, name: tag.name, color: tag.color, archived: tag.archived });
const label = (tag: AdminTag) => `"${quoted(tag.name)}" (#${tag.id})`;

export default defineTool({
  ...manageTagsContract,
  async handler(args, context) {
    const part = context.tracker.adminTags;
    const { action } = args;
    if (action === 'list') {
      const tags = await part.tags(args.tag);
      const lines = tags.map((tag) => `#${tag.id} ${tag.name}${tag.color ? ` ${tag.color}` : ''}${tag.archived ? ' (archived)' : ''}`);
      return {
        data: { action, tags: tags.map(shown) },
        text: tags.length === 0 ? `No tags${args.tag ? ` named like "${quoted(args.tag)}"` : ''}.` : lines.join('\n'),
      };
    }
    if (action === 'create') {
      const name = checkedName(args.name ?? args.tag, 'create');
      const existing = await part.findTag(name);
      if (existing) throw new ToolInputError(`The tag ${label(existing)} exists already. Nothing was created.`);
      context.ask.confirm({
        key: 'create',
        message: `Create the tag "${quoted(name)}"${args.color ? ` in colour ${args.color}` : ''}, for everyone's entries?`,
        shows: { name, color: args.color ?? null },
        unchanged: `The tag "${quoted(name)}" was not created`,
      });
      const created = await part.createTag(name, args.color);
      return { data: { action, tags: [shown(created)] }, text: `Created the tag ${label(created)}.` };
    }
    // No back end changes a tag yet: said before anything is sent.
    throw new ToolInputError(part.tagChangeRefusal(action));
  },
});
