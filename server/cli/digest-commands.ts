/**
 * `digest [file]` and `verify --digest <file>` (issue #13 "anchored"): sign the chain heads of every document now,
 * and prove later that the stored history extends what was signed (server/audit/chain-digest.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { t, type MessageKey } from '../../shared/i18n';
import type { MessageParams } from '../../shared/i18n/translate';
import { formatShanghaiTime } from '../../shared/format';
import {
  DIGEST_DIR,
  digestFileName,
  digestFingerprint,
  digestText,
  existingPublicKey,
  keyFingerprint,
  loadOrCreateDigestKey,
  parseDigest,
  signDigest,
  verifyDigest,
  type DigestProblem,
} from '../audit/chain-digest';
import { readLatestDigest, recordLatestDigest } from '../audit/latest-digest';
import { EXIT } from './commands';
import type { CliContext } from './context';

function say(ctx: CliContext, key: MessageKey, params?: MessageParams): void {
  ctx.out(t(ctx.locale, key, params));
}

function complain(ctx: CliContext, key: MessageKey, params?: MessageParams): void {
  ctx.err(t(ctx.locale, key, params));
}

/** Signs a digest now and writes it to `file` (or DATA_DIR/digests/<day>.json); prints its fingerprint and the key. */
export async function digestCommand(ctx: CliContext, dataDir: string, file: string | undefined): Promise<number> {
  const key = await loadOrCreateDigestKey(dataDir);
  const signed = await signDigest(ctx.store, key, ctx.now());
  if (!signed.ok) {
    complain(ctx, 'audit.refused');
    if (signed.brokenAt) complain(ctx, 'audit.chainBroken', { doc: signed.brokenAt.docName, seq: signed.brokenAt.seq, reason: signed.brokenAt.reason });
    return EXIT.tampered;
  }
  const { digest } = signed;
  let target = file;
  if (target === undefined) {
    await mkdir(join(dataDir, DIGEST_DIR), { recursive: true });
    target = join(dataDir, DIGEST_DIR, digestFileName(digest.at));
  }
  await ctx.writeFile(target, digestText(digest));
  // the latest the members' route, the wall and the exports show (also when written elsewhere: it is this key's)
  await recordLatestDigest(dataDir, digest);
  const updates = digest.heads.reduce((sum, head) => sum + head.seq, 0);
  say(ctx, 'audit.signed', { documents: digest.heads.length, updates, fingerprint: digestFingerprint(digest) });
  say(ctx, 'audit.written', { file: target });
  say(ctx, 'audit.key', { fingerprint: keyFingerprint(key.publicKeyPem) });
  ctx.out(key.publicKeyPem.trimEnd());
  return EXIT.ok;
}

/** `digest --public-key`: the signing key (fingerprint and PEM) and the latest digest recorded; signs nothing. */
export async function publicKeyCommand(ctx: CliContext, dataDir: string): Promise<number> {
  const publicKey = await existingPublicKey(dataDir);
  if (publicKey === null) say(ctx, 'anchor.cli.noKey');
  const latest = await readLatestDigest(dataDir);
  if (latest === null) say(ctx, 'anchor.cli.noLatest');
  else say(ctx, 'anchor.cli.latest', { fingerprint: latest.fingerprint, signedAt: formatShanghaiTime(latest.at) });
  if (publicKey !== null) {
    say(ctx, 'anchor.cli.publicKey', { fingerprint: keyFingerprint(publicKey) });
    ctx.out(publicKey.trimEnd());
  }
  return EXIT.ok;
}

const PROBLEM_LINES: { [K in DigestProblem['kind']]: MessageKey } = {
  signature: 'audit.signature',
  'foreign-key': 'audit.foreignKey',
  'chain-broken': 'audit.chainBroken',
  'missing-document': 'audit.missingDocument',
  truncated: 'audit.truncated',
  rewritten: 'audit.rewritten',
};

/** Proves the stored history extends the digest in `file`; exit 3 naming the first document and update where not. */
export async function verifyDigestCommand(ctx: CliContext, dataDir: string, file: string): Promise<number> {
  let text: string;
  try {
    text = await ctx.readFile(file);
  } catch {
    complain(ctx, 'audit.unreadable', { file });
    return EXIT.refused;
  }
  const digest = parseDigest(text);
  if (digest === null) {
    complain(ctx, 'audit.unreadable', { file });
    return EXIT.refused;
  }
  const trusted = await existingPublicKey(dataDir);
  if (trusted === null) complain(ctx, 'audit.noKey');
  const verdict = await verifyDigest(ctx.store, digest, trusted);
  const about = { fingerprint: digestFingerprint(digest), signedAt: formatShanghaiTime(digest.at) };
  if (verdict.ok) {
    say(ctx, 'audit.extends', {
      ...about,
      documents: verdict.documents,
      signed: verdict.signedUpdates,
      newer: verdict.newerUpdates,
      newDocuments: verdict.newDocuments,
    });
    return EXIT.ok;
  }
  complain(ctx, 'audit.broken', about);
  const { problem } = verdict;
  const { kind, ...params } = problem;
  complain(ctx, PROBLEM_LINES[kind], params);
  return EXIT.tampered;
}
