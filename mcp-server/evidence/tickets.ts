// The ticket ids a text names, as a tracker's users write them: a Jira-style key (`ABC-123`: two to
// ten capital letters or digits starting with a letter, a dash, digits) or an issue number (`#123`).
// A branch made from a ticket carries its key (`feature/ABC-123-importer`), a commit subject often
// its number (`Fix #42`); a past booking's description that names the same id tells the project.
// Only capitals count as a key, as trackers print them: `abc-123` is too often a plain word and a number.

// A key is not part of a longer word on either side (`XABC-123` is not `ABC-123`); an underscore after
// it is a separator, as branch names use it (`ABC-123_importer`).
const KEY = /(?<![A-Za-z0-9])[A-Z][A-Z0-9]{1,9}-[0-9]+(?![A-Za-z0-9])/g;
// An issue number stands alone: `C#1` or `a#1` is not one.
const NUMBER = /(?<![A-Za-z0-9#&])#[0-9]+(?![A-Za-z0-9])/g;

/** Every ticket id in the texts, as written, each once, in the order the texts name them. */
export function ticketIds(...texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    const matches = [...text.matchAll(KEY), ...text.matchAll(NUMBER)].sort((a, b) => a.index - b.index);
    for (const match of matches) found.add(match[0]);
  }
  return [...found];
}
