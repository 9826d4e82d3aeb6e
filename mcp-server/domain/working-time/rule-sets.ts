// The rule sets of working time, one table each: every parameter the rules apply, with its legal
// source. The law lives here and nowhere else; the rest of domain/working-time/ only applies these
// numbers (docs/working-time.md says what they mean and what Punchcard leaves to the employer).
// A `null` is a rule the set does not have.
import type { RuleSetName } from '../../contract/working-time.ts';

export interface RuleSet {
  /** The longest a day's work may be. */
  dayMaxMinutes: number | null;
  /** The average over a reference period ending with the day checked, per Mon–Sat working day or per 7 days. */
  average: { per: 'working_day' | 'week'; limitMinutes: number; weeks: number } | null;
  /** The longest a Mon–Sun week's work may be. */
  weekMaxMinutes: number | null;
  /** The break a day's work requires once it is over `overMinutes`, ascending. */
  breaks: ReadonlyArray<{ overMinutes: number; breakMinutes: number }>;
  /** The shortest gap that counts as a break; shorter ones interrupt work without breaking it. */
  breakBlockMinutes: number;
  /** The longest work in a row without a break. */
  stretchMaxMinutes: number | null;
  /** The rest between one day's work and the next. */
  restMinutes: number;
  /** The longest rest each Mon–Sun week must hold. */
  weeklyRestMinutes: number;
  /** Whether any work on a Sunday or public holiday is a finding. */
  sundayAndHolidays: boolean;
}

export const RULE_SETS: Readonly<Record<RuleSetName, RuleSet>> = {
  // Germany: Arbeitszeitgesetz (ArbZG). Hours worked for several employers add up (section 2(1)).
  de: {
    // Section 3 sentence 2: a working day may reach ten hours...
    dayMaxMinutes: 600,
    // ...where within six calendar months or 24 weeks the average stays at eight hours a working day
    // (Werktag: Monday to Saturday).
    average: { per: 'working_day', limitMinutes: 480, weeks: 24 },
    weekMaxMinutes: null,
    // Section 4 sentence 1: 30 minutes for more than six hours up to nine, 45 for more than nine.
    breaks: [
      { overMinutes: 360, breakMinutes: 30 },
      { overMinutes: 540, breakMinutes: 45 },
    ],
    // Section 4 sentence 2: a break may be split into parts of at least 15 minutes each.
    breakBlockMinutes: 15,
    // Section 4 sentence 3: no more than six hours in a row without a break.
    stretchMaxMinutes: 360,
    // Section 5(1): eleven hours' uninterrupted rest after the day's work.
    restMinutes: 660,
    // Section 9(1) and 11(4): the Sunday's 24 hours, given together with a daily rest of section 5: 35 hours.
    weeklyRestMinutes: 2100,
    // Section 9(1): no work on Sundays and public holidays from 0 to 24 h (the exceptions of section 10 are
    // the employer's to claim).
    sundayAndHolidays: true,
  },
  // The European Union: Directive 2003/88/EC, the floor every member state's law stands on.
  eu: {
    // The Directive sets no daily maximum beyond what the daily rest leaves.
    dayMaxMinutes: null,
    // Article 6(b) with 16(b): 48 hours per seven days on average over a reference period of up to four
    // months (17 weeks).
    average: { per: 'week', limitMinutes: 2880, weeks: 17 },
    weekMaxMinutes: null,
    // Article 4: a break where the working day is longer than six hours; its length is left to national
    // law, so 15 minutes is Punchcard's default.
    breaks: [{ overMinutes: 360, breakMinutes: 15 }],
    // Punchcard's default, as the Directive sets none.
    breakBlockMinutes: 15,
    stretchMaxMinutes: null,
    // Article 3: eleven consecutive hours' rest per 24 hours.
    restMinutes: 660,
    // Article 5: 24 hours' uninterrupted rest per seven days plus the eleven of Article 3.
    weeklyRestMinutes: 2100,
    sundayAndHolidays: false,
  },
  // Austria: Arbeitszeitgesetz (AZG) and Arbeitsruhegesetz (ARG). Hours worked for several employers add up
  // (AZG section 2(2)).
  at: {
    // AZG section 9(1): twelve hours a day...
    dayMaxMinutes: 720,
    // ...AZG section 9(4): 48 hours a week on average over 17 weeks.
    average: { per: 'week', limitMinutes: 2880, weeks: 17 },
    // AZG section 9(1): ...and 60 hours a week.
    weekMaxMinutes: 3600,
    // AZG section 11(1): 30 minutes where the day's work is longer than six hours.
    breaks: [{ overMinutes: 360, breakMinutes: 30 }],
    // AZG section 11(1): the break may be split into two of 15 minutes or three of 10.
    breakBlockMinutes: 10,
    stretchMaxMinutes: null,
    // AZG section 12(1): eleven hours' uninterrupted rest after the day's work.
    restMinutes: 660,
    // ARG section 3: 36 hours' weekend rest, the Sunday included (when it begins is the employer's to arrange).
    weeklyRestMinutes: 2160,
    // ARG sections 3 and 7: rest on Sundays and public holidays.
    sundayAndHolidays: true,
  },
};

/** Which gaps count as breaks where no rules are set: the days' lines still show breaks. */
export const DEFAULT_BREAK_BLOCK_MINUTES = 15;

/** The set's break block, or the default with rules off. */
export function breakBlockMinutes(rules: RuleSetName | 'off'): number {
  return rules === 'off' ? DEFAULT_BREAK_BLOCK_MINUTES : RULE_SETS[rules].breakBlockMinutes;
}
