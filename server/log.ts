import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Where JSON lines go; stdout when omitted. Tests pass a stream to read them back. */
  destination?: DestinationStream;
  name?: string;
}

/** A pino JSON logger. Children carry `conn`, `member`, `doc` so every line about a connection names them. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const base = { level: options.level ?? 'info', name: options.name ?? 'guatu' };
  return options.destination ? pino(base, options.destination) : pino(base);
}

/** A logger that writes nothing, for tests that do not look at logs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
