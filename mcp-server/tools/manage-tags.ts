import type { AdminTag } from '../domain/admin.ts';
import type { AdminTagsPart } from '../providers/time-tracker.ts';
import { manageTagsContract } from '../contract/tools/manage-tags.ts';
import { quoted } from './asking.ts';
import { joined, outside, say, type Sentence } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { refusedInput } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';
import { refuseAgentTags } from './agent-labels.ts';

/** A tag's name as Kimai and Clockify take it: 2 to 100 characters, no comma (a comma separates tags on an entry). */
function checkedName(name: string | undefined, action: 'create' | 'rename'): string {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') throw new ToolInputError('tag_name_missing', { action });
  if (trimmed.length < 2 || trimmed.length > 100) throw new ToolInputError('tag_name_length', { length: trimmed.length });
  if (trimmed.includes(',')) throw new ToolInputError('tag_name_comma', { name: trimmed });
  return trimmed;
}

const shown = (tag: AdminTag) => ({ id: tag.id, name: tag.name, color: tag.color, archived: tag.archived });
/** A tag as the text names it: its name the tracker's words, quoted (contract/outcomes/quoted-line.ts). */
const label = (tag: AdminTag): Sentence => say`${outside(tag.name)} (#${tag.id})`;
/** A tag as a refusal's facts name it: its name as it came (the refusal's words quote it). */
const named = (tag: AdminTag) => ({ id: tag.id, name: tag.name });

export default defineTool({
  ...manageTagsContract,
  async handler(args, context) {
    const part = context.tracker.adminTags;
    const { action } = args;
    if (action === 'list') {
      const tags = await part.tags(args.tag);
      const lines = tags.map((tag) => say`#${tag.id} ${outside(tag.name)}${tag.color ? say` ${outside(tag.color)}` : ''}${tag.archived ? ' (archived)' : ''}`);
      return {
        data: { action, tags: tags.map(shown) },
        text: tags.length === 0 ? say`No tags${args.tag ? say` named like ${outside(args.tag)}` : ''}.` : joined(lines, '\n'),
      };
    }
    if (action === 'create') {
      refuseAgentTags([args.name ?? args.tag], 'name', 'Nothing was created.');
      // A back end that keeps no colours refuses one in its own words rather than drop it unsaid.
      if (args.color && part.colourRefusal) throw refusedInput(part.colourRefusal);
      const name = checkedName(args.name ?? args.tag, 'create');
      const existing = await part.findTag(name);
      if (existing) throw new ToolInputError('tag_exists', { tag: named(existing), action });
      context.ask.confirm({
        key: 'create',
        message: `Create the tag "${quoted(name)}"${args.color ? ` in colour ${args.color}` : ''}, for everyone's entries?`,
        shows: { name, color: args.color ?? null },
        unchanged: say`The tag ${outside(name)} was not created`,
      });
      const created = await part.createTag(name, args.color);
      return { data: { action, tags: [shown(created)] }, text: say`Created the tag ${label(created)}.` };
    }
    if (action === 'rename') {
      if (!part.renameTag) throw refusalOf(part, action);
      // Renaming a label's tag, or a tag to a label, would move every entry that carries it in or out of the person's hours.
      refuseAgentTags([args.name], 'name', 'Nothing was changed.');
      refuseAgentTags([args.tag], 'tag', 'Nothing was changed.');
      const tag = await namedTag(part, args.tag, action);
      refuseAgentTags([tag.name], 'tag', 'Nothing was changed.');
      const name = checkedName(args.name, 'rename');
      if (name === tag.name) throw new ToolInputError('tag_name_same', { tag: named(tag) });
      const taken = await part.findTag(name);
      if (taken && taken.id !== tag.id) throw new ToolInputError('tag_exists', { tag: named(taken), action });
      context.ask.confirm({
        key: 'rename',
        message: `Rename the tag "${quoted(tag.name)}" to "${quoted(name)}", on every entry that carries it?`,
        shows: { id: tag.id, from: tag.name, to: name },
        unchanged: say`The tag ${outside(tag.name)} was not renamed`,
      });
      const renamed = await part.renameTag(tag, name);
      return { data: { action, tags: [shown(renamed)] }, text: say`Renamed the tag ${outside(tag.name)} to ${label(renamed)}.` };
    }
    if (!part.setTagArchived) throw refusalOf(part, action);
    const tag = await namedTag(part, args.tag, action);
    const archive = action === 'archive';
    if (tag.archived === archive) throw new ToolInputError('tag_archived_already', { tag: named(tag), archived: archive });
    context.ask.confirm({
      key: action,
      message: archive
        ? `Archive the tag "${quoted(tag.name)}"? Entries keep it, but nobody can add it to an entry until it is restored.`
        : `Restore the archived tag "${quoted(tag.name)}", so it can be added to entries again?`,
      shows: { id: tag.id, name: tag.name, archived: archive },
      unchanged: say`The tag ${outside(tag.name)} was not ${archive ? 'archived' : 'restored'}`,
    });
    const changed = await part.setTagArchived(tag, archive);
    return { data: { action, tags: [shown(changed)] }, text: say`${archive ? 'Archived' : 'Restored'} the tag ${label(changed)}.` };
  },
});

/** A back end without the change says why with its own refusal; one that gives none, with tag_change_unsupported. */
function refusalOf(part: AdminTagsPart, action: 'rename' | 'archive' | 'restore'): ToolInputError {
  const refusal = part.tagChangeRefusal?.(action);
  return refusal === undefined ? new ToolInputError('tag_change_unsupported', { action }) : refusedInput(refusal);
}

/** The tag an action names by its whole name (any case) or its number ("#12"), archived ones included; else refused in words. */
async function namedTag(part: AdminTagsPart, text: string | undefined, action: 'rename' | 'archive' | 'restore'): Promise<AdminTag> {
  const wanted = text?.trim() ?? '';
  if (wanted === '') throw new ToolInputError('tag_not_named', { action });
  const number = /^#(\d{1,15})$/.exec(wanted);
  const found = number ? (await part.tags(undefined)).find((tag) => tag.id === Number(number[1])) : await part.findTag(wanted);
  if (!found) throw new ToolInputError('tag_not_found', { tag: wanted });
  return found;
}
