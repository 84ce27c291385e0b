/**
 * Whether a Guatu server answers on the configured address. The spreadsheet import writes into documents people may
 * have open: a running server holds them in memory and would compact its snapshot over the CLI's update (losing it on
 * the next load), so the CLI writes only while no server runs there.
 */
import type { AppConfig } from '../config';

const PROBE_TIMEOUT_MS = 1500;

export async function serverAnswers(config: Pick<AppConfig, 'host' | 'port'>): Promise<boolean> {
  if (config.port === 0) return false;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  try {
    const response = await fetch(`http://${host}:${config.port}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return response.status === 200 || response.status === 503;
  } catch {
    return false;
  }
}
