/**
 * The latest signed digest, kept small beside the digests (DATA_DIR/digests/latest.json): its fingerprint, time and
 * signer, written by whoever signs (the daily schedule, `cli digest`). The members' route reads this one file, so what
 * it costs never grows with the days of history or the size of any digest.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FingerprintSchema } from '../../shared/schema/history-anchor';
import { DIGEST_DIR, digestFingerprint, keyFingerprint, parseDigest, type SignedDigest } from './chain-digest';

export const LATEST_DIGEST_FILE = 'latest.json';
const LATEST_FORMAT = 'guatu-latest-digest/1';

const LatestDigestSchema = z.object({
  format: z.literal(LATEST_FORMAT),
  at: z.number().int().min(0),
  fingerprint: FingerprintSchema,
  keyFingerprint: FingerprintSchema,
  publicKey: z.string().min(1).max(1_000),
});
export type LatestDigest = z.infer<typeof LatestDigestSchema>;

export function latestDigestPath(dataDir: string): string {
  return join(dataDir, DIGEST_DIR, LATEST_DIGEST_FILE);
}

export function latestOf(digest: SignedDigest): LatestDigest {
  return {
    format: LATEST_FORMAT,
    at: digest.at,
    fingerprint: digestFingerprint(digest),
    keyFingerprint: keyFingerprint(digest.publicKey),
    publicKey: digest.publicKey,
  };
}

/** The recorded latest digest, or null when none was recorded (or the file is not one of ours). */
export async function readLatestDigest(dataDir: string): Promise<LatestDigest | null> {
  let text: string;
  try {
    text = await readFile(latestDigestPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = LatestDigestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Records `digest` as the latest unless a later one is recorded already. Written to a temporary file and renamed, so a
 * reader sees the old record or the new one, never half of one.
 */
export async function recordLatestDigest(dataDir: string, digest: SignedDigest): Promise<void> {
  const current = await readLatestDigest(dataDir);
  if (current !== null && current.at > digest.at) return;
  const path = latestDigestPath(dataDir);
  await mkdir(join(dataDir, DIGEST_DIR), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(latestOf(digest), null, 2)}\n`, 'utf8');
  await rename(temporary, path);
}

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.json$/;

/**
 * For a DATA_DIR whose digests were signed before the latest was recorded: records the newest readable day's digest
 * of the folder, once (at the server's start); does nothing when a latest is recorded or no digest is there.
 */
export async function recordLatestFromFolder(dataDir: string): Promise<void> {
  if ((await readLatestDigest(dataDir)) !== null) return;
  let names: string[];
  try {
    names = (await readdir(join(dataDir, DIGEST_DIR))).filter((name) => DAY_FILE.test(name)).sort();
  } catch {
    return;
  }
  for (const name of names.reverse()) {
    const digest = parseDigest(await readFile(join(dataDir, DIGEST_DIR, name), 'utf8').catch(() => ''));
    if (digest) return recordLatestDigest(dataDir, digest);
  }
}
