// The `fields` argument of the tools that write a time entry: the tracker's custom fields (Clockify)
// or meta fields (Kimai), from a field's name as the tracker names it (any case) to its value. Bare
// on purpose: what the model reads of it is paid on every turn (issue 78 allows 300 characters for all
// six tools), so it is a plain object; the engine reads each value against the field's type and
// refuses in words what does not fit (domain/entry-fields.ts, contract/outcomes/fields.ts).
import * as z from 'zod/v4';

export const entryFieldsInput = () => z.looseObject({}).optional();
