import { z } from 'zod';

/** NaN (no samples) crosses IPC as null; it comes back as NaN. */
const maybeNumber = z
  .number()
  .nullable()
  .transform((value) => value ?? Number.NaN);

/** What the load child answers, checked on arrival. */
export const ConnectResultSchema = z.object({ clients: z.number(), ms: z.number() });
export const RunResultSchema = z.object({
  sent: z.number(),
  sentInWindow: z.number(),
  expectedDeliveries: z.number(),
  deliveredOfWindow: z.number(),
  deliveredPerSecond: z.number(),
  sentPerSecond: z.number(),
  p50: maybeNumber,
  p99: maybeNumber,
  max: maybeNumber,
  closedClients: z.number(),
});
export type RunResult = z.infer<typeof RunResultSchema>;
export const DrainResultSchema = z.object({ ms: z.number() });
export const PushResultSchema = z.object({ documents: z.number(), bytes: z.number(), ms: z.number() });
export const ColdOpenResultSchema = z.object({ ms: z.number(), bytes: z.number() });
export const CloseResultSchema = z.object({ closed: z.number() });
export const CpuSchema = z.number();
export const CountersSchema = z.record(z.string(), z.number());
