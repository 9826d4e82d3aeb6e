// The pieces of request schemas that the channels of more than one feature use. The window is
// untrusted: every payload is parsed against its channel's schema before a handler sees it.
import * as z from 'zod/v4';
import { MAX_FIELD_TEXT, MAX_FIELDS_GIVEN } from '../mcp-server/contract/entry-field-bounds.ts';

/** A channel that takes no payload. */
export const none = z.undefined();
export const shortText = z.string().max(500);
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
/** A local wall time or an ISO time with an offset, as the engine reads times. */
export const time = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/, 'a time as YYYY-MM-DDTHH:MM');
export const entryId = z.number().int().min(1);
/** A person as manage_people names one here: by the id its list showed. */
export const personId = z.number().int().min(1);
/**
 * A time entry's custom fields as the tools take them (`fields`, issue 78): a field's name as the tracker
 * names it to a text, a number, a tick, the choices ticked, or null to clear it. At most 50, each name
 * and value within bounds; the engine checks them against the tracker's fields.
 */
export const entryFieldValues = z
  .record(z.string(), z.union([z.string().max(MAX_FIELD_TEXT), z.number().finite(), z.boolean(), z.array(z.string().max(500)).max(100), z.null()]))
  .refine((values) => Object.keys(values).every((name) => name.trim() !== '' && name.length <= 200), 'each field by a name of 1 to 200 characters')
  .refine((values) => Object.keys(values).length <= MAX_FIELDS_GIVEN, `at most ${MAX_FIELDS_GIVEN} fields`);
export type EntryFieldValues = z.infer<typeof entryFieldValues>;
