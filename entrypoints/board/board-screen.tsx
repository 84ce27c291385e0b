import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { ExportFile } from '../../client/export/export-file';
import { boardContent, type BoardContent } from '../../client/view-models/board/board-content';
import { circularView } from '../../client/view-models/board/circular-sections';
import { reviewItems, type ReviewItem } from '../../client/view-models/board/review-list';
import type { RemindRequest } from '../../client/view-models/board/not-filed';
import type { BoardStatus } from '../../components/board/board-header';
import { BoardView } from '../../components/board/board-view';
import type { ExportJob } from '../../components/board/export-bar';
import type { StoredReportTemplate } from '../../client/import/mapping-memory';
import { t } from '../../shared/i18n';
import { ANCHOR_UNAVAILABLE, type AnchorStatus } from '../../shared/history/anchor-note';
import type { Author } from '../../shared/model/origin';
import type { ModelResult } from '../../shared/model/result';
import type { SummaryRead } from '../../shared/model/summary';
import type { WorkspaceRead } from '../../shared/model/workspace-read';
import type { CalendarDate, Id, Locale, Month } from '../../shared/schema/common';
import { exportBoardFile } from './board-export';
import { circularRoute, routedCircularMonth } from './circular-route';
import type { HistoryResult } from './project-history';
import type { RevertApi } from '../../client/view-models/board/revert-preview';
import { ProjectDrill, type DrillDocument } from './project-drill';
import { useBoard } from './use-board';
import { filterChoices, filteredProjects, isFiltered, NO_FILTER, type BoardFilter } from '../../client/view-models/board/board-filter';
import { finderIndex } from '../../client/view-models/board/finder';
import { wallPages, DEFAULT_ROTATE_SECONDS } from '../../client/view-models/board/wall-pages';
import { WallView } from '../../components/board/wall/wall-view';
import { useRotation } from './use-rotation';

/** Opening projects from the board: a session's project documents, the history endpoint, and who may edit what. */
export interface DrillSource {
  open: (projectId: Id) => DrillDocument;
  loadHistory?: (projectId: Id) => Promise<HistoryResult>;
  /** shared/rights canEditProject for the signed-in member; the wall never edits. */
  canEdit: (projectId: Id) => boolean;
  /** shared/rights canEscalateProblem: 项目办 and leaders raise a problem's level by hand. */
  canEscalate?: boolean;
  author?: () => Author;
  /** Whether the signed-in member's 月报 filing of a month now waits for the 项目办's approval. */
  reportNeedsApproval?: (month: string) => boolean;
  /** The 项目办's undo through the server (shared/rights canRestore); absent for everyone else. */
  revert?: RevertApi;
}

export interface BoardScreenProps {
  locale: Locale;
  /** The live documents' reads; null while they load (the snapshot, if any, is shown meanwhile). */
  workspace: WorkspaceRead | null;
  summary: SummaryRead | null;
  /** The board as last saved (client/board-snapshot.ts): painted until the live reads arrive. */
  snapshot?: BoardContent | null;
  /** The board's day in Asia/Shanghai: every 序时 and overdue figure is as of it. */
  asOf: CalendarDate;
  /** 'wall': the meeting-room screen — large type, read-only, no export. */
  mode: 'extension' | 'wall';
  status?: BoardStatus;
  /** Observers read everything and change nothing. */
  readOnly?: boolean;
  drill?: DrillSource;
  /** Where exported files go (a download); without it the export bar is not shown. */
  onExport?: (file: ExportFile) => void;
  /** ECharts drawings beside the tables; tests and very small screens leave them out. */
  charts?: boolean;
  /** Told every new first screen derived from the live documents (the page keeps it as the board snapshot). */
  onContent?: (content: BoardContent) => void;
  /** 审核: confirms a flagged figure or a registration in the workspace document; given to the 项目办 (admin) only. */
  onConfirmReview?: (item: ReviewItem) => ModelResult;
  /** The signed-in member: offered "我包联的项目" when they lead projects. */
  memberId?: Id | null;
  /** The wall's seconds per page (its address's ?rotate=); 0 starts paused. */
  rotateSeconds?: number;
  /** 催报: writes a reminder into the workspace document; given to the 项目办 (admin) only. */
  onRemind?: (request: RemindRequest) => ModelResult;
  /** The 导入 page's address (admins and leaders). */
  importHref?: string;
  /** The 动态 page's address (项目办, leaders, 督查). */
  activityHref?: string;
  /** The 月报 template last imported into this workspace in this browser: exported in its layout on request. */
  reportTemplate?: StoredReportTemplate | null;
  /** Asks the server for the latest signed history digest: each export and the print page carry it (#13). */
  loadAnchor?: () => Promise<AnchorStatus>;
  /** The wall's footer: the latest signed history digest and the signing key. */
  anchor?: AnchorStatus;
}

