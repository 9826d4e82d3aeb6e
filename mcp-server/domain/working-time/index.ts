// Working time as the law counts it: the rule engine's public face. A tool asks workingTimeReads what
// to read, reads it from every connection (or one), and hands it to workingTime; writes say
// findingsCreated of the findings before and after them; the tray asks limitsAhead and
// clockInInsideRest; the balance is workingTimeBalance over balanceReads; team_report counts a colleague's
// findings with teamFindingCounts. docs/working-time.md says
// what the rules count and what they leave to the employer.
export { clockInInsideRest, type AheadInput, type LimitAhead, limitsAhead, WARN_AHEAD_MINUTES } from './ahead.ts';
export { balanceReads, balanceSince, type BalanceInput, workingTimeBalance } from './balance.ts';
export { type DayLeave, sharedCalendar, type WorkCalendar } from './calendar.ts';
export { type WorkingTimeAnswer, type WorkingTimeInput, workingTime } from './check.ts';
export { findingsCreated } from './created.ts';
export { type WorkingTimeReads, workingTimeReads } from './reads.ts';
export { RULE_SETS, type RuleSet } from './rule-sets.ts';
export { type CountedSpan, spansOfEntries } from './spans.ts';
export { type FindingCounts, teamFindingCounts, type TeamCountsInput } from './team-counts.ts';
