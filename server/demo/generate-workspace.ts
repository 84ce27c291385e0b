import { problemPartiesOf } from '../../shared/rights';
import type { ProjectBundle, WorkspaceData } from '../../shared/schema/bundle';
import { defaultCampaign, type Campaign, type CampaignWindow } from '../../shared/schema/campaign';
import type { Member } from '../../shared/schema/member';
import type { ReportReview } from '../../shared/schema/review';
import { reportFlags } from '../../shared/calc/plausibility';
import { needsApproval, reportWindowCloses } from '../../shared/calc/report-window';
import type { CalendarDate } from '../../shared/schema/common';
import { addDays, dateOf, maxDate, minDate } from './dates';
import { generateOrg } from './generate-org';
import { generateProject, type WorkspaceContext } from './generate-project';
import { generateTargets } from './generate-targets';
import { itemAt } from './lists';
import { CITY_NAMES, distinctPlaceStems, riverNames } from './names-places';
import { officeTime } from './people';
import { intBetween, pick, rngFor } from './random';
import { SCALES, type DemoScale } from './scales';

export interface GenerateWorkspaceOptions {
  scale: DemoScale;
  /** Any number; it is reduced to an unsigned 32-bit seed. */
  seed: number;
  /** The campaign year. */
  year: number;
  /** Reports and edits exist up to this day; it is held within the campaign year. */
  asOf: CalendarDate;
  /** e.g. "云川市" or "安平县"; by default one is drawn from the seed. */
  cityName?: string;
}

/** A demo workspace as plain data: what the workspace document and each project document hold. */
export interface GeneratedWorkspace {
  workspace: WorkspaceData;
  projects: ProjectBundle[];
  /** The day the data runs up to (the requested as-of day, held within the campaign year). */
  asOf: CalendarDate;
}

/** The two 百日会战 windows of the year (全年要打好2～3个项目建设"百日会战"). */
function campaignWindows(idPrefix: string, year: number): CampaignWindow[] {
  const spring = dateOf(year, 3, 1);
  const autumn = dateOf(year, 9, 1);
  return [
    { id: `${idPrefix}-w1`, name: '春季项目建设百日会战', start: spring, end: addDays(spring, 99) },
    { id: `${idPrefix}-w2`, name: '秋冬项目建设百日攻坚', start: autumn, end: addDays(autumn, 99) },
  ];
}

/** Two projects on one list never share a name: a repeat becomes the next phase (二期, 三期 …). */
function distinctNames(projects: ProjectBundle[]): void {
  const phases = ['二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const seen = new Map<string, number>();
  for (const bundle of projects) {
    const base = bundle.project.name;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    if (count > 0) bundle.project.name = `${base}（${phases[count - 1] ?? String(count + 1)}期）`;
  }
}

/**
 * A seeded, realistic workspace: units, a roster with plausible ranks, a year's 项目清单 with schedules, milestones,
 * problems and 月报 up to the as-of day, and targets. The same options always give the same data, byte for byte.
 */
export function generateWorkspace(options: GenerateWorkspaceOptions): GeneratedWorkspace {
  const seed = options.seed >>> 0;
  const { scale, year } = options;
  const asOf = minDate(maxDate(options.asOf, dateOf(year, 1, 1)), dateOf(year, 12, 31));
  const rng = rngFor(seed, 'workspace');
  const cityName = options.cityName ?? (scale === 'county' ? `${distinctPlaceStems(rng, 1)[0]}县` : pick(rng, CITY_NAMES));
  const idPrefix = `${scale}-${seed.toString(36)}`;
  const org = generateOrg(seed, scale, cityName, idPrefix);
  const registeredOn = dateOf(year - 1, 12, intBetween(rng, 15, 28));
  const campaign = { ...defaultCampaign(year, `${cityName}${year}年项目建设年`), windows: campaignWindows(idPrefix, year) };

  const ctx: WorkspaceContext = {
    seed,
    idPrefix,
    year,
    asOf,
    registeredOn,
    reportDueDay: campaign.reportDueDay,
    org,
    stems: distinctPlaceStems(rngFor(seed, 'stems'), 40),
    rivers: riverNames(rngFor(seed, 'rivers'), 6),
    quotaHolders: org.members.filter((m) => m.rank === 'deputyDivision' || m.rank === 'section'),
    cityLeaders: org.byRank.get('cityLeader') ?? [],
    sizeFactor: SCALES[scale].sizeFactor,
  };
  const projects = Array.from({ length: SCALES[scale].projects }, (_, i) => generateProject(ctx, i));
  distinctNames(projects);

  const admin = org.admins[0] ?? itemAt(org.members, 0, 'the demo org’s members');
  const targets = generateTargets(rngFor(seed, 'targets'), {
    idPrefix,
    year,
    asOf,
    org,
    projects,
    windows: campaign.windows,
    created: { by: admin.id, at: officeTime(rng, addDays(registeredOn, 1)) },
    level: SCALES[scale].level,
  });

  const workspace: WorkspaceData = {
    id: idPrefix,
    name: `${cityName}项目建设年`,
    campaign,
    units: org.units,
    members: org.members,
    targets,
    registry: projects.map(({ project: p, problems }) => {
      // who answers for its open problems, as the server would derive it (rights follow it)
      const parties = problemPartiesOf(problems);
      return {
        id: p.id,
        name: p.name,
        unitId: p.unitId,
        ownerId: p.ownerId,
        leaderId: p.leaderId,
        team: [...p.team],
        archived: p.archived,
        ...(parties.members.length > 0 || parties.units.length > 0 ? { problemParties: parties } : {}),
      };
    }),
    // The 项目办 registered every demo project itself; a 月报 the plausibility rules flag waits like any other.
    reviews: lateApprovals(projects, org.members, campaign, asOf, idPrefix, admin.id),
    reminders: [],
  };
  return { workspace, projects, asOf };
}

/**
 * The 项目办's approvals (审核) of the demo's late 月报 filings (filed after their month's window, shared/calc/report-window.ts):
 * those of months whose window closed more than a month before the demo day were approved a few days after filing; the
 * recent ones still wait, so the board's 审核 list shows the flow. A late filing the plausibility rules also flag is
 * left waiting: approving lateness does not vouch for an implausible figure.
 */
function lateApprovals(
  projects: readonly ProjectBundle[],
  members: readonly Member[],
  campaign: Campaign,
  asOf: CalendarDate,
  idPrefix: string,
  adminId: string,
): ReportReview[] {
  const roles = new Map(members.map((m) => [m.id, m.role]));
  const reviews: Omit<ReportReview, 'id'>[] = [];
  for (const { project, reports } of projects) {
    const flagged = new Set(reportFlags(project, reports).map((f) => f.month));
    for (const r of reports) {
      if (flagged.has(r.month) || !needsApproval(r.month, r.filed.at, roles.get(r.filed.by) ?? null, campaign)) continue;
      if (addDays(reportWindowCloses(r.month, campaign), 31) >= asOf) continue;
      reviews.push({
        kind: 'report',
        projectId: project.id,
        month: r.month,
        completedWan: r.completedWan,
        cumulativeWan: r.cumulativeWan,
        confirmed: { by: adminId, at: r.filed.at + 3 * 86_400_000 },
        archived: false,
      });
    }
  }
  // ids in time order, so the workspace document (read by id) lists them as they were made
  return reviews.sort((a, b) => a.confirmed.at - b.confirmed.at).map((r, i) => ({ id: `${idPrefix}-rv${String(i + 1).padStart(4, '0')}`, ...r }));
}
