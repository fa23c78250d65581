/** Years (§4 year pages): each year's wins and win days, and its month totals. */
import type { YearSummary } from "../model/site.js";
import type { MonthTally } from "./month-tally.js";

/** Every year with a counted day, oldest first, from the tallies of its months. */
export function summarizeYears(months: readonly MonthTally[]): YearSummary[] {
  const years = new Map<number, { year: number; wins: number; winDays: number; months: { month: number; wins: number; winDays: number }[] }>();
  for (const m of months) {
    // A month of only future days adds nothing, and makes no year.
    if (m.days === 0) continue;
    let y = years.get(m.year);
    if (!y) {
      y = { year: m.year, wins: 0, winDays: 0, months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, wins: 0, winDays: 0 })) };
      years.set(m.year, y);
    }
    const month = y.months[m.month - 1]!;
    month.wins += m.wins;
    month.winDays += m.winDays;
    y.wins += m.wins;
    y.winDays += m.winDays;
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}
