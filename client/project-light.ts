import { yearOf, yearRange } from '../shared/calc/dates';
import { lightFor } from '../shared/calc/lights';
import { expectedShare, paceGap } from '../shared/calc/pace';
import type { Campaign } from '../shared/schema/campaign';
import type { CalendarDate } from '../shared/schema/common';
import type { Light, SummaryRow } from '../shared/schema/summary';

/**
 * A project's own light in the popup: this year's completed investment (sum of the campaign year's monthly 月报)
 * against its annual plan, judged against 序时 like a target. Null without an annual plan.
 */
export function projectInvestmentLight(row: SummaryRow, campaign: Campaign, asOf: CalendarDate): { light: Light; gapPoints: number } | null {
  if (row.annualPlanWan <= 0) return null;
  let completed = 0;
  for (const [month, wan] of Object.entries(row.completedByMonth)) if (yearOf(month) === campaign.year) completed += wan;
  const period = yearRange(campaign.year);
  const share = completed / row.annualPlanWan;
  const gapPoints = paceGap(share, expectedShare(period, asOf, campaign.pace));
  return { light: lightFor({ periodEnd: period.end, asOf, gapPoints, met: share >= 1 }, campaign.lights), gapPoints };
}
