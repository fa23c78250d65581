/** The data of the milestones page (templates/milestones.eta): every milestone and level-up, newest first, and the next goals. */
import { base, type Page, type PageContext } from "./page.js";
import { levelUpView, milestoneView } from "./views.js";

/** The milestones page. */
export function milestonesPage(ctx: PageContext): Page {
  const path = "milestones.html";
  const s = ctx.model.summary;
  return {
    path,
    template: "milestones",
    data: {
      ...base(ctx, path, "Milestones", "milestones"),
      milestones: [...ctx.model.milestones].reverse().map(milestoneView),
      levelUps: [...ctx.model.levelUps].reverse().map((l) => levelUpView(ctx, l)),
      nextStreak: s.nextStreakMilestone ?? null,
      nextTotal: s.nextTotalMilestone ?? null,
      currentStreak: s.currentStreak.days,
      totalWins: s.totalWins,
    },
  };
}
