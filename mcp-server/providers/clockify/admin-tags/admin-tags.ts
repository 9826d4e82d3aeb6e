// The workspace's tag list as a Clockify admin administers it (docs/back-ends/clockify.md,
// "Administration"): listed with the archived ones, created, renamed, archived and restored
// (updateTag); Clockify's tags have no colour, so one given is refused in words. Tags carry the
// numbers Punchcard gives Clockify's ids (id-aliases.ts). Clockify's 403 withdraws manage_tags at once
// (context.ts, refuseAdministration).
import { CellPart } from '../../grid/cell-part.ts';
import { pagesUntilLast } from '../../remote/paging.ts';
import type { AdminTag } from '../../../domain/admin.ts';
import { refusalOf } from '../../../contract/outcomes/refusals.ts';
import type { AdminTagsPart } from '../../time-tracker.ts';
import type { ClockifyContext } from '../context.ts';
import type { AdminTagsEndpoints } from './endpoints.ts';
import type { ClockifyTag } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

export class ClockifyAdminTags extends CellPart<ClockifyContext, AdminTagsEndpoints> implements AdminTagsPart {
  /** manage_tags refuses a colour itself, in these words (time-tracker.ts, AdminTagsPart). */
  readonly colourRefusal = refusalOf('clockify_tag_no_colour');

  async tags(filter: string | undefined): Promise<AdminTag[]> {
    const { workspaceId } = await this.context.ids();
    const name = filter?.trim() ?? '';
    const read = (archived: boolean) => pagesUntilLast((page) => this.endpoints.tagsPage(workspaceId, archived, name, page));
    // getTags lists archived tags or the others, never both: the two lists, one after the other.
    const found = await this.#refused('list', () => Promise.all([read(false), read(true)]));
    return (await this.#numbered(found.flat())).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  }

  async findTag(name: string): Promise<AdminTag | undefined> {
    const wanted = name.trim().toLowerCase();
    return (await this.tags(name.trim())).find((tag) => tag.name.toLowerCase() === wanted);
  }

  async createTag(name: string): Promise<AdminTag> {
    const { workspaceId } = await this.context.ids();
    const [created] = await this.#numbered([await this.#refused(`create the tag ${name}`, () => this.endpoints.createTag(workspaceId, name))]);
    return created as AdminTag;
  }

  async renameTag(tag: AdminTag, name: string): Promise<AdminTag> {
    return this.#update(tag, { name, archived: tag.archived }, `rename the tag ${quotedLine(tag.name)}`);
  }

  async setTagArchived(tag: AdminTag, archived: boolean): Promise<AdminTag> {
    return this.#update(tag, { name: tag.name, archived }, `${archived ? 'archive' : 'restore'} the tag ${quotedLine(tag.name)}`);
  }

  async #update(tag: AdminTag, body: { name: string; archived: boolean }, action: string): Promise<AdminTag> {
    const { workspaceId } = await this.context.ids();
    const remote = await this.context.remote('tag', tag.id, 'clockify_record_unknown', { record: 'tag', id: tag.id, see: 'manage_tags' });
    const [changed] = await this.#numbered([await this.#refused(action, () => this.endpoints.updateTag(workspaceId, remote, body, action))]);
    return changed as AdminTag;
  }

  /** Clockify's refusal (403) of a tag's administration withdraws manage_tags at once, and says so. */
  #refused<T>(action: string, send: () => Promise<T>): Promise<T> {
    return this.context.administering('tags', ['clockify_administration_refused', { part: 'tags', action }], send);
  }

  async #numbered(tags: readonly ClockifyTag[]): Promise<AdminTag[]> {
    const numbers = await this.context.numbers(
      'tag',
      tags.map((tag) => tag.id),
    );
    return tags.map((tag, index) => ({ id: numbers[index] as number, name: tag.name, color: null, archived: tag.archived === true }));
  }
}
