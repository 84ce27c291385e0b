import './board.css';
import type { ReactNode } from 'react';
import type { BoardContent } from '../../client/view-models/board/board-content';
import type { CircularView } from '../../client/view-models/board/circular-sections';
import type { ReviewItem } from '../../client/view-models/board/review-list';
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
import { ProjectFinder } from './project-finder';
import { RankingsSection } from './rankings-section';
import { ReviewSection } from './review-section';
import { TargetsSection } from './targets-section';
import { ThemesSection } from './themes-section';

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
  /** ECharts drawings beside the tables; tests and very small screens leave them out. */
  charts?: boolean;
  /** 审核: confirms a flagged figure or a registration; given to the 项目办 (admin) only. */
  onConfirmReview?: (item: ReviewItem) => ModelResult;
  /** The 导入 page's address; given to admins and leaders only. */
  importHref?: string;
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

  const { onOpenProject, memberNames } = props;
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
      />
      {live ? null : (
        <p className="muted snapshot-note" data-snapshot="true">
          {t(locale, 'board.snapshot.showing')}
        </p>
      )}
      <InvalidNotice items={content.invalid} locale={locale} />
      {live && !wall && props.onExport ? <ExportBar month={props.month} locale={locale} onExport={props.onExport} /> : null}
      {live && onOpenProject && !wall ? <ProjectFinder rows={live.rows} locale={locale} onOpenProject={onOpenProject} /> : null}
      {props.drillPanel ?? null}
      <TargetsSection lines={content.targets} locale={locale} />
      <ThemesSection current={content.current} themes={content.themes} locale={locale} />
      <PipelineSection stages={content.stages} units={content.units} rows={content.pipeline} locale={locale} charts={charts && late !== null} />
      <ProblemsSection groups={content.problemGroups} names={memberNames} locale={locale} {...(onOpenProject ? { onOpenProject } : {})} />
      <NotFiledSection list={content.notFiled} locale={locale} {...(onOpenProject ? { onOpenProject } : {})} />
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
