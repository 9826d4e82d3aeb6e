// The Electron edge of exporting: the system's save dialog, then the file written where the person
// chose. What goes into the file is built elsewhere (entries-csv.ts).
import { writeFile } from 'node:fs/promises';
import { dialog, type BrowserWindow } from 'electron';

export interface SaveTextFile {
  /** Asks where to save (suggesting `fileName`) and writes `contents` there; null when the person cancelled. */
  (request: { fileName: string; contents: string; filterName: string; extension: string }): Promise<string | null>;
}

export function saveTextFileWithDialog(parent: () => BrowserWindow | null): SaveTextFile {
  return async ({ fileName, contents, filterName, extension }) => {
    const options = {
      defaultPath: fileName,
      filters: [{ name: filterName, extensions: [extension] }],
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const window = parent();
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return null;
    await writeFile(choice.filePath, contents, 'utf8');
    return choice.filePath;
  };
}
