import { monitorEventLoopDelay } from "node:perf_hooks";
import type { SyncMetrics } from "../metrics";

/** How often the highest delay of the window just ended goes into the histogram. */
const WINDOW_MS = 1000;

/**
 * Measures this process's event-loop delay (how late a timer of 10 ms resolution fires) into the metrics: the highest
 * since start (a gauge, read on each scrape) and each 1-second window's highest (a histogram). Returns stop().
 *
 * A slow GET /health with a quiet loop here means the machine was busy with other processes; a stall here is this
 * server's own synchronous work.
 */
export function monitorEventLoop(
	metrics: Pick<SyncMetrics, "eventLoopDelayMax" | "eventLoopDelay">,
): () => void {
	const sinceStart = monitorEventLoopDelay({ resolution: 10 });
	const window = monitorEventLoopDelay({ resolution: 10 });
	sinceStart.enable();
	window.enable();
	const seconds = (nanos: number): number =>
		Number.isFinite(nanos) ? nanos / 1e9 : 0;
	// perf_hooks reports max 0 until the first sample; a stall longer than the window still ends up in one window
	const roll = setInterval(() => {
		metrics.eventLoopDelay.observe(seconds(window.max));
		window.reset();
		metrics.eventLoopDelayMax.set(seconds(sinceStart.max));
	}, WINDOW_MS);
	roll.unref();
	metrics.eventLoopDelayMax.set(0);
	return () => {
		clearInterval(roll);
		metrics.eventLoopDelayMax.set(seconds(sinceStart.max));
		sinceStart.disable();
		window.disable();
	};
}
