/**
 * Anchored history (issue #13): the hash chain is only tamper-evident against whoever cannot rewrite the database,
 * since a rewrite can recompute every hash. A digest signs the chain head (seq and hash of the last update) of every
 * document with the server's Ed25519 key; kept outside the database (printed, mailed, filed with the monthly 通报),
 * it lets anyone later prove that today's history extends the one that was signed: each signed head must still be
 * there, with the same hash, on an intact chain. A rewrite of anything up to a signed head changes that hash.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { shortFingerprint } from '../../shared/schema/history-anchor';
import type { DocumentStore } from '../storage/document-store';

export const DIGEST_FORMAT = 'guatu-digest/1';
/** The signing key's file in DATA_DIR (PKCS#8 PEM, readable by the server's user only). */
export const DIGEST_KEY_FILE = 'digest-signing-key.pem';
/** Where the server keeps the digests it signs each day. */
export const DIGEST_DIR = 'digests';

/** Records read per page while a document's head is found. */
const PAGE = 5_000;

export interface DigestHead {
  doc: string;
  seq: number;
  hash: string;
}

const HeadSchema = z.object({ doc: z.string().min(1).max(512), seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export const SignedDigestSchema = z.object({
  format: z.literal(DIGEST_FORMAT),
  /** When it was signed (epoch ms). */
  at: z.number().int().min(0),
  heads: z.array(HeadSchema),
  /** The signer's public key (SPKI PEM). */
  publicKey: z.string().min(1).max(1_000),
  /** Ed25519 signature (base64) over `digestPayload`. */
  signature: z.string().min(1).max(200),
});
export type SignedDigest = z.infer<typeof SignedDigestSchema>;

/** The exact bytes signed: format, time and heads in document order, as canonical JSON. */
export function digestPayload(digest: Pick<SignedDigest, 'format' | 'at' | 'heads'>): Buffer {
  const heads = [...digest.heads].sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0)).map((h) => ({ doc: h.doc, seq: h.seq, hash: h.hash }));
  return Buffer.from(JSON.stringify({ format: digest.format, at: digest.at, heads }), 'utf8');
}

/**
 * A short fingerprint people can compare and print (the 通报 and 月报 exports and the wall carry it): the shared short
 * form of the SHA-256 of the signed bytes followed by the signature (base64 text), so a changed head, time or
 * signature changes it.
 */
export function digestFingerprint(digest: SignedDigest): string {
  return shortFingerprint(createHash('sha256').update(digestPayload(digest)).update(digest.signature).digest('hex'));
}

/** The public key's fingerprint (what the CLI and the wall display print so a reader can trust a digest's signer). */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return shortFingerprint(createHash('sha256').update(der).digest('hex'));
}

export interface DigestKey {
  privateKey: KeyObject;
  publicKeyPem: string;
}

