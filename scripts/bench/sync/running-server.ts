/** A server under test, started in its own child process. */
export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export type ServerKind = 'ours' | 'official' | 'relay';
export const SERVER_KINDS: readonly ServerKind[] = ['ours', 'official', 'relay'];
