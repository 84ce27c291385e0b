/**
 * `import <workspaceId> <file.xlsx|file.csv>`: a project list or 月报 from the office's own spreadsheet. Prints the
 * preview (or, with --json, the preview as one JSON object), then — unless --dry-run — writes every valid row
 * through the model, attributed to `--as <memberId>` (an admin or leader of the workspace) or to the server, and
 * keeps the summary rows of the projects it touched up to date. Invalid rows are listed and left out; a second run
 * of the same file writes nothing. It writes only while no server runs on the same address (server-probe.ts);
 * with the server up, the board's 导入 page writes the same rows through the server.
 */
import * as Y from 'yjs';
import { describeFieldErrors, t } from '../../shared/i18n';
import { summaryRow } from '../../shared/calc/summary-row';
import { shanghaiDate } from '../../shared/format';
import { applyImportAction } from '../../shared/import/apply';
import { importContext } from '../../shared/import/context';
import { IMPORT_FIELDS, isImportField, type ImportField } from '../../shared/import/fields';
import { buildPreview, type ColumnMapping, type ImportKind, type ImportPreview } from '../../shared/import/preview';
import { previewJson } from '../../shared/import/preview-json';
import { toProjectBundle, toWorkspaceData } from '../../shared/model/bundles';
import { projectDocName, projectDocNamePrefix, summaryDocName, workspaceDocName } from '../../shared/model/doc-names';
import { randomId } from '../../shared/model/ids';
import { readProjectDoc } from '../../shared/model/project-read';
import { writeSummaryRow } from '../../shared/model/summary';
import { readWorkspace } from '../../shared/model/workspace-read';
import type { ProjectBundle } from '../../shared/schema/bundle';
import { ProjectIdSchema } from '../../shared/schema/common';
import { editsEverything } from '../../shared/rights';
import { loadDoc, SERVER_AUTHOR } from '../bundle/store-bundle';
import type { CliContext } from './context';
import { readSheet } from './read-sheet';

export interface ImportSheetOptions {
  kind?: string;
  month?: string;
  sheet?: string;
  as?: string;
  /** Column mapping over the suggested one: "E=content,F=none". */
  map?: string;
  'dry-run'?: boolean;
  json?: boolean;
}