/** The server's signing key, generated in DATA_DIR on first use. */
export async function loadOrCreateDigestKey(dataDir: string): Promise<DigestKey> {
  const path = join(dataDir, DIGEST_KEY_FILE);
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await mkdir(dataDir, { recursive: true });
    // 'wx': two processes creating it at once must not overwrite each other's key
    try {
      await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      pem = await readFile(path, 'utf8');
    }
    await chmod(path, 0o600).catch(() => undefined);
  }
  const privateKey = createPrivateKey(pem);
  return { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

/** The public key in DATA_DIR, or null when no key was ever made there. */
export async function existingPublicKey(dataDir: string): Promise<string | null> {
  try {
    const pem = await readFile(join(dataDir, DIGEST_KEY_FILE), 'utf8');
    return createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    return null;
  }
}

/** The last stored update of one document (null when none), read page by page. */
async function lastRecord(store: Pick<DocumentStore, 'history'>, doc: string): Promise<DigestHead | null> {
  let from = 1;
  let last: DigestHead | null = null;
  for (;;) {
    const page = await store.history(doc, from, PAGE);
    const end = page.at(-1);
    if (end) last = { doc, seq: end.seq, hash: end.hash };
    if (page.length < PAGE || !end) return last;
    from = end.seq + 1;
  }
}

/** Every document's chain head, in document order. */
export async function chainHeads(store: Pick<DocumentStore, 'history' | 'listDocuments'>): Promise<DigestHead[]> {
  const heads: DigestHead[] = [];
  for (const doc of [...(await store.listDocuments())].sort()) {
    const head = await lastRecord(store, doc);
    if (head) heads.push(head);
  }
  return heads;
}

export type SignResult = { ok: true; digest: SignedDigest } | { ok: false; brokenAt: { docName: string; seq: number; reason: string } | null };

/**
 * Signs the heads of every document, once the whole chain verifies (a broken chain is never signed). The server's
 * daily digest skips that check (`verifyFirst: false`: recomputing a year of hashes would hold up the sync server);
 * a chain already broken when signed still shows as broken when the digest is verified.
 */
export async function signDigest(
  store: Pick<DocumentStore, 'history' | 'listDocuments' | 'verify'>,
  key: DigestKey,
  at: number,
  { verifyFirst = true }: { verifyFirst?: boolean } = {},
): Promise<SignResult> {
  if (verifyFirst) {
    const report = await store.verify();
    if (!report.ok) return { ok: false, brokenAt: report.brokenAt ?? null };
  }
  const heads = await chainHeads(store);
  const unsigned = { format: DIGEST_FORMAT, at, heads } as const;
  const signature = sign(null, digestPayload(unsigned), key.privateKey).toString('base64');
  return { ok: true, digest: { ...unsigned, publicKey: key.publicKeyPem, signature } };
}

/** Why today's history does not extend a signed digest; the first document (in digest order) and update named. */
export type DigestProblem =
  | { kind: 'signature' }
  | { kind: 'foreign-key'; fingerprint: string }
  | { kind: 'chain-broken'; doc: string; seq: number; reason: string }
  | { kind: 'missing-document'; doc: string; seq: number }
  | { kind: 'truncated'; doc: string; seq: number; now: number }
  | { kind: 'rewritten'; doc: string; seq: number };

export type DigestVerdict =
  | { ok: true; documents: number; signedUpdates: number; newerUpdates: number; newDocuments: number }
  | { ok: false; problem: DigestProblem };

export function parseDigest(text: string): SignedDigest | null {
  try {
    const parsed = SignedDigestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Proves that the stored history extends `digest`: its signature holds (and, given `trustedKey`, it was made with
 * that key), and for every signed head, in document order, the document's chain is intact and still holds that
 * update with the same hash. Returns the first document and update where it does not.
 */
export async function verifyDigest(
  store: Pick<DocumentStore, 'history' | 'listDocuments' | 'verify'>,
  digest: SignedDigest,
  trustedKey: string | null,
): Promise<DigestVerdict> {
  let signatureHolds = false;
  try {
    signatureHolds = verify(null, digestPayload(digest), createPublicKey(digest.publicKey), Buffer.from(digest.signature, 'base64'));
  } catch {
    signatureHolds = false;
  }
  if (!signatureHolds) return { ok: false, problem: { kind: 'signature' } };
  if (trustedKey !== null && keyFingerprint(trustedKey) !== keyFingerprint(digest.publicKey)) {
    return { ok: false, problem: { kind: 'foreign-key', fingerprint: keyFingerprint(digest.publicKey) } };
  }
  const stored = new Set(await store.listDocuments());
  let signedUpdates = 0;
  let newerUpdates = 0;
  const heads = [...digest.heads].sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0));
  for (const head of heads) {
    if (!stored.has(head.doc)) return { ok: false, problem: { kind: 'missing-document', doc: head.doc, seq: head.seq } };
    const report = await store.verify(head.doc);
    if (!report.ok && report.brokenAt)
      return { ok: false, problem: { kind: 'chain-broken', doc: head.doc, seq: report.brokenAt.seq, reason: report.brokenAt.reason } };
    const [record] = await store.history(head.doc, head.seq, 1);
    if (!record || record.seq !== head.seq) return { ok: false, problem: { kind: 'truncated', doc: head.doc, seq: head.seq, now: report.updates } };
    if (record.hash !== head.hash) return { ok: false, problem: { kind: 'rewritten', doc: head.doc, seq: head.seq } };
    signedUpdates += head.seq;
    newerUpdates += report.updates - head.seq;
  }
  const signedDocs = new Set(heads.map((h) => h.doc));
  const newDocuments = [...stored].filter((doc) => !signedDocs.has(doc)).length;
  return { ok: true, documents: heads.length, signedUpdates, newerUpdates, newDocuments };
}

/** `digests/2026-11-30.json` style name for a digest signed at `at` (the Asia/Shanghai day). */
export function digestFileName(at: number): string {
  const day = new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
  return `${day}.json`;
}

export function digestText(digest: SignedDigest): string {
  return `${JSON.stringify(digest, null, 2)}\n`;
}
