import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIGEST_KEY_FILE, parseDigest, signDigest } from '../../../server/audit/chain-digest';
import { chainHash, GENESIS_HASH } from '../../../server/storage/hash-chain';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { testConfig } from '../app/fixtures';
import { makeTempDir } from '../storage/temp-dir';
import { runCliInMemory } from '../cli/in-memory-cli';
import { appendProgress } from './digest-fixtures';

const T0 = Date.UTC(2026, 10, 30, 4, 0); // 2026-11-30 12:00 in Asia/Shanghai
const DOC_A = 'ws/w1/project/p-a';
const DOC_B = 'ws/w1/project/p-b';
let dir: string;
let remove: () => void;
let files: Map<string, string>;
let now = T0;

beforeEach(async () => {
  ({ dir, remove } = makeTempDir('digest'));
  files = new Map();
  now = T0;
  await append(DOC_A, 5, 'm-li');
  await append(DOC_B, 3, 'm-wang');
});
afterEach(() => remove());

const dbPath = (): string => join(dir, 'guatu.sqlite');

/** `count` more edits to `doc` by `author`, each its own stored update a minute after the last. */
async function append(doc: string, count: number, author: string): Promise<void> {
  const store = openSqliteStore({ path: dbPath() });
  try {
    await appendProgress(store, doc, count, author, () => (now += 60_000));
  } finally {
    await store.close();
  }
}

const cli = (...argv: string[]) => runCliInMemory(testConfig(dir), () => now, files, argv);

interface Row {
  seq: number;
  author: string;
  at: number;
  update: Buffer;
}

/** What someone with write access to the file does to cover their tracks: recompute every hash and the head. */
function rehash(db: Database.Database, doc: string): void {
  const rows = db.prepare('SELECT seq, author, at, "update" FROM updates WHERE doc = ? ORDER BY seq').all(doc) as Row[];
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    prevHash = chainHash({ prevHash, docName: doc, seq: row.seq, author: row.author, at: row.at, update: new Uint8Array(row.update) });
    db.prepare('UPDATE updates SET hash = ? WHERE doc = ? AND seq = ?').run(prevHash, doc, row.seq);
  }
  db.prepare('UPDATE documents SET last_seq = ?, last_hash = ? WHERE doc = ?').run(rows.at(-1)?.seq ?? 0, prevHash, doc);
}

function tamper(edit: (db: Database.Database) => void): void {
  const db = new Database(dbPath());
  try {
    edit(db);
  } finally {
    db.close();
  }
}

async function signedDigest(): Promise<void> {
  const signed = await cli('digest', 'signed.json');
  expect(signed.code).toBe(0);
}

