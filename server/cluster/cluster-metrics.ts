import { Counter, type Registry } from 'prom-client';

/** What an operator watches of the scale-out (in the sync server's registry, so /metrics shows them). */
export interface ClusterMetrics {
  /** Other instances' committed updates applied to loaded rooms, by the path they came: the fan-out or the store. */
  remoteApplied: Counter<'via'>;
  /** Gaps found (a seq missing between what a room had and what arrived, or a head ahead of it) and filled from the store. */
  gapFills: Counter;
  /** Publishes to the fan-out that failed (Redis away): those updates reach the others through the store instead. */
  publishFailures: Counter;
}

export function createClusterMetrics(registry: Registry, prefix = 'guatu_cluster_'): ClusterMetrics {
  const registers = [registry];
  return {
    remoteApplied: new Counter({
      name: `${prefix}remote_updates_applied_total`,
      help: "Other instances' committed updates applied to loaded documents, by path (fanout or store)",
      labelNames: ['via'] as const,
      registers,
    }),
    gapFills: new Counter({ name: `${prefix}gap_fills_total`, help: 'Gaps in a document’s seqs filled from the store', registers }),
    publishFailures: new Counter({ name: `${prefix}publish_failures_total`, help: 'Publishes to the fan-out that failed', registers }),
  };
}
