import { addDays, type PayerRules } from './claim.money.js';

/** Level `level` (1-based) and its last day, counted from the notice of the decision before it; none past the last. */
export function appealWindow(
  rules: PayerRules,
  level: number,
  noticeDate: string,
): { level: number; deadline: string } | undefined {
  const days = rules.appealWindowDays[level - 1];
  return days === undefined ? undefined : { level, deadline: addDays(noticeDate, days) };
}
