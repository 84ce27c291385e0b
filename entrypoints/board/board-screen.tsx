import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { ExportFile } from '../../client/export/export-file';
import { boardContent, type BoardContent } from '../../client/view-models/board/board-content';
import { circularView } from '../../client/view-models/board/circular-sections';
import { reviewItems, type ReviewItem } from '../../client/view-models/board/review-list';
import type { BoardStatus } from '../../components/board/board-header';
import { BoardView } from '../../components/board/board-view';
import type { ExportJob } from '../../components/board/export-bar';
import type { Author } from '../../shared/model/origin';
import type { ModelResult } from '../../shared/model/result';
import type { SummaryRead } from '../../shared/model/summary';
import type { WorkspaceRead } from '../../shared/model/workspace-read';
import type { CalendarDate, Id, Locale, Month } from '../../shared/schema/common';
import { exportBoardFile } from './board-export';
import type { HistoryResult } from './project-history';
import { ProjectDrill, type DrillDocument } from './project-drill';
import { useBoard } from './use-board';

/** Opening projects from the board: a session's project documents, the history endpoint, and who may edit what. */
export interface DrillSource {
  open: (projectId: Id) => DrillDocument;
  loadHistory?: (projectId: Id) => Promise<HistoryResult>;
  /** shared/rights canEditProject for the signed-in member; the wall never edits. */
  canEdit: (projectId: Id) => boolean;
  author?: () => Author;
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
  /** The 导入 page's address (admins and leaders). */
  importHref?: string;
}

/** Member rankings in the circular on screen stop after this many lines (the export has them all). */
const CIRCULAR_MEMBER_LINES = 10;

/**
 * The board over the documents' reads: derives the display model once per change (client/view-models/board), the
 * rankings' other outcomes, the circular and 审核 one deferred render behind the first screen, and opens the project
 * drilled into; components/board/board-view.tsx draws it.
 */
export function BoardScreen(props: BoardScreenProps) {
  const { locale, asOf, mode, onContent } = props;
  const board = useBoard(props.workspace, props.summary, asOf);
  const live = useMemo(() => (board.workspace && board.data ? boardContent(board.workspace, board.rows, board.data, board.invalid) : null), [board]);
  // The rankings and the circular follow the live model one deferred render behind the first screen.
  const deferred = useDeferredValue(live ? board : null, null);
  const [month, setMonth] = useState<Month | null>(null);
  const [drilled, setDrilled] = useState<Id | null>(null);
  const closeDrill = useCallback(() => setDrilled(null), []);
  const content = live ?? props.snapshot ?? null;
  const late = useMemo(() => (deferred?.workspace ? { workspace: deferred.workspace, rows: deferred.rows, months: deferred.months } : null), [deferred]);
  const memberNames = useMemo(() => new Map(content?.members.map((m) => [m.id, m.name])), [content]);
  const unitNames = useMemo(() => new Map(board.workspace?.units.map((u) => [u.id, u.name])), [board.workspace]);
  const reviews = useMemo(() => (late ? reviewItems(late.workspace, late.rows) : null), [late]);
  const shownMonth = month ?? board.defaultMonth;
  // The circular ranks every unit and member: it is drafted one deferred render behind the rest, and again behind
  // each change of month (the previous month's stays on screen meanwhile).
  const circularMonth = useDeferredValue<Month | null>(late ? shownMonth : null, null);
  const circular = useMemo(
    () => (late && circularMonth !== null ? circularView(late.workspace, late.rows, circularMonth, asOf, locale, CIRCULAR_MEMBER_LINES) : null),
    [late, circularMonth, asOf, locale],
  );
  useEffect(() => {
    if (live) onContent?.(live);
  }, [live, onContent]);

  const wall = mode === 'wall';
  const readOnly = wall || props.readOnly === true;
  const loaded = props.workspace !== null && props.summary !== null;
  // Drilling in, searching and exporting need the live rows; the saved board offers none of them.
  const liveData = live && board.workspace ? { workspace: board.workspace, rows: board.rows } : null;
  const drill = live ? props.drill : undefined;
  const { onExport: onFile } = props;
  const exportable = live ? board.workspace : null;
  const { rows } = board;
  const onExport = useMemo(() => {
    if (!onFile || !exportable) return undefined;
    return async (job: ExportJob): Promise<void> => onFile(await exportBoardFile(job, { workspace: exportable, rows, month: shownMonth, asOf, locale }));
  }, [onFile, exportable, rows, shownMonth, asOf, locale]);
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
        names={memberNames}
        unitNames={unitNames}
        locale={locale}
        onClose={closeDrill}
      />
    ) : null;

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
      {...(props.charts === undefined ? {} : { charts: props.charts })}
      {...(props.onConfirmReview ? { onConfirmReview: props.onConfirmReview } : {})}
      {...(props.importHref ? { importHref: props.importHref } : {})}
    />
  );
}
