import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { t } from '../../shared/i18n';
import type { FieldError } from '../../shared/schema/field-errors';
import { createDocStore } from '../../shared/model/doc-store';
import { redMayReturn } from '../../shared/calc/escalation';
import { escalateProblem, lowerProblemToReminded } from '../../shared/model/project-problems';
import type { EscalationRules } from '../../shared/schema/campaign';
import { fileMonthlyReport } from '../../shared/model/project-reports';
import { addMonths, monthOf } from '../../shared/calc/dates';
import { shanghaiDate } from '../../shared/format';
import { readProjectDoc, type ProjectRead } from '../../shared/model/project-read';
import type { Author } from '../../shared/model/origin';
import type { EscalationLevel } from '../../shared/schema/problem';
import type { CalendarDate, Locale } from '../../shared/schema/common';
import { historyFromActivity, recordTitles, type HistoryResult } from '../../client/view-models/board/history-lines';
import { HistoryList } from '../../components/board/drill/history-list';
import { ProjectDetails, type ReportEdit } from '../../components/board/drill/project-details';
import { RevertDialog, type RevertMode } from '../../components/board/drill/revert-dialog';
import type { RevertApi } from '../../client/view-models/board/revert-preview';

/** What the drill-down needs of an open project document (a session's DocHandle has it). */
export interface DrillDocument {
  doc: Y.Doc;
  whenLocal: Promise<void>;
  release(): void;
}

export interface ProjectDrillProps {
  projectId: string;
  projectName: string;
  openProject: (projectId: string) => DrillDocument;
  /** The server's attributed history; without it (wall offline, tests) the document's activity stream is shown. */
  loadHistory?: (projectId: string) => Promise<HistoryResult>;
  /** Edits are offered only when the server would accept them (shared/rights canEditProject) and an author exists. */
  author?: () => Author;
  canEdit: boolean;
  /** Whether the signed-in member's filing of a month now waits for the 项目办's approval (the campaign's window). */
  reportNeedsApproval?: (month: string) => boolean;
  /** Today in Asia/Shanghai: the months up to last month can be back-filed. */
  today?: string;
  /** 升级 by hand is the 项目办's and leaders' (the server refuses it from anyone else). */
  canEscalate?: boolean;
  /** Today and the campaign's escalation rules: a red (督办) slip goes back to yellow only when its condition is met. */
  asOf?: CalendarDate;
  escalationRules?: EscalationRules;
  /** The 项目办's undo (shared/rights canRestore); absent for everyone else and offline-only pages. */
  revert?: RevertApi;
  /** Member names by id, and unit names by id. */
  names: ReadonlyMap<string, string>;
  unitNames: ReadonlyMap<string, string>;
  locale: Locale;
  onClose: () => void;
}

/** This year's months up to last month with no 月报 (补报); none before the year's first month of the campaign. */
function missingMonths(read: ProjectRead, today: string): string[] {
  const filed = new Set(read.reports.flatMap((r) => (r.ok ? [r.value.month] : [])));
  const last = addMonths(monthOf(today), -1);
  const months: string[] = [];
  for (let m = `${last.slice(0, 4)}-01`; m <= last; m = addMonths(m, 1)) if (!filed.has(m)) months.push(m);
  return months;
}

const EMPTY_ERRORS: ReadonlyMap<string, FieldError[]> = new Map();

