// The keyboard shortcut a person may set for clocking in and out, written as Electron writes
// accelerators ("CommandOrControl+Alt+P"). Plain data both sides share: the settings schema checks
// it, main registers it, and the window's recorder turns a key press into one. The engine ignores it.

const MODIFIERS = ['Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'] as const;

/** Keys Electron names in words; letters, digits, F1–F24 and punctuation are matched by pattern. */
const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'PrintScreen',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
] as const;

const SINGLE_KEY = /^(?:[A-Z0-9]|F(?:[1-9]|1\d|2[0-4])|[)!@#$%^&*(:;<=>?~{|}"_,\-./`[\]\\'])$/i;
const FUNCTION_KEY = /^F(?:[1-9]|1\d|2[0-4])$/i;
/** Modifiers that leave typing alone: a global shortcut of Shift and a letter would take every capital. */
const COMMAND_MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'super', 'meta']);

/** The longest accelerator the settings keep. */
export const ACCELERATOR_MAX = 100;

/**
 * What is wrong with an accelerator, in words, or null when Electron can register it as a global
 * shortcut that does not get in the way of typing: modifiers first, then one key, and at least one
 * modifier other than Shift (a function key may stand alone).
 */
export function acceleratorProblem(text: string): string | null {
  if (text.length > ACCELERATOR_MAX) return `A shortcut is at most ${ACCELERATOR_MAX} characters.`;
  const parts = text.split('+');
  // "Ctrl++" is Ctrl and the plus key.
  if (text.endsWith('++')) parts.splice(-2, 2, 'Plus');
  const key = parts.at(-1) ?? '';
  const modifiers = parts.slice(0, -1);
  if (text.trim() === '' || key === '') return 'Press a key together with Ctrl, Alt or ⌘, such as Ctrl+Alt+P.';
  const unknown = modifiers.find((part) => !MODIFIERS.some((name) => name.toLowerCase() === part.toLowerCase()));
  if (unknown !== undefined) return `“${unknown}” is not a modifier key (Ctrl, Alt, Shift, Cmd or Super).`;
  if (new Set(modifiers.map((part) => part.toLowerCase())).size !== modifiers.length) return 'A modifier is named twice.';
  if (!SINGLE_KEY.test(key) && !NAMED_KEYS.some((name) => name.toLowerCase() === key.toLowerCase())) return `“${key}” is not a key a shortcut can use.`;
  if (!FUNCTION_KEY.test(key) && !modifiers.some((part) => COMMAND_MODIFIERS.has(part.toLowerCase()))) {
    return 'Add Ctrl, Alt or ⌘ to the key: without one, the shortcut would take the key from every other app.';
  }
  return null;
}

/** What a key press says, as a browser's KeyboardEvent gives it. */
export interface KeyPress {
  /** The physical key (KeyboardEvent.code): "KeyP", "Digit1", "F5", "ArrowUp". */
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const CODE_KEYS: Record<string, string> = {
  Space: 'Space',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  NumpadDecimal: 'numdec',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
};

/**
 * The accelerator of a key press, or null while only modifiers are down (or for a key no shortcut
 * can use). The physical key is read, so the shortcut stays where the fingers learnt it whatever the
 * keyboard layout. Ctrl on Windows and Linux and ⌘ on macOS become CommandOrControl, which means the
 * same key on each.
 */
export function acceleratorOf(press: KeyPress, mac: boolean): string | null {
  const key = keyOf(press.code);
  if (key === null) return null;
  const parts: string[] = [];
  if (mac ? press.metaKey : press.ctrlKey) parts.push('CommandOrControl');
  if (mac && press.ctrlKey) parts.push('Control');
  if (!mac && press.metaKey) parts.push('Super');
  if (press.altKey) parts.push('Alt');
  if (press.shiftKey) parts.push('Shift');
  return [...parts, key].join('+');
}

function keyOf(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1] ?? null;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit) return code.startsWith('Numpad') ? `num${digit[1]}` : (digit[1] ?? null);
  if (FUNCTION_KEY.test(code)) return code.toUpperCase();
  return CODE_KEYS[code] ?? null;
}

/** An accelerator as a person reads it: "Ctrl+Alt+P" elsewhere, "⌘⌥P" on a Mac. */
export function describeAccelerator(accelerator: string, mac: boolean): string {
  const words: Record<string, [mac: string, other: string]> = {
    commandorcontrol: ['⌘', 'Ctrl'],
    cmdorctrl: ['⌘', 'Ctrl'],
    command: ['⌘', 'Cmd'],
    cmd: ['⌘', 'Cmd'],
    control: ['⌃', 'Ctrl'],
    ctrl: ['⌃', 'Ctrl'],
    alt: ['⌥', 'Alt'],
    option: ['⌥', 'Alt'],
    altgr: ['⌥', 'AltGr'],
    shift: ['⇧', 'Shift'],
    super: ['⌘', 'Super'],
    meta: ['⌘', 'Super'],
  };
  const parts = accelerator.split('+').map((part) => words[part.toLowerCase()]?.[mac ? 0 : 1] ?? part);
  return mac ? parts.join('') : parts.join('+');
}
