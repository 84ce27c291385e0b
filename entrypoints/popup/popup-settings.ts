import { z } from 'zod';
import type { GuatuDb } from '../../client/db';

/** The workspace the popup showed last (a settings row, so the choice survives closing the popup). */
const CURRENT_KEY = 'popup.workspace';

export async function getCurrentWorkspaceKey(db: GuatuDb): Promise<string | null> {
  const parsed = z.string().min(1).safeParse((await db.settings.get(CURRENT_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

export async function setCurrentWorkspaceKey(db: GuatuDb, key: string): Promise<void> {
  await db.settings.put({ key: CURRENT_KEY, value: key });
}