function ProjectBody({ handle, ...props }: Omit<ProjectDrillProps, 'openProject' | 'projectName' | 'onClose'> & { handle: DrillDocument }) {
  const store = useMemo(() => createDocStore<ProjectRead>(handle.doc, readProjectDoc), [handle]);
  useEffect(() => () => store.destroy(), [store]);
  const read = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [server, setServer] = useState<HistoryResult | null>(null);
  const [undo, setUndo] = useState<RevertMode | null>(null);
  const [errors, setErrors] = useState(EMPTY_ERRORS);
  const { loadHistory, projectId } = props;

  useEffect(() => {
    let live = true;
    setServer(null);
    if (loadHistory) void loadHistory(projectId).then((result) => live && setServer(result));
    return () => {
      live = false;
    };
  }, [loadHistory, projectId]);

  // the history names members and units (责任单位, 责任部门), never their ids
  const historyNames = useMemo(() => new Map([...props.unitNames, ...props.names]), [props.unitNames, props.names]);
  const online = server?.ok === true;
  const lines = online ? server.lines : historyFromActivity(read.activity, recordTitles(read));
  const author = props.author;
  const onEscalate =
    props.canEscalate && author
      ? (problemId: string, level: EscalationLevel) => {
          const result = escalateProblem(handle.doc, problemId, level, author());
          setErrors(result.ok ? EMPTY_ERRORS : new Map([[problemId, result.errors]]));
        }
      : undefined;
  const reportEdit: ReportEdit | undefined =
    props.canEdit && author
      ? {
          onFile: (input) => fileMonthlyReport(handle.doc, input, author()),
          needsApproval: props.reportNeedsApproval ?? (() => false),
          missingMonths: missingMonths(read, props.today ?? shanghaiDate(Date.now())),
        }
      : undefined;
  const { asOf, escalationRules: rules } = props;
  const lowering =
    props.canEscalate && author && asOf && rules
      ? {
          mayLower: (problemId: string) => {
            const problem = read.problems.find((r) => r.ok && r.value.id === problemId);
            return problem?.ok === true && redMayReturn(problem.value, asOf, rules);
          },
          onLower: (problemId: string) => {
            const result = lowerProblemToReminded(handle.doc, problemId, asOf, rules, author());
            setErrors(result.ok ? EMPTY_ERRORS : new Map([[problemId, result.errors]]));
          },
        }
      : {};

  const revert = props.revert;
  return (
    <>
      {props.canEdit ? null : <p className="muted">{t(props.locale, 'board.drill.noRights')}</p>}
      {revert && undo === null ? (
        <p className="drill-undo">
          <button type="button" onClick={() => setUndo('member')}>
            {t(props.locale, 'restore.ui.openRevert')}
          </button>
          <button type="button" onClick={() => setUndo('at')}>
            {t(props.locale, 'restore.ui.openRestore')}
          </button>
        </p>
      ) : null}
      {revert && undo !== null ? (
        <RevertDialog
          mode={undo}
          projectId={props.projectId}
          locale={props.locale}
          members={props.names}
          names={historyNames}
          api={revert}
          onClose={() => setUndo(null)}
        />
      ) : null}
      <ProjectDetails
        read={read}
        locale={props.locale}
        names={props.names}
        unitNames={props.unitNames}
        errors={errors}
        {...(onEscalate ? { onEscalate } : {})}
        {...(reportEdit ? { reportEdit } : {})}
        {...lowering}
      />
      <HistoryList lines={lines} offline={!online} locale={props.locale} names={historyNames} />
    </>
  );
}

/** Drill-down: opens the one project document asked for (never all of them), shows it and its attributed history. */
export function ProjectDrill(props: ProjectDrillProps) {
  const { openProject, projectId } = props;
  const [handle, setHandle] = useState<DrillDocument | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const opened = openProject(projectId);
    let live = true;
    setHandle(opened);
    setReady(false);
    void opened.whenLocal.then(() => live && setReady(true));
    return () => {
      live = false;
      opened.release();
    };
  }, [openProject, projectId]);

  return (
    <aside className="project-drill" aria-label={props.projectName} data-drill={projectId}>
      <header>
        <h2>{props.projectName}</h2>
        <button type="button" onClick={props.onClose}>
          {t(props.locale, 'board.drill.close')}
        </button>
      </header>
      {handle && ready ? <ProjectBody handle={handle} {...props} /> : <p className="muted">{t(props.locale, 'board.drill.loading')}</p>}
    </aside>
  );
}
