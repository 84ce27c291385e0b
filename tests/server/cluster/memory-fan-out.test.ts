import { describeFanOutContract } from './fan-out.contract';
import { MemoryBus } from './memory-fan-out';

// the cluster tests' in-memory bus keeps the Redis fan-out's rules, or those tests prove nothing about Redis
describeFanOutContract('in memory (the cluster tests’ bus)', async () => {
  const bus = new MemoryBus();
  return { open: async (onUpdates) => bus.connect(onUpdates), cleanup: async () => undefined };
});
