// The registry of prompts, in the order `prompts/list` shows them. Adding a prompt is one file plus
// one line here.
import type { PromptDefinition } from './define-prompt.ts';
import fillMyDay from './fill-my-day.ts';
import monthClose from './month-close.ts';
import planLeave from './plan-leave.ts';
import weeklyReview from './weekly-review.ts';

export const PROMPTS = {
  weekly_review: weeklyReview,
  fill_my_day: fillMyDay,
  plan_leave: planLeave,
  month_close: monthClose,
} satisfies Record<string, PromptDefinition>;

export type PromptName = keyof typeof PROMPTS;

export const PROMPT_LIST: readonly PromptDefinition[] = Object.values(PROMPTS);
