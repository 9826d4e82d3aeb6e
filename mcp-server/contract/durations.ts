// How the app writes a length of time, in the style the person chose in Preferences: hours and
// minutes with their units ("3 h 45 min"), or decimal hours as Harvest offers them ("3.75 h"). A
// duration written "3:45" reads as a time of day beside "8:45 AM" (and in German, "13:00 – 14:00"
// beside "1:00" cannot be told apart), so durations always carry a unit. The window and the tray
// write every duration with these functions, so both follow the same choice. Pure, and free of Node
// APIs and zod: the window imports it too.

export const DURATION_STYLES = ['units', 'decimal'] as const;
export type DurationStyle = (typeof DURATION_STYLES)[number];

export interface DurationOptions {
  /** A locale for the decimal mark ("3,75 h" in German); the system's when left out. */
  locale?: string | undefined;
  /** Where room is short (a chart's bar, a week strip): "3h 45m", "3.75h". */
  compact?: boolean | undefined;
}

const decimals = new Map<string, Intl.NumberFormat>();

function decimalFormat(locale: string | undefined): Intl.NumberFormat {
  const key = locale ?? '';
  let format = decimals.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    decimals.set(key, format);
  }
  return format;
}

/**
 * 225 minutes → "3 h 45 min" or "3.75 h"; 45 → "45 min" or "0.75 h"; 480 → "8 h" or "8.00 h".
 * Whole minutes, rounded; a negative length is written as its size (see signedDurationText).
 */
export function durationText(minutes: number, style: DurationStyle, options: DurationOptions = {}): string {
  const whole = Math.abs(Math.round(Number.isFinite(minutes) ? minutes : 0));
  if (style === 'decimal') {
    const hours = decimalFormat(options.locale).format(whole / 60);
    return options.compact ? `${hours}h` : `${hours} h`;
  }
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (options.compact) {
    if (hours === 0) return `${rest}m`;
    return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
  }
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "+1 h 30 min", "−0.75 h": overtime and undertime, with a real minus sign. */
export function signedDurationText(minutes: number, style: DurationStyle, options: DurationOptions = {}): string {
  const whole = Math.round(Number.isFinite(minutes) ? minutes : 0);
  return `${whole < 0 ? '−' : '+'}${durationText(whole, style, options)}`;
}

/** The style a stored value names, or the default ('units') for anything else. */
export function durationStyleOf(value: unknown): DurationStyle {
  return (DURATION_STYLES as readonly unknown[]).includes(value) ? (value as DurationStyle) : 'units';
}
