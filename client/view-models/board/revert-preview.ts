/**
 * The board's undo preview (issue #13 "restorable") as the server answers it, checked, and in plain words: each field
 * that will change (current → restored, with names for people, 万元/亿元, Shanghai dates: shared/history), each record
 * archived, each conflict left alone and each 月报 kept.
 */
import { z } from 'zod';
import { t, type MessageKey } from '../../../shared/i18n';
import { describeValue, fieldName, personName, recordName, type DescribeContext } from '../../../shared/history/describe-entry';
import { formatShanghaiTime } from '../../../shared/format';

const RecordSchema = z.object({ kind: z.string().max(32), id: z.string().max(64), title: z.string().max(20_000).optional() });
const KeptSchema = RecordSchema.extend({ reason: z.enum(['filedAfter', 'correctedAfter', 'createdAfter']).optional() });

export const RevertPreviewSchema = z.object({
  plan: z.string().max(128),
  projects: z
    .array(
      z.object({
        projectId: z.string().max(64),
        name: z.string().max(2_000),
        restores: z.array(z.object({ record: RecordSchema, field: z.string().max(64), current: z.unknown(), restore: z.unknown() })).max(10_000),
        archives: z.array(RecordSchema).max(10_000),
        conflicts: z
          .array(
            z.object({
              record: RecordSchema,
              field: z.string().max(64),
              later: z.object({ by: z.string().max(64), at: z.number(), value: z.unknown() }),
            }),
          )
          .max(10_000),
        kept: z.array(KeptSchema).max(10_000),
      }),
    )
    .max(1_000),
});
export type RevertPreview = z.infer<typeof RevertPreviewSchema>;

/** What the admin asks: a member's changes in a window (one project or all), or one project back to a time. */
export type RevertAsk = { kind: 'member'; member: string; from: number; to: number; projectId: string | null } | { kind: 'at'; projectId: string; at: number };

/** The preview, or why not (the server's message in the page's language; offline: none). A stale apply brings the new preview. */
export type PreviewAnswer = { ok: true; preview: RevertPreview } | { ok: false; message: string | null; preview?: RevertPreview };
export type ApplyAnswer = { ok: true; written: number; restored: number; archived: number } | { ok: false; message: string | null; preview?: RevertPreview };

/** The server's preview and apply, as the board reaches them. */
export interface RevertApi {
  preview(ask: RevertAsk): Promise<PreviewAnswer>;
  apply(ask: RevertAsk, plan: string): Promise<ApplyAnswer>;
}

export interface PreviewLine {
  /** `change`: will be written; `conflict`: left alone; `kept`: cannot be taken back. */
  kind: 'change' | 'conflict' | 'kept';
  text: string;
}

export interface PreviewView {
  header: string;
  projects: Array<{ projectId: string; title: string; lines: PreviewLine[] }>;
  /** Nothing would be written. */
  empty: boolean;
}

const KEPT: Record<NonNullable<RevertPreview['projects'][number]['kept'][number]['reason']>, MessageKey> = {
  filedAfter: 'restore.ui.keptFiledAfter',
  correctedAfter: 'restore.ui.keptCorrectedAfter',
  createdAfter: 'restore.ui.keptCreatedAfter',
};

export function previewView(preview: RevertPreview, ask: RevertAsk, ctx: DescribeContext): PreviewView {
  const { locale } = ctx;
  const header =
    ask.kind === 'at'
      ? t(locale, 'restore.ui.headerRestore', { at: formatShanghaiTime(ask.at) })
      : t(locale, 'restore.ui.headerRevert', { member: personName(ask.member, ctx), from: formatShanghaiTime(ask.from), to: formatShanghaiTime(ask.to) });
  let writes = 0;
  const projects = preview.projects.map((project) => {
    const lines: PreviewLine[] = [];
    for (const r of project.restores) {
      const text = t(locale, 'restore.ui.restore', {
        record: recordName(r.record, locale),
        field: fieldName(r.record.kind, r.field, locale),
        current: describeValue(r.field, r.current, ctx),
        restore: describeValue(r.field, r.restore, ctx),
      });
      lines.push({ kind: 'change', text });
    }
    for (const record of project.archives)
      lines.push({
        kind: 'change',
        text: t(locale, ask.kind === 'at' ? 'restore.ui.archiveRestore' : 'restore.ui.archiveRevert', { record: recordName(record, locale) }),
      });
    for (const c of project.conflicts) {
      const text = t(locale, 'restore.ui.conflict', {
        record: recordName(c.record, locale),
        field: fieldName(c.record.kind, c.field, locale),
        who: personName(c.later.by, ctx),
        when: formatShanghaiTime(c.later.at),
        value: describeValue(c.field, c.later.value, ctx),
      });
      lines.push({ kind: 'conflict', text });
    }
    for (const record of project.kept)
      lines.push({ kind: 'kept', text: t(locale, record.reason ? KEPT[record.reason] : 'restore.ui.keptRevert', { record: recordName(record, locale) }) });
    writes += project.restores.length + project.archives.length;
    return { projectId: project.projectId, title: t(locale, 'restore.ui.project', { name: project.name }), lines };
  });
  return { header, projects, empty: writes === 0 };
}
