import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { contentOf, seededRandom } from './project-edits';
import { makeTempDir } from './temp-dir';

const fixture = fileURLToPath(new URL('./fixtures/append-until-killed.ts', import.meta.url));

interface Ack {
  doc: string;
  seq: number;
  hash: string;
}

/** Run the appending child until it has acknowledged `killAfter` updates, SIGKILL it, and return every ack it printed. */
function appendThenKill(path: string, seed: number, killAfter: number): Promise<{ acks: Ack[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, path, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [word, doc, seq, hash] = line.split(' ');
        if (word !== 'ack' || !doc || !seq || !hash) continue;
        acks.push({ doc, seq: Number(seq), hash });
        if (acks.length === killAfter) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended by itself (code ${code}): ${stderr}`));
      else resolve({ acks, signal });
    });
  });
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

for (const seed of [7, 20260301]) {
  it(`every acknowledged update survives a SIGKILL mid-stream and the chain verifies (seed ${seed})`, async () => {
    const temp = makeTempDir('kill');
    cleanups.push(temp.remove);
    const path = join(temp.dir, 'guatu.sqlite');
    const killAfter = 300 + Math.floor(seededRandom(seed)() * 1_500);
    const { acks } = await appendThenKill(path, seed, killAfter);
    const context = `seed ${seed}, killed after ${killAfter} acks, ${acks.length} printed`;
    expect(acks.length, context).toBeGreaterThanOrEqual(killAfter);

    const store = openSqliteStore({ path });
    try {
      const report = await store.verify();
      expect(report.ok, `${context}: ${JSON.stringify(report.brokenAt)}`).toBe(true);
      const docs = [...new Set(acks.map((ack) => ack.doc))];
      for (const doc of docs) {
        const history = await store.history(doc);
        const acked = acks.filter((ack) => ack.doc === doc);
        // Acks arrive in seq order; the store may also hold one more that was committed but not yet printed.
        expect(
          acked.map((ack) => ack.seq),
          context,
        ).toEqual(acked.map((_, i) => i + 1));
        expect(history.length, context).toBeGreaterThanOrEqual(acked.length);
        expect(history.length, context).toBeLessThanOrEqual(acked.length + 1);
        for (const ack of acked) expect(history[ack.seq - 1]?.hash, `${context}, ${doc} seq ${ack.seq}`).toBe(ack.hash);
        expect(contentOf(await store.load(doc)), context).not.toBeNull();
      }
    } finally {
      await store.close();
    }
  });
}