const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** "E=content,F=none" → { 4: 'content', 5: null }; null when a part is not COLUMN=field. */
export function parseMapOption(text: string): ColumnMapping | null {
  const mapping: ColumnMapping = {};
  for (const part of text
    .split(/[,，]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const m = /^([A-Za-z]{1,3})\s*=\s*([A-Za-z]+)$/.exec(part);
    if (!m) return null;
    const field = m[2] ?? '';
    if (field !== 'none' && !isImportField(field)) return null;
    let index = 0;
    for (const ch of (m[1] ?? '').toUpperCase()) index = index * 26 + (ch.charCodeAt(0) - 64);
    mapping[index - 1] = field === 'none' ? null : (field as ImportField);
  }
  return mapping;
}

function printPreview(ctx: CliContext, preview: ImportPreview): void {
  const l = ctx.locale;
  const say = (line: string): void => ctx.out(line);
  say(
    t(l, 'import.cli.summary', {
      kind: t(l, `import.kind.${preview.kind}`),
      month: preview.month ?? t(l, 'import.cli.noMonth'),
      ...preview.counts,
    }),
  );
  if (preview.headerRows.length > 0) say(t(l, 'import.cli.header', { rows: preview.headerRows.join('–') }));
  for (const c of preview.columns) {
    const f = preview.mapping[c.index];
    if (f) say(t(l, 'import.cli.mapping', { column: `${c.letter} ${c.label}`, field: t(l, `import.field.${f}`) }));
  }
  const hidden = preview.columns.filter((c) => c.hidden).map((c) => c.letter);
  if (hidden.length > 0) say(t(l, 'import.cli.hiddenColumns', { columns: hidden.join(', ') }));
  if (preview.unresolved.members.length > 0) say(t(l, 'import.cli.unresolvedMembers', { names: preview.unresolved.members.join('、') }));
  if (preview.unresolved.units.length > 0) say(t(l, 'import.cli.unresolvedUnits', { names: preview.unresolved.units.join('、') }));
  for (const e of preview.sheetErrors) ctx.err(t(l, e.key, e.params));
  for (const row of preview.rows) {
    if (row.status === 'unchanged') continue; // counted in the summary line
    if (row.status === 'skipped') {
      say(t(l, 'import.cli.skip', { row: row.row, reason: t(l, `import.reason.${row.reason ?? 'blank'}`) }));
      continue;
    }
    say(t(l, 'import.cli.row', { row: row.row, status: t(l, `import.status.${row.status}`), name: [row.code, row.name].filter(Boolean).join(' ') }));
    for (const c of row.changes) say(t(l, 'import.cli.change', { field: t(l, `import.field.${c.field}`), from: c.from ?? '—', to: c.to ?? '—' }));
    for (const e of row.errors) say(t(l, 'import.cli.error', { column: e.column, message: t(l, e.key, e.params) }));
    for (const n of row.notes) say(t(l, 'import.cli.note', { column: n.column ? `${n.column}：` : '', message: t(l, n.key, n.params) }));
  }
}

export async function importSheetCommand(
  ctx: CliContext,
  workspaceId: string,
  file: string,
  options: ImportSheetOptions,
  /** True when a server runs on this DATA_DIR's address (then only --dry-run: see server-probe.ts). */
  serverRunning: () => Promise<boolean> = async () => false,
): Promise<number> {
  const l = ctx.locale;
  if (options.kind !== undefined && options.kind !== 'projects' && options.kind !== 'monthly') {
    ctx.err(t(l, 'import.cli.badKind'));
    return EXIT.usage;
  }
  if (options.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) {
    ctx.err(t(l, 'import.cli.badMonth'));
    return EXIT.usage;
  }
  const mapping = options.map === undefined ? undefined : parseMapOption(options.map);
  if (mapping === null) {
    ctx.err(t(l, 'import.cli.badMap', { fields: [...IMPORT_FIELDS, 'none'].join(', ') }));
    return EXIT.usage;
  }
  const wsDoc = await loadDoc(ctx.store, workspaceDocName(workspaceId));
  const workspace = wsDoc ? toWorkspaceData(readWorkspace(wsDoc)).data : null;
  if (!wsDoc || !workspace) {
    ctx.err(t(l, 'cli.noWorkspace', { id: workspaceId }));
    return EXIT.refused;
  }
  const authorId = options.as ?? SERVER_AUTHOR;
  if (options.as !== undefined) {
    const member = workspace.members.find((m) => m.id === options.as);
    if (!member || member.archived || !editsEverything(member.role)) {
      ctx.err(t(l, 'import.cli.notImporter', { member: options.as }));
      return EXIT.refused;
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await ctx.readBytes(file);
  } catch (error) {
    ctx.err(t(l, 'cli.cannotRead', { file, reason: error instanceof Error ? error.message : String(error) }));
    return EXIT.refused;
  }
  const read = await readSheet(file, bytes, options.sheet);
  if (!read.ok) {
    ctx.err(t(l, read.error.key, read.error.params));
    return EXIT.refused;
  }

  const docs = new Map<string, Y.Doc>();
  const bundles: ProjectBundle[] = [];
  for (const name of await ctx.store.listDocuments(projectDocNamePrefix(workspaceId))) {
    const doc = await loadDoc(ctx.store, name);
    if (!doc) continue;
    const { bundle } = toProjectBundle(readProjectDoc(doc));
    if (!bundle) continue;
    bundles.push(bundle);
    docs.set(bundle.project.id, doc);
  }
  const at = ctx.now();
  const today = shanghaiDate(at);
  const preview = buildPreview(read.sheet, importContext(workspace, bundles), {
    ...(options.kind ? { kind: options.kind as ImportKind } : {}),
    ...(options.month ? { month: options.month } : {}),
    ...(mapping ? { mapping } : {}),
    today,
    newId: randomId,
  });
  if (options.json) ctx.out(JSON.stringify(previewJson(preview, l), null, 2));
  else printPreview(ctx, preview);
  if (preview.sheetErrors.length > 0) {
    if (options.json) for (const e of preview.sheetErrors) ctx.err(t(l, e.key, e.params));
    return EXIT.refused;
  }
  if (options['dry-run']) {
    ctx.err(t(l, 'import.cli.dryRun'));
    return EXIT.ok;
  }
  if (await serverRunning()) {
    ctx.err(t(l, 'import.cli.serverRunning'));
    return EXIT.refused;
  }

  const author = { memberId: authorId, at };
  const wsBefore = Y.encodeStateVector(wsDoc);
  const touched: string[] = [];
  let created = 0;
  let updated = 0;
  const failures: string[] = [];
  for (const action of preview.actions) {
    const doc = docs.get(action.projectId) ?? new Y.Doc();
    const before = Y.encodeStateVector(doc);
    const applied = applyImportAction(action, { workspace: wsDoc, project: doc }, author, { locale: l, today });
    const update = Y.encodeStateAsUpdate(doc, before);
    if (update.length > 2) {
      await ctx.store.append(projectDocName(workspaceId, ProjectIdSchema.parse(action.projectId)), update, authorId, at);
      docs.set(action.projectId, doc);
      touched.push(action.projectId);
    }
    if (!applied.ok) {
      failures.push(`  ${t(l, 'import.cli.row', { row: action.row, status: '', name: '' }).trim()}  ${describeFieldErrors(applied.errors, l).join('; ')}`);
      continue;
    }
    if (action.type === 'create') created++;
    else updated++;
  }
  const wsUpdate = Y.encodeStateAsUpdate(wsDoc, wsBefore);
  if (wsUpdate.length > 2) await ctx.store.append(workspaceDocName(workspaceId), wsUpdate, authorId, at);
  if (touched.length > 0) {
    // the board reads the summary: a CLI write has no room to derive it, so the rows are written here
    const summary = (await loadDoc(ctx.store, summaryDocName(workspaceId))) ?? new Y.Doc();
    const summaryBefore = Y.encodeStateVector(summary);
    for (const id of touched) {
      const doc = docs.get(id);
      const { bundle, invalid } = doc ? toProjectBundle(readProjectDoc(doc)) : { bundle: null, invalid: 0 };
      if (bundle) writeSummaryRow(summary, summaryRow(bundle, invalid));
    }
    const summaryUpdate = Y.encodeStateAsUpdate(summary, summaryBefore);
    if (summaryUpdate.length > 2) await ctx.store.append(summaryDocName(workspaceId), summaryUpdate, SERVER_AUTHOR, at);
  }
  // with --json, stdout is the preview object alone
  (options.json ? ctx.err : ctx.out)(t(l, 'import.cli.applied', { created, updated, author: authorId }));
  if (failures.length > 0) {
    ctx.err(t(l, 'import.cli.failedRows', { count: failures.length }));
    for (const line of failures) ctx.err(line);
    return EXIT.refused;
  }
  return EXIT.ok;
}
