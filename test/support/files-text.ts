// Every file under a folder, as text: where a test looks for what must never be written (a secret).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function filesText(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, text: readFileSync(path, 'latin1') };
    });
}
