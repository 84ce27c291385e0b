/**
 * The peer for the board (SPEC §4): the whole city as ONE Yjs document. The page fetches its state from the
 * extension package and applies it to a fresh Y.Doc, then reads every project out of it, and records how long each
 * step took. Built by the benchmark with Vite (bench-extension-dir.ts).
 */
import * as Y from 'yjs';

interface PeerTimes {
  bytes: number;
  projects: number;
  fetchMs: number;
  applyMs: number;
  readMs: number;
  /** performance.now() when everything was loaded and read (from navigation start). */
  doneAt: number;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const bytes = new Uint8Array(await (await fetch('/city-single.bin')).arrayBuffer());
  const t1 = performance.now();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, bytes);
  const t2 = performance.now();
  // What a board built on this document would have to read before painting: every project's fields.
  const projects = doc.getMap<Y.Map<unknown>>('projects');
  let count = 0;
  projects.forEach((project) => {
    const fields = project.get('project');
    if (fields instanceof Y.Map) fields.toJSON();
    count++;
  });
  const t3 = performance.now();
  const times: PeerTimes = { bytes: bytes.length, projects: count, fetchMs: t1 - t0, applyMs: t2 - t1, readMs: t3 - t2, doneAt: t3 };
  (globalThis as unknown as { __peer: PeerTimes }).__peer = times;
  document.body.dataset.loaded = 'true';
}

void main();
