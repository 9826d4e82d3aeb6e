// The most one call may give as an entry's custom fields (`fields`, docs/tools.md, "Custom fields"),
// checked by the engine before it reads anything (domain/entry-fields.ts), said in its refusal's words
// (outcomes/fields.ts) and held by the window's requests (window-contract/request-parts.ts): Clockify
// takes at most 50 custom fields on an entry, and no field of an entry needs a text past a few
// paragraphs (Kimai stores up to 65,535 characters).
export const MAX_FIELDS_GIVEN = 50;
export const MAX_FIELD_TEXT = 5000;
