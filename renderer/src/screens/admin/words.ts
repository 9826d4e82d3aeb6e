// Words the Administration sections share.

/** A name as a question quotes it: “Website”. */
export function quote(name: string): string {
  return `“${name}”`;
}
