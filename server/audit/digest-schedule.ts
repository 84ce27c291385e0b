/**
 * The server signs a digest of every document's chain head each day (issue #13 "anchored"): at start when today has
 * none yet, then just after each midnight in Asia/Shanghai, into DATA_DIR/digests/<day>.json, recording each as the
 * latest (latest-digest.ts) for the members' route.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import type { DocumentStore } from '../storage/document-store';
import { DIGEST_DIR, digestFileName, digestFingerprint, digestText, keyFingerprint, loadOrCreateDigestKey, signDigest } from './chain-digest';
import { recordLatestDigest, recordLatestFromFolder } from './latest-digest';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** A minute past midnight, so the day's last edits are in. */
const AFTER_MIDNIGHT_MS = 60_000;

export interface DigestScheduleOptions {
  store: Pick<DocumentStore, 'history' | 'listDocuments' | 'verify'>;
  dataDir: string;
  logger: Logger;
  now?: () => number;
}

export interface DigestSchedule {
  /** Signs and writes today's digest now; resolves with its file, or null when signing failed (logged). */
  signNow(): Promise<string | null>;
  stop(): void;
}

/** Milliseconds from `now` to a minute past the next midnight in Asia/Shanghai. */
export function untilNextDigest(now: number): number {
  const local = now + SHANGHAI_OFFSET_MS;
  const nextMidnight = Math.floor(local / DAY_MS) * DAY_MS + DAY_MS;
  return nextMidnight + AFTER_MIDNIGHT_MS - local;
}

export function startDigestSchedule(options: DigestScheduleOptions): DigestSchedule {
  const { store, dataDir, logger } = options;
  const now = options.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  async function signNow(): Promise<string | null> {
    try {
      const key = await loadOrCreateDigestKey(dataDir);
      const signed = await signDigest(store, key, now(), { verifyFirst: false });
      if (!signed.ok) return null;
      const dir = join(dataDir, DIGEST_DIR);
      await mkdir(dir, { recursive: true });
      const file = join(dir, digestFileName(signed.digest.at));
      await writeFile(file, digestText(signed.digest), 'utf8');
      await recordLatestDigest(dataDir, signed.digest);
      logger.info(
        { file, documents: signed.digest.heads.length, fingerprint: digestFingerprint(signed.digest), key: keyFingerprint(key.publicKeyPem) },
        'daily history digest signed',
      );
      return file;
    } catch (error) {
      logger.error({ err: error }, 'signing the daily history digest failed');
      return null;
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void signNow().finally(schedule);
    }, untilNextDigest(now()));
    timer.unref?.();
  }

  // today's digest, unless one was signed already (a restart during the day); digests signed before the latest was
  // recorded are looked through once for it
  void recordLatestFromFolder(dataDir)
    .catch((error: unknown) => logger.warn({ err: error }, 'reading the latest history digest failed'))
    .then(() => stat(join(dataDir, DIGEST_DIR, digestFileName(now()))))
    .then(
      () => undefined,
      () => (stopped ? undefined : signNow()),
    )
    .finally(schedule);

  return {
    signNow,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
