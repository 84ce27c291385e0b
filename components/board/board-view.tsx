import './board.css';
import type { ReactNode } from 'react';
import type { BoardContent } from '../../client/view-models/board/board-content';
import type { CircularView } from '../../client/view-models/board/circular-sections';
import type { ReviewItem } from '../../client/view-models/board/review-list';
import type { RemindRequest } from '../../client/view-models/board/not-filed';
import { t } from '../../shared/i18n';
import type { ModelResult } from '../../shared/model/result';
import type { CalendarDate, Id, Locale, Month } from '../../shared/schema/common';
import type { SummaryRow } from '../../shared/schema/summary';
import type { WorkspaceData } from '../../shared/schema/bundle';
import { BoardHeader, type BoardStatus } from './board-header';
import { CircularSection } from './circular-section';
import { ExportBar, type ExportJob } from './export-bar';
import type { InvalidItem } from '../../client/view-models/board/board-content';
import { InvalidNotice } from './invalid-notice';
import { NotFiledSection } from './not-filed-section';
import { PipelineSection } from './pipeline-section';
import { ProblemsSection } from './problems-section';
import { BoardFilterBar } from './board-filter-bar';
import { BoardFinder } from './board-finder';
import { FilteredProjectsSection } from './filtered-projects-section';
import { filterScopeName, type BoardFilter, type FilteredProject, type FilterChoices } from '../../client/view-models/board/board-filter';
import type { FinderHit, FinderIndex } from '../../client/view-models/board/finder';
import { RankingsSection } from './rankings-section';
import { ReviewSection } from './review-section';
import { TargetsSection } from './targets-section';
import { ThemesSection } from './themes-section';

/** The board's one filter and its choices (县区 / 责任单位 / 项目类型 / 包联领导), and the search over live data. */
export interface BoardFinding {
  choices: FilterChoices;
  filter: BoardFilter;
  onFilter: (filter: BoardFilter) => void;
  /** Active projects the filter keeps. */
  shown: number;
  /** The signed-in member when they lead (包联) projects. */
  leaderId: Id | null;
  index: FinderIndex;
  /** The filtered projects' list, when a filter is set. */
  projects: { lines: readonly FilteredProject[]; total: number; leaderName: string | null } | null;
}

/** The live workspace and rows, for what only live data offers (search, export) and the deferred sections. */
export interface BoardLive {
  workspace: WorkspaceData;
  rows: readonly SummaryRow[];
}

export interface BoardViewProps {
  locale: Locale;
  /** The board's day in Asia/Shanghai: every 序时 and overdue figure is as of it. */
  asOf: CalendarDate;
  /** 'wall': the meeting-room screen — large type, read-only, no export. */
  mode: 'extension' | 'wall';
  status?: BoardStatus;
  /** Observers read everything and change nothing. */
  readOnly?: boolean;
  /** The first screen: derived from the live documents, or the saved board until they have loaded; null: nothing yet. */
  content: BoardContent | null;
  /** The live data `content` was derived from; null while the saved board is shown. */
  live: BoardLive | null;
  /** Set when the documents are read but the workspace does not validate: the board shows why instead. */
  invalidWorkspace?: readonly InvalidItem[];
  /** The live data one deferred render behind the first screen (rankings on other outcomes, the circular, 审核). */
  late: (BoardLive & { months: readonly Month[] }) | null;
  reviews: readonly ReviewItem[] | null;
  /** Member names by id, for the problems' owners and the review list. */
  memberNames: ReadonlyMap<string, string>;
  /** The circular's and the export's month. */
  month: Month;
  /** The circular of `month`, drafted one deferred render behind `late`; null meanwhile. */
  circular: CircularView | null;
  onMonth: (month: Month) => void;
  /** Opens a project's drill-down; without it (the saved board, no session) projects are not clickable. */
  onOpenProject?: (projectId: Id) => void;
  /** The open project's drill-down panel, drawn by the page. */
  drillPanel?: ReactNode;
  /** Builds and saves the month's 月报 or circular (the page: a download); without it the export bar is not shown. */
  onExport?: (job: ExportJob) => Promise<void>;
  /** The 月报 template this workspace imported (its name): the export bar offers the 月报 in its layout too. */
  reportTemplateName?: string | null;
  /** ECharts drawings beside the tables; tests and very small screens leave them out. */
  charts?: boolean;
  /** 审核: confirms a flagged figure or a registration; given to the 项目办 (admin) only. */
  onConfirmReview?: (item: ReviewItem) => ModelResult;
  /** Filters and search (live data only). */
  finding?: BoardFinding;
  /** 催报: sends a reminder to those who have not filed; given to the 项目办 (admin) only. */
  onRemind?: (request: RemindRequest) => ModelResult;
  /** The 导入 page's address; given to admins and leaders only. */
  importHref?: string;
  /** The 动态 page's address; given to the 项目办, leaders and 督查 only. */
  activityHref?: string;
}

