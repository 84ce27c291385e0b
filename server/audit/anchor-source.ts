/**
 * What the members' route tells of the anchored history: the latest signed digest (latest-digest.ts) and the server's
 * signing key, each read again only when its file changed (one `stat` each per request otherwise), so a wall display
 * asking every few minutes costs two stats.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnchorDigest, AnchorKey } from '../../shared/schema/history-anchor';
import { DIGEST_KEY_FILE, existingPublicKey, keyFingerprint } from './chain-digest';
import { latestDigestPath, readLatestDigest } from './latest-digest';

export interface AnchorSource {
  read(): Promise<{ latest: AnchorDigest | null; key: AnchorKey | null }>;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The instant in Asia/Shanghai as ISO 8601 with its offset: "2026-12-05T00:01:00+08:00". */
export function shanghaiIso(at: number): string {
  return `${new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** A file's identity for caching: its change time and size; null when it is absent. */
async function versionOf(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    return `${info.mtimeMs}:${info.ctimeMs}:${info.size}:${info.ino}`;
  } catch {
    return null;
  }
}

/** Reads `load` again only when `path` changed since the last read. */
function cachedByFile<T>(path: string, load: () => Promise<T>): () => Promise<T> {
  let cached: { version: string | null; value: Promise<T> } | null = null;
  return async () => {
    const version = await versionOf(path);
    if (cached === null || cached.version !== version) cached = { version, value: load() };
    return cached.value;
  };
}

export function anchorSource(dataDir: string): AnchorSource {
  const latest = cachedByFile(latestDigestPath(dataDir), async (): Promise<AnchorDigest | null> => {
    const recorded = await readLatestDigest(dataDir);
    if (recorded === null) return null;
    return { fingerprint: recorded.fingerprint, at: recorded.at, signedAt: shanghaiIso(recorded.at), keyFingerprint: recorded.keyFingerprint };
  });
  const key = cachedByFile(join(dataDir, DIGEST_KEY_FILE), async (): Promise<AnchorKey | null> => {
    const publicKey = await existingPublicKey(dataDir);
    return publicKey === null ? null : { fingerprint: keyFingerprint(publicKey), publicKey };
  });
  return {
    async read() {
      const [digest, signer] = await Promise.all([latest(), key()]);
      return { latest: digest, key: signer };
    },
  };
}
