import { Writable } from 'node:stream';
import * as Y from 'yjs';
import type { Timers } from '../../../server/derive/timers';
import type { DocumentHost } from '../../../server/derive/summary-deriver';
import { createLogger, type Logger } from '../../../server/log';
import type { ServerDocument } from '../../../server/sync/sync-server';

/** Timers moved by hand: `advance(ms)` runs what falls due, in order. */
export function manualTimers(start: number) {
  let now = start;
  let nextId = 0;
  const due = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    set(callback, ms) {
      const id = ++nextId;
      due.set(id, { at: now + ms, callback });
      return id;
    },
    clear(handle) {
      due.delete(handle as number);
    },
  };
  return {
    timers,
    now: () => now,
    /** Moves the clock, firing each timer at its own time. */
    advance(ms: number): void {
      const end = now + ms;
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].callback();
      }
      now = end;
    },
    get scheduled(): number {
      return due.size;
    },
  };
}

/** Lets promise chains started by a timer run to the end (no real time passes). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}

/** In-memory documents standing in for the sync server; counts server writes per document. */
export function fakeHost(): DocumentHost & { docs: Map<string, Y.Doc>; writes: Map<string, number>; doc(name: string): Y.Doc } {
  const docs = new Map<string, Y.Doc>();
  const writes = new Map<string, number>();
  const doc = (name: string): Y.Doc => {
    let d = docs.get(name);
    if (!d) {
      d = new Y.Doc();
      docs.set(name, d);
    }
    return d;
  };
  return {
    docs,
    writes,
    doc,
    async getDocument(name): Promise<ServerDocument> {
      const d = doc(name);
      return {
        name,
        doc: d,
        async write(change) {
          const before = Y.encodeStateVector(d).toString();
          d.transact(() => change(d));
          if (Y.encodeStateVector(d).toString() !== before) writes.set(name, (writes.get(name) ?? 0) + 1);
        },
        release() {},
      };
    },
  };
}

/** A logger whose JSON lines the test can read. */
export function capturedLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    logger: createLogger({ level: 'debug', destination }),
    lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
