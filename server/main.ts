/**
 * `node --import tsx server/main.ts` (npm start runs it): reads the environment once, starts the app, prints how to
 * get in, and shuts down gracefully on SIGINT/SIGTERM: /health/ready answers 503, derivations and the group commit
 * are flushed, sockets are closed with 1001, storage is closed; exit 0. Should that take longer than
 * SHUTDOWN_BOUND_MS (a disk that stopped answering), the process exits 1 rather than hang a systemd stop or a
 * container's grace period (whatever was acknowledged to a client is already durable: the group commit acknowledges
 * after it commits).
 */
import { createApp } from './app';
import { startupBanner } from './cli/startup-banner';
import { loadConfig } from './config';
import { createLogger } from './log';

/** How long a graceful shutdown may take before the process exits anyway (under systemd's and Docker's defaults). */
const SHUTDOWN_BOUND_MS = 8_000;

async function main(): Promise<void> {
  const loaded = loadConfig(process.env, process.cwd());
  if (!loaded.ok) {
    process.stderr.write(`配置有误 · invalid configuration:\n${loaded.problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(2);
  }
  const config = loaded.config;
  const logger = createLogger({ level: config.logLevel });

  // A client must never reach one of these; if a bug lets something through, log it loudly and keep serving.
  process.on('uncaughtException', (error) => logger.fatal({ err: error }, 'uncaught exception: this is a server bug'));
  process.on('unhandledRejection', (reason) => logger.fatal({ err: reason }, 'unhandled rejection: this is a server bug'));

  const app = await createApp(config, { logger });
  const { url, opsPort } = await app.listen();
  process.stdout.write(`${startupBanner(app.startup, { url, host: config.host, sqlitePath: app.sqlitePath })}\n`);
  process.stdout.write(`安装扩展 · install the extension (IT): ${url}/install\n`);
  if (opsPort !== null && config.ops) process.stdout.write(`运维端口 · ops (/health, /metrics): http://${config.ops.host}:${opsPort}\n`);
  logger.info({ url, opsPort }, 'ready');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const bound = setTimeout(() => {
      logger.error({ boundMs: SHUTDOWN_BOUND_MS }, 'shutdown did not finish in time: exiting');
      process.exit(1);
    }, SHUTDOWN_BOUND_MS);
    bound.unref();
    app.close().then(
      () => {
        logger.info({ signal }, 'shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`启动失败 · failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