describe('signed digests of the chain heads (#13 anchored)', () => {
  it('signs every head with a key made in DATA_DIR on first use, and proves a later, longer history extends it', async () => {
    const signed = await cli('digest', 'signed.json');
    expect(signed.code).toBe(0);
    expect(signed.out).toMatch(/已签署摘要：2 个文档，8 条更新；摘要指纹 [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
    expect(signed.out).toContain('-----BEGIN PUBLIC KEY-----');
    expect(statSync(join(dir, DIGEST_KEY_FILE)).mode & 0o777).toBe(0o600);
    const digest = parseDigest(files.get('signed.json') ?? '');
    expect(digest?.heads.map((h) => [h.doc, h.seq])).toEqual([
      [DOC_A, 5],
      [DOC_B, 3],
    ]);

    // the history goes on: more edits, a new document
    await append(DOC_A, 2, 'm-zhao');
    await append('ws/w1/project/p-c', 1, 'm-li');
    const verified = await cli('verify', '--digest', 'signed.json');
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toContain('历史完整：延续 2026-11-30 12:08 签署的摘要');
    expect(verified.out).toContain('2 个文档、8 条已签署的更新原样保留，此后新增 2 条更新、1 个新文档');
    expect((await cli('verify', '--digest', 'signed.json', '--lang', 'en')).out).toContain('History intact');

    // the same key signs the next digest; without a file it goes to DATA_DIR/digests/<day>.json
    const again = await cli('digest');
    expect(again.code).toBe(0);
    expect([...files.keys()].some((path) => path === join(dir, 'digests', '2026-11-30.json'))).toBe(true);
    expect(existsSync(join(dir, 'digests'))).toBe(true);
    expect(readdirSync(dir)).toContain(DIGEST_KEY_FILE);
    expect(parseDigest(files.get(join(dir, 'digests', '2026-11-30.json')) ?? '')?.publicKey).toBe(digest?.publicKey);
  });

  it('detects a tampered update and names its document and seq', async () => {
    await signedDigest();
    tamper((db) => db.prepare("UPDATE updates SET author = 'm-admin' WHERE doc = ? AND seq = 2").run(DOC_A));
    const verified = await cli('verify', '--digest', 'signed.json');
    expect(verified.code).toBe(3);
    expect(verified.err).toContain('历史与签署的摘要不符');
    expect(verified.err).toContain(`文档 ${DOC_A} 第 2 条更新处审计链断裂`);
  });

  it('detects a tampered update even when every hash was recomputed to cover it', async () => {
    await signedDigest();
    tamper((db) => {
      db.prepare("UPDATE updates SET author = 'm-admin' WHERE doc = ? AND seq = 2").run(DOC_B);
      rehash(db, DOC_B);
    });
    expect((await cli('verify')).code).toBe(0); // the chain alone no longer shows it
    const verified = await cli('verify', '--digest', 'signed.json');
    expect(verified.code).toBe(3);
    expect(verified.err).toContain(`文档 ${DOC_B} 第 3 条更新与签署时不同`);
  });

  it('detects a truncated history, head row and all', async () => {
    await signedDigest();
    tamper((db) => {
      db.prepare('DELETE FROM updates WHERE doc = ? AND seq > 3').run(DOC_A);
      db.prepare('DELETE FROM snapshots WHERE doc = ?').run(DOC_A);
      rehash(db, DOC_A);
    });
    expect((await cli('verify')).code).toBe(0);
    const verified = await cli('verify', '--digest', 'signed.json', '--lang', 'en');
    expect(verified.code).toBe(3);
    expect(verified.err).toContain(`document ${DOC_A} was truncated: update 5 was signed, only 3 remain`);
  });

  it('detects a reordered history, rehashed or not', async () => {
    await signedDigest();
    const swap = (db: Database.Database): void => {
      const rows = db.prepare('SELECT seq, author, at, "update" FROM updates WHERE doc = ? AND seq IN (2, 3) ORDER BY seq').all(DOC_A) as Row[];
      const [two, three] = rows as [Row, Row];
      const put = db.prepare('UPDATE updates SET author = ?, at = ?, "update" = ? WHERE doc = ? AND seq = ?');
      put.run(three.author, three.at, three.update, DOC_A, 2);
      put.run(two.author, two.at, two.update, DOC_A, 3);
    };
    tamper(swap);
    const plain = await cli('verify', '--digest', 'signed.json');
    expect(plain.code).toBe(3);
    expect(plain.err).toContain(`文档 ${DOC_A} 第 2 条更新处审计链断裂`);

    tamper((db) => rehash(db, DOC_A));
    const covered = await cli('verify', '--digest', 'signed.json');
    expect(covered.code).toBe(3);
    expect(covered.err).toContain(`文档 ${DOC_A} 第 5 条更新与签署时不同`);
  });

  it('refuses a digest altered after signing, or signed with another key', async () => {
    await signedDigest();
    const digest = parseDigest(files.get('signed.json') ?? '');
    if (!digest) throw new Error('no digest');
    files.set('altered.json', JSON.stringify({ ...digest, heads: digest.heads.map((h) => ({ ...h, seq: h.seq - 1 })) }));
    const altered = await cli('verify', '--digest', 'altered.json');
    expect(altered.code).toBe(3);
    expect(altered.err).toContain('摘要的签名无效');

    // a forger's own key signs a digest of a rewritten history: the signature holds, the key is not this server's
    const { privateKey } = generateKeyPairSync('ed25519');
    const store = openSqliteStore({ path: dbPath() });
    const forged = await signDigest(store, { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() }, now);
    await store.close();
    if (!forged.ok) throw new Error('not signed');
    files.set('forged.json', JSON.stringify(forged.digest));
    const foreign = await cli('verify', '--digest', 'forged.json');
    expect(foreign.code).toBe(3);
    expect(foreign.err).toContain('摘要不是用本服务器的密钥签署的');

    files.set('junk.json', '{"format":"something else"}');
    expect(await cli('verify', '--digest', 'junk.json')).toMatchObject({ code: 1, err: expect.stringContaining('无法读取摘要文件 junk.json') });
    expect(await cli('verify', '--digest')).toMatchObject({ code: 2 });
  });

  it('refuses to sign a broken chain', async () => {
    tamper((db) => db.prepare("UPDATE updates SET author = 'm-admin' WHERE doc = ? AND seq = 1").run(DOC_B));
    const refused = await cli('digest', 'signed.json');
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('审计链已损坏，拒绝签署摘要');
    expect(files.has('signed.json')).toBe(false);
  });
});