/**
 * The progress board (挂图作战), drawn from display-ready data: the first screen (targets, themes, pipeline, problems,
 * 月报 not filed, rankings on their first outcome) from `content`; other outcomes, the circular and 审核 from the
 * deferred live data, and the charts load their code after that.
 */
export function BoardView(props: BoardViewProps) {
  const { locale, asOf, mode, content, live, late } = props;
  const wall = mode === 'wall';
  const charts = props.charts ?? true;
  const readOnly = wall || props.readOnly === true;
  const statusProps = props.status ? { status: props.status } : {};
  const className = wall ? 'board wall' : 'board';

  if (props.invalidWorkspace) {
    return (
      <main className={className} lang={locale}>
        <BoardHeader title="" campaignName="" asOf={asOf} locale={locale} wall={wall} readOnly={readOnly} {...statusProps} />
        <p className="muted">{t(locale, 'board.workspaceInvalid')}</p>
        <InvalidNotice items={props.invalidWorkspace} locale={locale} />
      </main>
    );
  }
  if (!content) return <p className="muted">{t(locale, 'board.loading')}</p>;

  const { onOpenProject, memberNames, finding } = props;
  return (
    <main className={className} lang={locale}>
      <BoardHeader
        title={content.title}
        campaignName={content.campaignName}
        asOf={content.asOf}
        locale={locale}
        wall={wall}
        readOnly={readOnly}
        {...statusProps}
        {...(props.importHref ? { importHref: props.importHref } : {})}
        {...(props.activityHref ? { activityHref: props.activityHref } : {})}
      />
      {live ? null : (
        <p className="muted snapshot-note" data-snapshot="true">
          {t(locale, 'board.snapshot.showing')}
        </p>
      )}
      <InvalidNotice items={content.invalid} locale={locale} />
      {live && !wall && props.onExport ? (
        <ExportBar month={props.month} locale={locale} reportTemplateName={props.reportTemplateName ?? null} onExport={props.onExport} />
      ) : null}
      {live && finding ? (
        <BoardFinder
          index={finding.index}
          locale={locale}
          {...(onOpenProject ? { onOpenProject } : {})}
          onLeader={(leaderId) => finding.onFilter({ countyId: null, unitId: null, category: null, leaderId })}
          onUnit={(hit: Extract<FinderHit, { kind: 'unit' }>) =>
            finding.onFilter({
              countyId: hit.unitKind === 'county' ? hit.id : null,
              unitId: hit.unitKind === 'county' ? null : hit.id,
              category: null,
              leaderId: null,
            })
          }
        />
      ) : null}
      {live && finding ? (
        <BoardFilterBar
          choices={finding.choices}
          filter={finding.filter}
          onFilter={finding.onFilter}
          shown={finding.shown}
          leaderId={finding.leaderId}
          locale={locale}
        />
      ) : null}
      {props.drillPanel ?? null}
      {finding?.projects ? (
        <FilteredProjectsSection
          lines={finding.projects.lines}
          total={finding.projects.total}
          leaderName={finding.projects.leaderName}
          locale={locale}
          {...(onOpenProject ? { onOpenProject } : {})}
        />
      ) : null}
      <TargetsSection lines={content.targets} locale={locale} />
      <ThemesSection current={content.current} themes={content.themes} locale={locale} />
      <PipelineSection
        stages={content.stages}
        units={content.units}
        rows={content.pipeline}
        rates={content.rates}
        live={live}
        asOf={asOf}
        locale={locale}
        charts={charts && late !== null}
        ownFilters={finding === undefined}
        filteredScope={finding ? filterScopeName(finding.filter, finding.choices, (c) => t(locale, `category.${c}`)) : null}
      />
      <ProblemsSection groups={content.problemGroups} names={memberNames} locale={locale} {...(onOpenProject ? { onOpenProject } : {})} />
      <NotFiledSection
        list={content.notFiled}
        locale={locale}
        {...(onOpenProject ? { onOpenProject } : {})}
        {...(props.onRemind && !readOnly && !wall ? { onRemind: props.onRemind } : {})}
      />
      <RankingsSection first={content.rankings} live={late} asOf={asOf} locale={locale} charts={charts && late !== null} />
      {props.reviews && !wall ? (
        <ReviewSection
          items={props.reviews}
          names={memberNames}
          locale={locale}
          {...(props.onConfirmReview && !readOnly ? { onConfirm: props.onConfirmReview } : {})}
          {...(onOpenProject ? { onOpenProject } : {})}
        />
      ) : null}
      {late ? (
        <CircularSection view={props.circular} month={props.month} months={late.months} onMonth={props.onMonth} locale={locale} />
      ) : (
        <p className="muted">{t(locale, 'board.loading')}</p>
      )}
    </main>
  );
}
