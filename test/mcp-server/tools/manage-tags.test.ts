// manage_tags' handler over the local timesheet plus a hand-written tags part (AdminTagsPart in
// mcp-server/providers/time-tracker.ts) that keeps its tags in a list and records every write: what
// each action sends, the words and data it answers with, and the question a client that can ask shows
// before a write (a "no" sends nothing). The refusals with codes are in
// test/mcp-server/contract/outcomes/admin.test.ts; here, those in a back end's own words and an agent's label.
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../../mcp-server/contract/outcomes/refusals.ts';
import type { AdminTag } from '../../../mcp-server/domain/admin.ts';
import type { AdminTagsPart } from '../../../mcp-server/providers/time-tracker.ts';
import type { Asker } from '../../../mcp-server/tools/asking.ts';
import manageTags from '../../../mcp-server/tools/manage-tags.ts';
import { answering, questionOf } from './asking-rounds.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';
import { said } from '../../support/said-outcome.ts';

const NOW = Date.parse('2026-11-18T14:00:00Z');
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

type Sent = ['create', string, string | undefined] | ['rename', number, string] | ['archive', number, boolean];

/** A back end's tags, by name; `kind` 'clockify' changes and archives tags but keeps no colour, 'kimai' only creates. */
async function withTags(kind: 'clockify' | 'kimai' | 'colours' = 'colours') {
  const local = await openTimesheet();
  const tags: AdminTag[] = [
    { id: 4, name: 'urgent', color: '#ff0000', archived: false },
    { id: 6, name: 'old', color: null, archived: true },
    { id: 9, name: 'billing', color: null, archived: false },
  ];
  const sent: Sent[] = [];
  const replace = (changed: AdminTag) => {
    tags.splice(
      tags.findIndex((tag) => tag.id === changed.id),
      1,
      changed,
    );
    return changed;
  };
  const part: AdminTagsPart = {
    async tags(filter) {
      const matching = filter === undefined ? tags : tags.filter((tag) => tag.name.toLowerCase().includes(filter.toLowerCase()));
      return [...matching].sort((a, b) => a.name.localeCompare(b.name));
    },
    async findTag(name) {
      return tags.find((tag) => tag.name.toLowerCase() === name.toLowerCase());
    },
    async createTag(name, color) {
      sent.push(['create', name, color]);
      const created = { id: 10 + tags.length, name, color: color ?? null, archived: false };
      tags.push(created);
      return created;
    },
    ...(kind === 'clockify' ? { colourRefusal: refusalOf('clockify_tag_no_colour') } : {}),
    ...(kind === 'kimai'
      ? { tagChangeRefusal: (action: 'rename' | 'archive' | 'restore') => refusalOf('kimai_tag_unchangeable', { action }) }
      : {
          async renameTag(tag: AdminTag, name: string) {
            sent.push(['rename', tag.id, name]);
            return replace({ ...tag, name });
          },
          async setTagArchived(tag: AdminTag, archived: boolean) {
            sent.push(['archive', tag.id, archived]);
            return replace({ ...tag, archived });
          },
        }),
  };
  const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'admin_tags', part) };
  const run = (args: Record<string, unknown>, ask: Asker = context.ask) => said(manageTags.handler(manageTags.input.parse(args), { ...context, ask }));
  return { run, sent, tags };
}

