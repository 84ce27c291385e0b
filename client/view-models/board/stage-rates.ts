import { yearRange } from '../../../shared/calc/dates';
import { unitRates, type Rate } from '../../../shared/calc/rates';
import { trustedRows } from '../../../shared/calc/trusted-rows';
import type { CalendarDate, Id } from '../../../shared/schema/common';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';

/** The stage rates the board shows together, in pipeline order (核准落户率、开工竣工率、投产达效率). */
export const STAGE_RATE_KINDS = ['landingRate', 'startRate', 'completionRate', 'productionRate'] as const;
export type StageRateKind = (typeof STAGE_RATE_KINDS)[number];

/** One rate with its parts and formula, display-ready (kept in the board snapshot). */
export type StageRateLine = Rate & { kind: StageRateKind };

/**
 * 落地率, 开工率, 竣工率 and 投产率 of the campaign year as of a day, for the whole workspace (unitId null) or one unit
 * (its 责任单位 or county projects), on the rows as trusted: the same computation as the unit's rankings of the same
 * rates (shared/calc/rates.ts), so a unit's figure here and its ranking entry agree.
 */
export function stageRateLines(workspace: WorkspaceData, rows: readonly SummaryRow[], asOf: CalendarDate, unitId: Id | null): StageRateLine[] {
  const rates = unitRates(trustedRows(rows, workspace), { unitId, ...yearRange(workspace.campaign.year) }, asOf);
  return STAGE_RATE_KINDS.map((kind) => ({ kind, ...rates[kind] }));
}
