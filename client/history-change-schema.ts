/**
 * One field change as the server's history routes describe it (a project's history and the workspace-wide activity
 * alike): checked where it arrives, sizes bounded, since the client trusts the server for nothing it did not promise.
 */
import { z } from 'zod';

export const HistoryChangeSchema = z.object({
  record: z.object({ kind: z.string().max(32), id: z.string().max(64), title: z.string().max(20_000).optional() }),
  field: z.string().max(64),
  from: z.unknown(),
  to: z.unknown(),
});