describe('manage_tags', () => {
  it('lists the tags by name with their colour and whether archived, or those named like a filter', async () => {
    const { run, sent } = await withTags();
    const all = await run({ action: 'list' });
    expect(all.text).toBe(['#9 "billing"', '#6 "old" (archived)', '#4 "urgent" "#ff0000"'].join('\n'));
    expect(all.data.tags[2]).toEqual({ id: 4, name: 'urgent', color: '#ff0000', archived: false });
    expect((await run({ action: 'list', tag: 'URG' })).data.tags.map((tag) => tag.name)).toEqual(['urgent']);
    expect((await run({ action: 'list', tag: 'design' })).text).toBe('No tags named like "design".');
    expect(sent).toEqual([]);
  });

  it('creates a tag with its name trimmed and its colour, and answers the tag the back end made', async () => {
    const { run, sent } = await withTags();
    const { text, data } = await run({ action: 'create', name: '  review ', color: '#00aa00' });
    expect(sent).toEqual([['create', 'review', '#00aa00']]);
    expect(text).toBe('Created the tag "review" (#13).');
    expect(data).toEqual({ action: 'create', tags: [{ id: 13, name: 'review', color: '#00aa00', archived: false }] });
  });

  it('renames, archives and restores a tag named by its name in any case or by its number', async () => {
    const { run, sent, tags } = await withTags();
    expect((await run({ action: 'rename', tag: 'BILLING', name: 'invoiced' })).text).toBe('Renamed the tag "billing" to "invoiced" (#9).');
    expect((await run({ action: 'archive', tag: '#9' })).text).toBe('Archived the tag "invoiced" (#9).');
    const restored = await run({ action: 'restore', tag: 'old' });
    expect(restored.text).toBe('Restored the tag "old" (#6).');
    expect(restored.data.tags).toEqual([{ id: 6, name: 'old', color: null, archived: false }]);
    expect(sent).toEqual([
      ['rename', 9, 'invoiced'],
      ['archive', 9, true],
      ['archive', 6, false],
    ]);
    expect(tags.map((tag) => [tag.name, tag.archived])).toEqual([
      ['urgent', false],
      ['old', false],
      ['invoiced', true],
    ]);
  });

  it('where the client can ask, says what the write does first, and a "no" sends nothing', async () => {
    const { run, sent } = await withTags();
    const args = { action: 'archive', tag: 'urgent' };
    const question = await questionOf('manage_tags', args, (ask) => run(args, ask));
    expect(question.params.message).toBe('Archive the tag "urgent"? Entries keep it, but nobody can add it to an entry until it is restored.');
    expect(sent).toEqual([]);
    await expect(run(args, answering('manage_tags', args, question, 'decline'))).rejects.toThrow(
      'The tag "urgent" was not archived: you said no when asked. Nothing was changed.',
    );
    expect(sent).toEqual([]);
    expect((await run(args, answering('manage_tags', args, question, 'accept'))).text).toBe('Archived the tag "urgent" (#4).');
    expect(sent).toEqual([['archive', 4, true]]);

    const create = { action: 'create', name: 'review', color: '#00aa00' };
    const asked = await questionOf('manage_tags', create, (ask) => run(create, ask));
    expect(asked.params.message).toBe(`Create the tag "review" in colour #00aa00, for everyone's entries?`);
    const rename = { action: 'rename', tag: 'billing', name: 'invoiced' };
    expect((await questionOf('manage_tags', rename, (ask) => run(rename, ask))).params.message).toBe(
      'Rename the tag "billing" to "invoiced", on every entry that carries it?',
    );
    expect(sent).toEqual([['archive', 4, true]]);
  });

  it("refuses in the back end's own words a colour it keeps not, and a change its API cannot make, sending nothing", async () => {
    const clockify = await withTags('clockify');
    await expect(clockify.run({ action: 'create', name: 'review', color: '#00aa00' })).rejects.toMatchObject({
      message: "Clockify's tags have no colour: leave color out and ask again. Nothing was created.",
      refusal: { code: 'clockify_tag_no_colour' },
    });
    expect(clockify.sent).toEqual([]);
    const kimai = await withTags('kimai');
    await expect(kimai.run({ action: 'archive', tag: 'urgent' })).rejects.toMatchObject({
      message: "Kimai's API cannot archive a tag: it creates and deletes tags but changes none. Do it in Kimai under Tags (administrators). Nothing was sent.",
      refusal: { code: 'kimai_tag_unchangeable', facts: { action: 'archive' } },
    });
    await expect(kimai.run({ action: 'rename', tag: 'urgent', name: 'soon' })).rejects.toMatchObject({
      message: "Kimai's API cannot rename a tag: it creates and deletes tags but changes none. Do it in Kimai under Tags (administrators). Nothing was sent.",
      refusal: { code: 'kimai_tag_unchangeable', facts: { action: 'rename' } },
    });
    expect(kimai.sent).toEqual([]);
  });

  it("refuses to make, or rename to or from, an AI agent's label", async () => {
    const { run, sent } = await withTags();
    await expect(run({ action: 'create', name: 'ai-claude' })).rejects.toThrow(
      /^name: "ai-claude" is shaped like an AI agent's label.* Nothing was created\.$/,
    );
    await expect(run({ action: 'rename', tag: 'urgent', name: 'ai-helper' })).rejects.toThrow(/^name: "ai-helper" is shaped like an AI agent's label/);
    expect(sent).toEqual([]);
  });
});
