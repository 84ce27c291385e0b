import { Dexie, type EntityTable } from 'dexie';
import { z } from 'zod';
import { TimestampSchema, type Locale } from '../shared/schema/common';
import type { BoardSnapshot } from './board-snapshot-schema';
import { ChecklistProjectionSchema, JoinedWorkspaceSchema, LocaleRow, type ChecklistProjection, type JoinedWorkspace } from './stored-rows';

export {
  ChecklistProjectionSchema,
  ChecklistItemSchema,
  JoinedWorkspaceSchema,
  ProjectionTargetSchema,
  ProjectionProjectSchema,
  type ChecklistProjection,
  type JoinedWorkspace,
  type ProjectionTarget,
  type ProjectionProject,
} from './stored-rows';

/** The default database name; tests pass their own. */
export const GUATU_DB_NAME = 'guatu';

export const NotificationRecordSchema = z.object({ id: z.string().min(1), notifiedAt: TimestampSchema });
export type NotificationRecord = z.infer<typeof NotificationRecordSchema>;

export interface SettingRow {
  key: string;
  value: unknown;
}

/** The key of a joined workspace. */
export function workspaceKey(serverUrl: string, workspaceId: string): string {
  return `${serverUrl}|${workspaceId}`;
}

/**
 * What is local to one browser and must be queried fast (SPEC §4): joined workspaces and tokens, the checklist
 * projection the popup paints from, notification state, settings. Rows are typed loosely here (`unknown` fields would
 * make Dexie's typing useless) and validated by the readers below, because an older version may have written them.
 */
export class GuatuDb extends Dexie {
  workspaces!: EntityTable<JoinedWorkspace, 'key'>;
  projections!: EntityTable<ChecklistProjection, 'key'>;
  notifications!: EntityTable<NotificationRecord, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  /** The board as last derived (client/board-snapshot.ts): painted before the documents load. Since version 2. */
  boardSnapshots!: EntityTable<BoardSnapshot, 'key'>;

  constructor(name: string = GUATU_DB_NAME) {
    super(name);
    // Version 1. A later schema change adds `this.version(2).stores(…).upgrade(…)`; never edit this line.
    this.version(1).stores({
      workspaces: '&key, workspaceId',
      projections: '&key',
      notifications: '&id',
      settings: '&key',
    });
    // Version 2 adds the board snapshot cache; the version 1 tables carry over unchanged.
    this.version(2).stores({ boardSnapshots: '&key' });
  }
}

export function openGuatuDb(name: string = GUATU_DB_NAME): GuatuDb {
  return new GuatuDb(name);
}

/** Every joined workspace that validates, by join time; rows that do not validate are left out (and left alone). */
export async function readWorkspaces(db: GuatuDb): Promise<JoinedWorkspace[]> {
  const rows: unknown[] = await db.workspaces.toArray();
  const valid: JoinedWorkspace[] = [];
  for (const row of rows) {
    const parsed = JoinedWorkspaceSchema.safeParse(row);
    if (parsed.success) valid.push(parsed.data);
  }
  return valid.sort((a, b) => a.joinedAt - b.joinedAt || (a.key < b.key ? -1 : 1));
}

export async function readWorkspace(db: GuatuDb, key: string): Promise<JoinedWorkspace | null> {
  const parsed = JoinedWorkspaceSchema.safeParse(await db.workspaces.get(key));
  return parsed.success ? parsed.data : null;
}

/** The stored checklist of a workspace, or null when there is none or it does not validate. */
export async function readProjection(db: GuatuDb, key: string): Promise<ChecklistProjection | null> {
  const parsed = ChecklistProjectionSchema.safeParse(await db.projections.get(key));
  return parsed.success ? parsed.data : null;
}

/** Every stored checklist that validates. */
export async function readProjections(db: GuatuDb): Promise<ChecklistProjection[]> {
  const rows: unknown[] = await db.projections.toArray();
  const valid: ChecklistProjection[] = [];
  for (const row of rows) {
    const parsed = ChecklistProjectionSchema.safeParse(row);
    if (parsed.success) valid.push(parsed.data);
  }
  return valid;
}

const LOCALE_KEY = 'locale';
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The chosen language; zh-CN when none was chosen or the stored value is not a language we have. */
export async function getLocale(db: GuatuDb): Promise<Locale> {
  const row = await db.settings.get(LOCALE_KEY);
  const parsed = LocaleRow.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_LOCALE;
}

export async function setLocale(db: GuatuDb, locale: Locale): Promise<void> {
  await db.settings.put({ key: LOCALE_KEY, value: locale });
}

/** The organisation's default language (managed policy) applies only until the person chooses one themselves. */
export async function setDefaultLocale(db: GuatuDb, locale: Locale): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    if (!(await db.settings.get(LOCALE_KEY))) await db.settings.put({ key: LOCALE_KEY, value: locale });
  });
}
