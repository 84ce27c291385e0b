import './board.css';
import { useCallback, useDeferredValue, useState } from 'react';
import type { ExportFile } from '../../client/export/export-file';
import { t } from '../../shared/i18n';
import type { Author, SummaryRead, WorkspaceRead } from '../../shared/model';
import type { CalendarDate, Id, Locale, Month } from '../../shared/schema';
import { BoardHeader, type BoardStatus } from './board-header';
import { CircularSection } from './circular-section';
import { ProjectDrill, type DrillDocument } from './drill/project-drill';
import type { HistoryResult } from './drill/history';
import { ExportBar } from './export-bar';
import { InvalidNotice } from './invalid-notice';
import { NotFiledSection } from './not-filed-section';
import { PipelineSection } from './pipeline-section';
import { ProblemsSection } from './problems-section';
import { ProjectFinder } from './project-finder';
import { RankingsSection } from './rankings-section';
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
  workspace: WorkspaceRead;
  summary: SummaryRead;
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
}

/**
 * The progress board (挂图作战). Tables paint first from the summary rows; the rankings and the circular, which rank
 * every unit and member, render in a deferred pass right after, and the charts load their code after that.
 */
export function BoardView(props: BoardViewProps) {
  const { locale, asOf, mode } = props;
  const wall = mode === 'wall';
  const board = useBoard(props.workspace, props.summary, asOf);
  const later = useDeferredValue(true, false);
  const [month, setMonth] = useState<Month | null>(null);
  const [drilled, setDrilled] = useState<Id | null>(null);
  const closeDrill = useCallback(() => setDrilled(null), []);
  const charts = props.charts ?? true;
  const drill = props.drill;
  const onOpenProject = drill ? setDrilled : undefined;

  if (!board.workspace || !board.data) {
    return (
      <main className={wall ? 'board wall' : 'board'} lang={locale}>
        <BoardHeader title="" campaignName="" asOf={asOf} locale={locale} wall={wall} readOnly={wall || props.readOnly === true} {...(props.status ? { status: props.status } : {})} />
        <p className="muted">{t(locale, 'board.workspaceInvalid')}</p>
        <InvalidNotice items={board.invalid} locale={locale} />
      </main>
    );
  }

  const workspace = board.workspace;
  const data = board.data;
  const selectedMonth = month ?? board.defaultMonth;
  const names = new Map(workspace.members.map((m) => [m.id, m.name]));
  const unitNames = new Map(workspace.units.map((u) => [u.id, u.name]));
  const drilledRow = drilled === null ? undefined : board.rows.find((r) => r.projectId === drilled);

  return (
    <main className={wall ? 'board wall' : 'board'} lang={locale}>
      <BoardHeader
        title={workspace.name}
        campaignName={workspace.campaign.name}
        asOf={asOf}
        locale={locale}
        wall={wall}
        readOnly={wall || props.readOnly === true}
        {...(props.status ? { status: props.status } : {})}
      />
      <InvalidNotice items={board.invalid} locale={locale} />
      {!wall && props.onExport ? (
        <ExportBar workspace={workspace} rows={board.rows} month={selectedMonth} asOf={asOf} locale={locale} onFile={props.onExport} />
      ) : null}
      {onOpenProject && !wall ? <ProjectFinder rows={board.rows} locale={locale} onOpenProject={onOpenProject} /> : null}
      {drill && drilled !== null ? (
        <ProjectDrill
          projectId={drilled}
          projectName={drilledRow?.name ?? drilled}
          openProject={drill.open}
          {...(drill.loadHistory ? { loadHistory: drill.loadHistory } : {})}
          {...(drill.author && !wall && !props.readOnly ? { author: drill.author } : {})}
          canEdit={!wall && props.readOnly !== true && drill.canEdit(drilled)}
          names={names}
          unitNames={unitNames}
          locale={locale}
          onClose={closeDrill}
        />
      ) : null}
      <TargetsSection lines={data.targets} locale={locale} />
      <ThemesSection current={data.current} themes={data.themes} locale={locale} />
      <PipelineSection workspace={workspace} rows={board.rows} locale={locale} charts={charts && later} />
      <ProblemsSection groups={data.problemGroups} workspace={workspace} locale={locale} {...(onOpenProject ? { onOpenProject } : {})} />
      <NotFiledSection list={data.notFiled} locale={locale} {...(onOpenProject ? { onOpenProject } : {})} />
      {later ? (
        <>
          <RankingsSection workspace={workspace} rows={board.rows} asOf={asOf} locale={locale} charts={charts} />
          <CircularSection workspace={workspace} rows={board.rows} month={selectedMonth} months={board.months} onMonth={setMonth} asOf={asOf} locale={locale} />
        </>
      ) : (
        <p className="muted">{t(locale, 'board.loading')}</p>
      )}
    </main>
  );
}