/** Projects listed under an active filter (a leader's 包联 projects); narrower filters list them all. */
const FILTERED_PROJECT_LINES = 60;

/** The printable circular (its document, page and styles) loads when it is opened, not with the board. */
const CircularPrint = lazy(() => import('./circular-print').then((m) => ({ default: m.CircularPrint })));

/** Member rankings in the circular on screen stop after this many lines (the export has them all). */
const CIRCULAR_MEMBER_LINES = 10;

/**
 * The board over the documents' reads: derives the display model once per change (client/view-models/board), the
 * rankings' other outcomes, the circular and 审核 one deferred render behind the first screen, and opens the project
 * drilled into; components/board/board-view.tsx draws it.
 */
export function BoardScreen(props: BoardScreenProps) {
  const { locale, asOf, mode, onContent } = props;
  const [filter, setFilter] = useState<BoardFilter>(NO_FILTER);
  const wall = mode === 'wall';
  // the wall shows every project (its county pages are the per-county view); the filter is the extension board's
  const board = useBoard(props.workspace, props.summary, asOf, wall ? NO_FILTER : filter);
  const live = useMemo(() => (board.workspace && board.data ? boardContent(board.workspace, board.shown, board.data, board.invalid) : null), [board]);
  // The rankings and the circular follow the live model one deferred render behind the first screen.
  const deferred = useDeferredValue(live ? board : null, null);
  const [month, setMonth] = useState<Month | null>(null);
  const [drilled, setDrilled] = useState<Id | null>(null);
  const closeDrill = useCallback(() => setDrilled(null), []);
  const content = live ?? props.snapshot ?? null;
  const late = useMemo(() => (deferred?.workspace ? { workspace: deferred.workspace, rows: deferred.shown, months: deferred.months } : null), [deferred]);
  // the circular and 审核 are the whole workspace's, whatever the board filters
  const lateAll = useMemo(() => (deferred?.workspace ? { workspace: deferred.workspace, rows: deferred.rows, months: deferred.months } : null), [deferred]);
  const memberNames = useMemo(() => new Map(content?.members.map((m) => [m.id, m.name])), [content]);
  const unitNames = useMemo(() => new Map(board.workspace?.units.map((u) => [u.id, u.name])), [board.workspace]);
  const reviews = useMemo(() => (lateAll && !wall ? reviewItems(lateAll.workspace, lateAll.rows) : null), [lateAll, wall]);
  const shownMonth = month ?? board.defaultMonth;
  // The circular ranks every unit and member: it is drafted one deferred render behind the rest, and again behind
  // each change of month (the previous month's stays on screen meanwhile).
  const circularMonth = useDeferredValue<Month | null>(lateAll && !wall ? shownMonth : null, null);
  const circular = useMemo(
    () => (lateAll && circularMonth !== null ? circularView(lateAll.workspace, lateAll.rows, circularMonth, asOf, locale, CIRCULAR_MEMBER_LINES) : null),
    [lateAll, circularMonth, asOf, locale],
  );
  const filtered = isFiltered(board.filter);
  useEffect(() => {
    // the saved board is the whole workspace's first screen, never a filtered one
    if (live && !filtered) onContent?.(live);
  }, [live, filtered, onContent]);

  const { workspace: data, rows: allRows, shown } = board;
  const choices = useMemo(() => (data && !wall ? filterChoices(data, allRows) : null), [data, allRows, wall]);
  const index = useMemo(() => (data && !wall ? finderIndex(data, allRows) : null), [data, allRows, wall]);
  const me = props.memberId ?? null;
  const leaderId = me !== null && allRows.some((r) => !r.archived && r.leaderId === me) ? me : null;
  const projects = useMemo(() => {
    if (!filtered || !data) return null;
    const list = filteredProjects(allRows, board.filter, FILTERED_PROJECT_LINES);
    const leader = board.filter.leaderId === null ? null : (data.members.find((m) => m.id === board.filter.leaderId)?.name ?? null);
    return { ...list, leaderName: leader };
  }, [filtered, data, allRows, board.filter]);
  const finding =
    choices && index
      ? { choices, filter: board.filter, onFilter: setFilter, shown: shown.filter((r) => !r.archived).length, leaderId, index, projects }
      : undefined;

  // The wall: its pages from the same derivation, rotating on a timer.
  const pages = useMemo(
    () =>
      wall && board.workspace && board.data && live
        ? wallPages({ workspace: board.workspace, rows: board.rows, data: board.data, units: live.rankings.units, stages: live.stages })
        : [],
    [wall, board, live],
  );
  const rotation = useRotation(pages.length, props.rotateSeconds ?? DEFAULT_ROTATE_SECONDS);
  const readOnly = wall || props.readOnly === true;
  const loaded = props.workspace !== null && props.summary !== null;
  // Drilling in, searching and exporting need the live rows; the saved board offers none of them.
  const liveData = live && board.workspace ? { workspace: board.workspace, rows: board.rows } : null;
  const drill = live ? props.drill : undefined;
  const { onExport: onFile, reportTemplate, loadAnchor } = props;
  const exportable = live ? board.workspace : null;
  const { rows } = board;
  // The printable circular is the board's #circular/<month> route: a reload or the browser's back button keeps to it.
  const [printMonth, setPrintMonth] = useState<Month | null>(() => (wall || typeof window === 'undefined' ? null : routedCircularMonth(window.location.hash)));
  useEffect(() => {
    if (wall || typeof window === 'undefined') return;
    const follow = (): void => setPrintMonth(routedCircularMonth(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [wall]);
  const openPrint = useCallback((m: Month) => {
    setPrintMonth(m);
    window.location.hash = circularRoute(m);
  }, []);
  const closePrint = useCallback(() => {
    setPrintMonth(null);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  }, []);
  const onExport = useMemo(() => {
    if (!onFile || !exportable) return undefined;
    return async (job: ExportJob): Promise<void> => {
      if (job.what === 'circular' && job.format === 'print') return openPrint(shownMonth);
      const template = job.what === 'reportTemplate' ? reportTemplate?.template : undefined;
      // asked at each export: the file carries the digest signed by then, or says it could not be had
      const anchor = loadAnchor ? await loadAnchor() : ANCHOR_UNAVAILABLE;
      onFile(await exportBoardFile(job, { workspace: exportable, rows, month: shownMonth, asOf, locale, anchor, ...(template ? { template } : {}) }));
    };
  }, [onFile, exportable, rows, shownMonth, asOf, locale, openPrint, reportTemplate, loadAnchor]);
  const drilledRow = drilled === null ? undefined : board.rows.find((r) => r.projectId === drilled);
  const drillPanel =
    drill && drilled !== null ? (
      <ProjectDrill
        projectId={drilled}
        projectName={drilledRow?.name ?? drilled}
        openProject={drill.open}
        {...(drill.loadHistory ? { loadHistory: drill.loadHistory } : {})}
        {...(drill.author && !readOnly ? { author: drill.author } : {})}
        canEdit={!readOnly && drill.canEdit(drilled)}
        {...(drill.reportNeedsApproval ? { reportNeedsApproval: drill.reportNeedsApproval } : {})}
        {...(drill.revert && !readOnly ? { revert: drill.revert } : {})}
        today={asOf}
        canEscalate={!readOnly && drill.canEscalate === true}
        asOf={asOf}
        {...(board.workspace ? { escalationRules: board.workspace.campaign.escalation } : {})}
        names={memberNames}
        unitNames={unitNames}
        locale={locale}
        onClose={closeDrill}
      />
    ) : null;

  if (wall && live) {
    return (
      <WallView
        locale={locale}
        title={live.title}
        campaignName={live.campaignName}
        asOf={live.asOf}
        {...(props.status ? { status: props.status } : {})}
        pages={pages}
        page={rotation.page}
        seconds={rotation.seconds}
        onPage={rotation.go}
        onPause={rotation.pause}
        {...(props.anchor ? { anchor: props.anchor } : {})}
      />
    );
  }

  if (printMonth !== null && exportable) {
    return (
      <Suspense fallback={<p className="muted">{t(locale, 'board.loading')}</p>}>
        <CircularPrint
          workspace={exportable}
          rows={rows}
          month={printMonth}
          asOf={asOf}
          locale={locale}
          {...(onFile ? { onFile } : {})}
          onBack={closePrint}
          {...(loadAnchor ? { loadAnchor } : {})}
        />
      </Suspense>
    );
  }

  return (
    <BoardView
      locale={locale}
      asOf={asOf}
      mode={mode}
      {...(props.status ? { status: props.status } : {})}
      readOnly={readOnly}
      content={content}
      live={liveData}
      {...(loaded && !live ? { invalidWorkspace: board.invalid } : {})}
      late={late}
      reviews={reviews}
      memberNames={memberNames}
      month={shownMonth}
      circular={circular}
      onMonth={setMonth}
      {...(drill ? { onOpenProject: setDrilled } : {})}
      drillPanel={drillPanel}
      {...(onExport ? { onExport } : {})}
      {...(reportTemplate ? { reportTemplateName: reportTemplate.name } : {})}
      {...(props.charts === undefined ? {} : { charts: props.charts })}
      {...(props.onConfirmReview ? { onConfirmReview: props.onConfirmReview } : {})}
      {...(finding ? { finding } : {})}
      {...(props.onRemind ? { onRemind: props.onRemind } : {})}
      {...(props.importHref ? { importHref: props.importHref } : {})}
      {...(props.activityHref ? { activityHref: props.activityHref } : {})}
    />
  );
}
