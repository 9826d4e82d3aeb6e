// What the administration of tags sends to Clockify (docs/back-ends/clockify.md, "Administration"): the tag list
// (getTags) and a tag renamed or archived (updateTag). The endpoints it shares with other capabilities come from the
// root's api.ts; the rest are its own.
import { remoteRefusal } from '../../remote/remote-error.ts';
import { account, type ClockifyApiClient, id, ws } from '../api.ts';
import type { ClockifyTag } from '../wire.ts';

/** Tags per page asked for: Clockify's getTags sets no largest page; 200 lists most workspaces' tags in one go. */
const TAG_PAGE = 200;

export function adminTagsEndpoints(client: ClockifyApiClient) {
  const { call, listPage } = client;
  const { createTag } = client.api;
  return {
    createTag,
    /** A page of the tags, archived ones or the others (getTags' `archived`, which left out means false). */
    tagsPage: (workspaceId: string, archived: boolean, name: string, page: number) =>
      listPage<ClockifyTag>(
        `${ws(workspaceId)}/tags`,
        account('list the tags'),
        { archived, ...(name ? { name } : {}), 'sort-column': 'NAME', 'sort-order': 'ASCENDING' },
        page,
        TAG_PAGE,
      ),
    /** Renames or archives a tag (updateTag): the body carries both, as the tag should be afterwards. */
    updateTag: (workspaceId: string, tagId: string, body: { name: string; archived: boolean }, action: string) =>
      call<ClockifyTag>(
        'PUT',
        `${ws(workspaceId)}/tags/${id(tagId)}`,
        account(action, remoteRefusal('clockify_item_gone', { item: 'tag', name: null, deleted: 'by_someone' })),
        {
          body,
        },
      ),
  };
}

export type AdminTagsEndpoints = ReturnType<typeof adminTagsEndpoints>;
