/**
 * The server's configuration, read from the environment in exactly one place (here), with zod.
 * Everything else receives an AppConfig; tests build one by hand.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { isIpAddress, normalizeAddress } from './rest/client-address';
import { err, ok, type Result } from '../shared/result';

export const DEMO_SCALES = ['county', 'city'] as const;
export type DemoScaleName = (typeof DEMO_SCALES)[number];

export interface AppConfig {
  port: number;
  /** 127.0.0.1 keeps the server on this machine; 0.0.0.0 opens it to the LAN. */
  host: string;
  /** Absolute path of the folder holding the SQLite file. */
  dataDir: string;
  /** The address people type into the options page, when it differs from http://host:port (a proxy, a LAN name). */
  publicUrl: string | null;
  tokenTtlSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Create the demo workspace on a first start (no workspace stored yet). */
  demo: boolean;
  demoScale: DemoScaleName;
  /** The built extension (`wxt build` output) whose board page the server shows read-only under /wall/. */
  wallDir: string;
  /**
   * The Firefox build (`npm run build:firefox` output) the server zips for Firefox installs (/ext/guatu-firefox.zip);
   * absent or null: none served.
   */
  firefoxDir?: string | null;
  /** Reverse proxies whose X-Forwarded-For names the client (for per-client limits); absent or empty: none. */
  trustProxy?: readonly string[];
  /**
   * A second listener serving only /health and /metrics (ops-listener.ts), for monitoring that must be answered
   * during a reconnect storm; absent: those two are served on the main port only.
   */
  ops?: { port: number; host: string } | null;
  /**
   * Scale-out (docs/scale-out.md): PostgreSQL for documents, history, snapshots and accounts instead of the SQLite
   * file; absent or null: SQLite under dataDir.
   */
  databaseUrl?: string | null;
  /** Fan-out of committed updates between instances (Redis Streams); needs databaseUrl. */
  redis?: { url: string; prefix: string } | null;
  /** This instance's name among several (the summary lease table shows it); absent: a random one per start. */
  instanceId?: string | null;
  /** Scheduled verified backups of the SQLite file (BACKUP_DIR, BACKUP_EVERY, BACKUP_KEEP); absent or null: none. */
  backup?: { dir: string; everySeconds: number; keep: number } | null;
  /**
   * The private key (PEM) the server signs the extension it serves with (/ext/); absent or null: its own pair in
   * DATA_DIR/extension-key.pem, generated on the first start. The key decides the extension id.
   */
  extensionKeyFile?: string | null;
  /**
   * Sign a digest of every document's chain head each day into DATA_DIR/digests (issue #13); absent: off (tests,
   * embedded use). DAILY_DIGEST, on by default.
   */
  dailyDigest?: boolean;
}

/** The demo is the same on every machine: a fixed seed. */
export const DEMO_SEED = 2026;

export const SQLITE_FILE_NAME = 'guatu.sqlite';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** "30d", "12h", "90m", "3600s" or bare seconds. */
const DurationSchema = z
  .string()
  .trim()
  .regex(/^\d+\s*[smhd]?$/, { error: 'a duration such as 30d, 12h, 90m or 3600 (seconds)' })
  .transform((text) => {
    const unit = text.at(-1) ?? '';
    const factor = unit in UNIT_SECONDS ? UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS] : 1;
    return Number.parseInt(text, 10) * factor;
  })
  .pipe(
    z
      .number()
      .int()
      .min(60, { error: 'at least one minute' })
      .max(366 * 86_400, { error: 'at most a year' }),
  );

const FlagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']))
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** A connection URL with one of `protocols`; the message never repeats the value (it may hold a password). */
const connectionUrl = (protocols: RegExp, example: string) =>
  z
    .string()
    .trim()
    .refine(
      (text) => {
        try {
          return protocols.test(new URL(text).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      { error: `a connection URL such as ${example}` },
    );

const EnvSchema = z.object({
  DATABASE_URL: connectionUrl(/^postgres(ql)?$/, 'postgres://guatu:secret@db.internal:5432/guatu').optional(),
  REDIS_URL: connectionUrl(/^rediss?$/, 'redis://cache.internal:6379').optional(),
  REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: 'letters, digits and _ . : - (at most 64), e.g. guatu' })
    .default('guatu'),
  INSTANCE_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: 'letters, digits and _ . : - (at most 64), e.g. guatu-2' })
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  OPS_PORT: z.coerce.number({ error: 'a port number, e.g. 8788' }).int({ error: 'a port number, e.g. 8788' }).min(0).max(65_535).optional(),
  OPS_HOST: z.string().trim().min(1).optional(),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) address, e.g. http://192.168.1.20:8787' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  TOKEN_TTL: DurationSchema.default(30 * 86_400),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: FlagSchema.default(true),
  DAILY_DIGEST: FlagSchema.default(true),
  DEMO_SCALE: z.enum(DEMO_SCALES).default('city'),
  WALL_DIR: z.string().trim().min(1).default('.output/chrome-mv3'),
  FIREFOX_DIR: z.string().trim().min(1).default('.output/firefox-mv2'),
  EXTENSION_KEY_FILE: z.string().trim().min(1).optional(),
  BACKUP_DIR: z.string().trim().min(1).optional(),
  BACKUP_EVERY: DurationSchema.default(6 * 3600),
  BACKUP_KEEP: z.coerce
    .number({ error: 'how many backups to keep, e.g. 28' })
    .int({ error: 'how many backups to keep, e.g. 28' })
    .min(1, { error: 'at least 1' })
    .max(10_000, { error: 'at most 10000' })
    .default(28),
  TRUST_PROXY: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .refine((addresses) => addresses.every(isIpAddress), { error: 'a comma-separated list of proxy IP addresses, e.g. 127.0.0.1,10.0.0.5' })
    .transform((addresses) => addresses.map(normalizeAddress))
    .default([]),
});

export type ConfigResult = Result<{ config: AppConfig }, { problems: string[] }>;

/** Empty strings count as unset, so `PORT= npm start` means the default rather than an error. */
function withoutEmpty(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') out[key] = value;
  }
  return out;
}

/** The configuration from an environment (process.env in main.ts); each problem names its variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): ConfigResult {
  const parsed = EnvSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    return err({ problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`) });
  }
  const e = parsed.data;
  if (e.OPS_PORT !== undefined && e.OPS_PORT !== 0 && e.OPS_PORT === e.PORT) return err({ problems: ['OPS_PORT: must differ from PORT'] });
  if (e.OPS_HOST !== undefined && e.OPS_PORT === undefined) return err({ problems: ['OPS_HOST: set OPS_PORT too (OPS_HOST alone does nothing)'] });
  if (e.REDIS_URL !== undefined && e.DATABASE_URL === undefined) {
    return err({
      problems: ['REDIS_URL: set DATABASE_URL too (instances share documents through PostgreSQL; Redis only carries committed updates between them)'],
    });
  }
  if (e.BACKUP_DIR !== undefined && e.DATABASE_URL !== undefined) {
    return err({ problems: ['BACKUP_DIR: backs up the SQLite file only; with DATABASE_URL back up PostgreSQL with pg_dump (README, "Backup and restore")'] });
  }
  return ok({
    config: {
      port: e.PORT,
      host: e.HOST,
      dataDir: resolve(cwd, e.DATA_DIR),
      publicUrl: e.PUBLIC_URL ?? null,
      tokenTtlSeconds: e.TOKEN_TTL,
      logLevel: e.LOG_LEVEL,
      demo: e.DEMO,
      demoScale: e.DEMO_SCALE,
      wallDir: resolve(cwd, e.WALL_DIR),
      firefoxDir: resolve(cwd, e.FIREFOX_DIR),
      trustProxy: e.TRUST_PROXY,
      ops: e.OPS_PORT === undefined ? null : { port: e.OPS_PORT, host: e.OPS_HOST ?? e.HOST },
      databaseUrl: e.DATABASE_URL ?? null,
      redis: e.REDIS_URL === undefined ? null : { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
      instanceId: e.INSTANCE_ID ?? null,
      extensionKeyFile: e.EXTENSION_KEY_FILE === undefined ? null : resolve(cwd, e.EXTENSION_KEY_FILE),
      backup: e.BACKUP_DIR === undefined ? null : { dir: resolve(cwd, e.BACKUP_DIR), everySeconds: e.BACKUP_EVERY, keep: e.BACKUP_KEEP },
      dailyDigest: e.DAILY_DIGEST,
    },
  });
}
