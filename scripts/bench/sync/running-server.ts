/** A server under test, started in its own child process. */
export interface RunningServer {
  port: number;
  /** The server's own counters, where it has any (ours: accepted updates, sends, refusals by reason). */
  counters?(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export type ServerKind = 'ours' | 'official' | 'relay';
export const SERVER_KINDS: readonly ServerKind[] = ['ours', 'official', 'relay'];
