/**
 * The 导入 page (issue #10): the 项目办 or a leader picks the office's spreadsheet, checks the preview and the column
 * mapping, and confirms; the rows are written through the model as their own edits on the open workspace.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { chooseWorkspace } from '../../client/board-start';
import { getLocale, type GuatuDb, type JoinedWorkspace } from '../../client/db';
import { useDocRead } from '../../client/hooks';
import { applyImport, loadImportContext, type ApplyOutcome } from '../../client/import/import-session';
import { readMapping, saveMapping, saveReportTemplate } from '../../client/import/mapping-memory';
import { reportTemplateName, reportTemplateOf } from '../../client/import/report-template';
import { readSpreadsheet } from '../../client/import/read-file';
import { listWorkspaces } from '../../client/join';
import { openSession, type Session } from '../../client/session';
import { importPreviewView, type RowFilter } from '../../client/view-models/import/preview-view';
import { ImportScreen, type ImportPhase, type ImportResultView } from '../../components/import/import-screen';
import { describeFieldErrors, t } from '../../shared/i18n';
import { shanghaiDate } from '../../shared/format';
import type { ImportField } from '../../shared/import/fields';
import type { Sheet } from '../../shared/import/grid';
import { findHeader } from '../../shared/import/header';
import { buildPreview, type ColumnMapping, type ExistingProject, type ImportKind, type ImportPreview } from '../../shared/import/preview';
import { templateKey } from '../../shared/import/template-key';
import { squeeze } from '../../shared/import/text';
import { randomId } from '../../shared/model/ids';
import { validValues } from '../../shared/model/result';
import { readSummary } from '../../shared/model/summary';
import { readWorkspace } from '../../shared/model/workspace-read';
import { effectiveRole, editsEverything } from '../../shared/rights';
import type { Locale } from '../../shared/schema/common';
import type { DocHandle } from '../../client/doc-handle';

interface Props {
  db: GuatuDb;
  workspaceKey: string | null;
  forcedLocale: Locale | null;
}

function useSummaryHandle(session: Session | null): DocHandle | null {
  const [handle, setHandle] = useState<DocHandle | null>(null);
  useEffect(() => {
    if (!session) return;
    const opened = session.summary();
    setHandle(opened);
    return () => {
      setHandle(null);
      opened.release();
    };
  }, [session]);
  return handle;
}

export function ImportApp({ db, workspaceKey, forcedLocale }: Props) {
  const [locale, setLocale] = useState<Locale>(forcedLocale ?? 'zh-CN');
  const [ws, setWs] = useState<JoinedWorkspace | null | undefined>(undefined);
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    void Promise.all([listWorkspaces(db), getLocale(db)]).then(([all, saved]) => {
      setWs(chooseWorkspace(all, workspaceKey) ?? null);
      if (!forcedLocale) setLocale(saved);
    });
  }, [db, workspaceKey, forcedLocale]);
  useEffect(() => {
    if (!ws) return;
    const opened = openSession(ws);
    setSession(opened);
    return () => {
      setSession(null);
      opened.close();
    };
  }, [ws]);

  const workspace = useDocRead(session?.workspace ?? null, readWorkspace);
  const summaryHandle = useSummaryHandle(session);
  const summary = useDocRead(summaryHandle, readSummary);
  const role = useMemo(() => {
    if (!ws || !workspace) return null;
    return effectiveRole(ws, { members: validValues(workspace.members), registry: validValues(workspace.registry) });
  }, [ws, workspace]);

  const [phase, setPhase] = useState<ImportPhase>('pick');
  const [busy, setBusy] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [sheets, setSheets] = useState<Sheet[]>([]);
  const [sheetIndex, setSheetIndex] = useState(0);
  const [kind, setKind] = useState<ImportKind | null>(null);
  const [month, setMonth] = useState('');
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [template, setTemplate] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [filter, setFilter] = useState<RowFilter>('all');
  const [result, setResult] = useState<ImportResultView | null>(null);
  const [templateKept, setTemplateKept] = useState<string | null>(null);
  const outcome = useRef<ApplyOutcome | null>(null);
  // project documents read for this sheet's preview; forgotten when a file is written or another is picked
  const readProjects = useRef(new Map<string, ExistingProject>());
  const phaseNow = useRef<ImportPhase>(phase);
  phaseNow.current = phase;
  useEffect(() => () => outcome.current?.release(), []);

  const sheet = sheets[sheetIndex] ?? null;
  const rows = useMemo(() => (summary ? validValues(summary.rows) : []), [summary]);

  // the remembered mapping of this template, when a sheet is chosen
  useEffect(() => {
    if (!sheet || !ws) return;
    const header = findHeader(sheet);
    const key = header ? templateKey(header.columns) : null;
    setTemplate(key);
    setMapping({});
    if (key) void readMapping(db, ws.key, key).then((saved) => saved && setMapping(saved));
  }, [sheet, ws, db]);

  // the preview: match against the summary, read the matched projects' documents, then compare
  useEffect(() => {
    if (!sheet || !session || !summary || !workspace) return;
    // once confirmed, the documents changing under the preview (the import itself) do not redraw it
    if (phaseNow.current === 'applying' || phaseNow.current === 'done') return;
    let current = true;
    const options = {
      ...(kind ? { kind } : {}),
      ...(month ? { month } : {}),
      mapping,
      today: shanghaiDate(Date.now()),
      newId: randomId,
    };
    void (async () => {
      const first = buildPreview(sheet, { projects: [], members: [], units: [] }, options);
      const codes = new Set(first.rows.map((r) => squeeze(r.code)).filter((c) => c !== ''));
      const names = new Set(first.rows.map((r) => squeeze(r.name)));
      // the registry too: a project written a moment ago is there before the server has derived its summary row
      const matched = [
        ...new Set([
          ...rows.filter((r) => (r.code !== '' && codes.has(squeeze(r.code))) || names.has(squeeze(r.name))).map((r) => r.projectId),
          ...validValues(workspace.registry)
            .filter((e) => names.has(squeeze(e.name)))
            .map((e) => e.id),
        ]),
      ];
      if (matched.length > 0) setBusy(t(locale, 'import.page.loadingProjects', { count: matched.length }));
      const context = await loadImportContext(session, rows, matched, readProjects.current);
      if (!current) return;
      setBusy(null);
      setPreview(buildPreview(sheet, context, options));
      setPhase((p) => (p === 'reading' || p === 'pick' ? 'preview' : p));
    })();
    return () => {
      current = false;
    };
  }, [sheet, session, summary, workspace, kind, month, mapping, rows, locale]);

  const onFile = useCallback(
    (file: File) => {
      setFileName(file.name);
      setTemplateKept(null);
      readProjects.current = new Map();
      setFileError(null);
      setPreview(null);
      setSheets([]);
      setPhase('reading');
      setBusy(t(locale, 'import.page.reading', { file: file.name }));
      void file.arrayBuffer().then(async (buffer) => {
        const read = await readSpreadsheet(file.name, new Uint8Array(buffer));
        setBusy(null);
        if (!read.ok) {
          setFileError(t(locale, read.error.key, read.error.params));
          setPhase('pick');
          return;
        }
        setKind(null);
        setMonth('');
        setSheetIndex(0);
        setSheets(read.sheets);
      });
    },
    [locale],
  );

  // a 月报's layout is kept for the board's "月报（按导入模板）" export when its mapping is saved or it is imported
  const keepReportTemplate = useCallback(
    (of: ImportPreview, columnMapping: ColumnMapping) => {
      const fields = Object.values(columnMapping);
      if (!ws || of.kind !== 'monthly' || !fields.includes('name') || !(fields.includes('cumulative') || fields.includes('monthCompleted'))) return;
      const stored = {
        name: reportTemplateName(of.titleLines, of.sheetName, fileName),
        template: reportTemplateOf(of.columns, columnMapping, of.titleLines),
        savedAt: Date.now(),
      };
      void saveReportTemplate(db, ws.key, stored).then(() => setTemplateKept(stored.name));
    },
    [ws, db, fileName],
  );

  const onMapping = useCallback(
    (column: number, field: ImportField | null) => {
      const next = { ...(preview?.mapping ?? mapping), [column]: field };
      setMapping(next);
      if (ws && template) void saveMapping(db, ws.key, template, next);
      if (preview) keepReportTemplate(preview, next);
    },
    [preview, mapping, ws, template, db, keepReportTemplate],
  );

  const onConfirm = useCallback(() => {
    if (!session || !preview) return;
    keepReportTemplate(preview, preview.mapping);
    const total = preview.actions.length;
    setPhase('applying');
    setBusy(t(locale, 'import.page.applying', { done: 0, total }));
    void applyImport(session, preview.actions, {
      locale,
      today: shanghaiDate(Date.now()),
      onProgress: (done) => setBusy(t(locale, 'import.page.applying', { done, total })),
    }).then((done) => {
      readProjects.current = new Map();
      outcome.current?.release();
      outcome.current = done;
      setBusy(null);
      setResult({
        applied: done.applied,
        failed: done.failed.map((f) => ({ row: f.row, lines: describeFieldErrors(f.errors, locale) })),
        synced: done.synced,
      });
      setPhase('done');
    });
  }, [session, preview, locale, keepReportTemplate]);

  const onReset = useCallback(() => {
    setPhase('pick');
    setPreview(null);
    setSheets([]);
    setFileName(null);
    setResult(null);
  }, []);

  const view = useMemo(() => (preview ? importPreviewView(preview, locale, filter) : null), [preview, locale, filter]);
  const backHref = `/board.html${ws ? `?ws=${encodeURIComponent(ws.key)}` : ''}`;

  if (ws === undefined || (ws && !workspace)) return <p className="muted">{t(locale, 'import.page.loading')}</p>;
  if (ws === null) return <p>{t(locale, 'import.page.noWorkspace')}</p>;
  if (role === null || !editsEverything(role)) return <p role="alert">{t(locale, 'import.page.notAllowed')}</p>;
  return (
    <ImportScreen
      locale={locale}
      phase={phase}
      busy={busy}
      fileError={fileError}
      fileName={fileName}
      sheetNames={sheets.map((s) => s.name)}
      sheetIndex={sheetIndex}
      kind={preview?.kind ?? kind ?? 'projects'}
      month={month || preview?.month || ''}
      view={view}
      filter={filter}
      result={result}
      backHref={backHref}
      templateKept={templateKept}
      onFile={onFile}
      onSheet={setSheetIndex}
      onKind={setKind}
      onMonth={setMonth}
      onMapping={onMapping}
      onFilter={setFilter}
      onConfirm={onConfirm}
      onReset={onReset}
    />
  );
}
