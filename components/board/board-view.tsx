import './board.css';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { ExportFile } from '../../client/export/export-file';
import { t } from '../../shared/i18n';
import type { Author, ModelResult, SummaryRead, WorkspaceRead } from '../../shared/model';
import type { CalendarDate, Id, Locale, Month } from '../../shared/schema';
import { BoardHeader, type BoardStatus } from './board-header';
import { CircularSection } from './circular-section';
import { boardContent, type BoardContent } from './derive/board-content';
import { reviewItems, type ReviewItem } from './derive/review-list';
import { ProjectDrill, type DrillDocument } from './drill/project-drill';
import type { HistoryResult } from './drill/history';
import { ExportBar } from './export-bar';
import { InvalidNotice } from './invalid-notice';
import { NotFiledSection } from './not-filed-section';
import { PipelineSection } from './pipeline-section';
import { ProblemsSection } from './problems-section';
import { ProjectFinder } from './project-finder';
import { RankingsSection } from './rankings-section';
import { ReviewSection } from './review-section';
import { TargetsSection } from './targets-section';
import { ThemesSection } from './themes-section';
import { useBoard } from './use-board';

/** Opening projects from the board: a session's project documents, the history endpoint, and who may edit what. */
export interface DrillSource {
  open: (projectId: Id) => DrillDocument;
  loadHistory?: (projectId: Id) => Promise<HistoryResult>;
  /** shared/rights canEditProject for the signed-in member; the wall never edits. */
  canEdit: (projectId: Id) => boolean;
  author?: () => Author;
}

export interface BoardViewProps {
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
}

/**
 * The progress board (挂图作战). The first screen (targets, themes, pipeline, problems, 月报 not filed) paints from the
 * live documents' derivation, or before they have loaded from the saved snapshot of it, and so do the rankings on
 * their first outcome; other outcomes and the circular follow the live data in a deferred pass, and the charts load
 * their code after that.
 */
export function BoardView(props: BoardViewProps) {
  const { locale, asOf, mode, onContent } = props;
  const wall = mode === 'wall';
  const board = useBoard(props.workspace, props.summary, asOf);
  const live = useMemo(
    () => (board.workspace && board.data ? boardContent(board.workspace, board.rows, board.data, board.invalid) : null),
    [board],
  );
  // The rankings and the circular follow the live model one deferred render behind the first screen.
  const late = useDeferredValue(live ? board : null, null);
  const [month, setMonth] = useState<Month | null>(null);
  const [drilled, setDrilled] = useState<Id | null>(null);
  const closeDrill = useCallback(() => setDrilled(null), []);
  const content = live ?? props.snapshot ?? null;
  const lateLive = useMemo(() => (late?.workspace ? { workspace: late.workspace, rows: late.rows } : null), [late]);
  const memberNames = useMemo(() => new Map(content?.members.map((m) => [m.id, m.name])), [content]);
  const unitNames = useMemo(() => new Map(board.workspace?.units.map((u) => [u.id, u.name])), [board.workspace]);
  const reviews = useMemo(() => (late?.workspace ? reviewItems(late.workspace, late.rows) : null), [late]);
  useEffect(() => {
    if (live) onContent?.(live);
  }, [live, onContent]);

  const charts = props.charts ?? true;
  const readOnly = wall || props.readOnly === true;
  const statusProps = props.status ? { status: props.status } : {};
  const className = wall ? 'board wall' : 'board';
  const loaded = props.workspace !== null && props.summary !== null;

  if (loaded && !live) {
    return (
      <main className={className} lang={locale}>
        <BoardHeader title="" campaignName="" asOf={asOf} locale={locale} wall={wall} readOnly={readOnly} {...statusProps} />
        <p className="muted">{t(locale, 'board.workspaceInvalid')}</p>
        <InvalidNotice items={board.invalid} locale={locale} />
      </main>
    );
  }
  if (!content) return <p className="muted">{t(locale, 'board.loading')}</p>;

  // Drilling in, searching and exporting need the live rows; the saved board offers none of them.
  const workspace = live ? board.workspace : null;
  const drill = live ? props.drill : undefined;
  const onOpenProject = drill ? setDrilled : undefined;
  const selectedMonth = month ?? board.defaultMonth;
  const drilledRow = drilled === null ? undefined : board.rows.find((r) => r.projectId === drilled);

  return (
    <main className={className} lang={locale}>
      <BoardHeader title={content.title} campaignName={content.campaignName} asOf={content.asOf} locale={locale} wall={wall} readOnly={readOnly} {...statusProps} />
      {live ? null : (
        <p className="muted snapshot-note" data-snapshot="true">
          {t(locale, 'board.snapshot.showing')}
        </p>
      )}
      <InvalidNotice items={content.invalid} locale={locale} />
      {workspace && !wall && props.onExport ? (
        <ExportBar workspace={workspace} rows={board.rows} month={selectedMonth} asOf={asOf} locale={locale} onFile={props.onExport} />
      ) : null}
      {onOpenProject && !wall ? <ProjectFinder rows={board.rows} locale={locale} onOpenProject={onOpenProject} /> : null}
      {drill && drilled !== null ? (
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
      ) : null}
      <TargetsSection lines={content.targets} locale={locale} />
      <ThemesSection current={content.current} themes={content.themes} locale={locale} />
      <PipelineSection stages={content.stages} units={content.units} rows={content.pipeline} locale={locale} charts={charts && late !== null} />
      <ProblemsSection groups={content.problemGroups} names={memberNames} locale={locale} {...(onOpenProject ? { onOpenProject } : {})} />
      <NotFiledSection list={content.notFiled} locale={locale} {...(onOpenProject ? { onOpenProject } : {})} />
      <RankingsSection first={content.rankings} live={lateLive} asOf={asOf} locale={locale} charts={charts && lateLive !== null} />
      {reviews && !wall ? (
        <ReviewSection
          items={reviews}
          names={memberNames}
          locale={locale}
          {...(props.onConfirmReview && !readOnly ? { onConfirm: props.onConfirmReview } : {})}
          {...(onOpenProject ? { onOpenProject } : {})}
        />
      ) : null}
      {late?.workspace ? (
        <>
          <CircularSection workspace={late.workspace} rows={late.rows} month={selectedMonth} months={late.months} onMonth={setMonth} asOf={asOf} locale={locale} />
        </>
      ) : (
        <p className="muted">{t(locale, 'board.loading')}</p>
      )}
    </main>
  );
}
