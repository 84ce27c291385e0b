import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

describe('configuration from the environment', () => {
  it('has defaults that run on one machine, with the demo', () => {
    expect(loadConfig({}, '/srv/guatu')).toEqual({
      ok: true,
      config: {
        port: 8787,
        host: '127.0.0.1',
        dataDir: '/srv/guatu/data',
        publicUrl: null,
        tokenTtlSeconds: 30 * 86_400,
        logLevel: 'info',
        demo: true,
        demoScale: 'city',
        wallDir: '/srv/guatu/.output/chrome-mv3',
        firefoxDir: '/srv/guatu/.output/firefox-mv2',
        trustProxy: [],
        ops: null,
        databaseUrl: null,
        redis: null,
        instanceId: null,
        backup: null,
        extensionKeyFile: null,
        dailyDigest: true,
      },
    });
  });

  it('reads every variable; empty ones mean the default', () => {
    const loaded = loadConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/guatu',
        PUBLIC_URL: 'http://192.168.1.20:9000/',
        TOKEN_TTL: '12h',
        LOG_LEVEL: 'warn',
        DEMO: '0',
        DEMO_SCALE: 'county',
        WALL_DIR: '/opt/guatu/ext',
        FIREFOX_DIR: 'firefox-build',
        TRUST_PROXY: '127.0.0.1, ::ffff:10.0.0.5,::1',
        OPS_PORT: '9001',
        LANG: 'C',
      },
      '/srv',
    );
    expect(loaded).toEqual({
      ok: true,
      config: {
        port: 9000,
        host: '0.0.0.0',
        dataDir: '/var/lib/guatu',
        publicUrl: 'http://192.168.1.20:9000',
        tokenTtlSeconds: 43_200,
        logLevel: 'warn',
        demo: false,
        demoScale: 'county',
        wallDir: '/opt/guatu/ext',
        firefoxDir: '/srv/firefox-build',
        trustProxy: ['127.0.0.1', '10.0.0.5', '::1'],
        ops: { port: 9001, host: '0.0.0.0' },
        databaseUrl: null,
        redis: null,
        instanceId: null,
        backup: null,
        extensionKeyFile: null,
        dailyDigest: true,
      },
    });
    expect(loadConfig({ PORT: '', DEMO: ' ', TRUST_PROXY: ' ' }, '/srv')).toMatchObject({ ok: true, config: { port: 8787, demo: true, trustProxy: [] } });
  });

  it('names each variable that is wrong', () => {
    const loaded = loadConfig({ PORT: 'eighty', TOKEN_TTL: '10', DEMO: 'maybe', PUBLIC_URL: 'ftp://x', TRUST_PROXY: '127.0.0.1,proxy.lan' }, '/srv');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'PUBLIC_URL', 'TOKEN_TTL', 'DEMO', 'TRUST_PROXY']);
  });

  it('schedules backups into BACKUP_DIR every BACKUP_EVERY, keeping BACKUP_KEEP; not with PostgreSQL (pg_dump instead)', () => {
    expect(loadConfig({ BACKUP_DIR: 'backups' }, '/srv')).toMatchObject({
      ok: true,
      config: { backup: { dir: '/srv/backups', everySeconds: 6 * 3600, keep: 28 } },
    });
    expect(loadConfig({ BACKUP_DIR: '/mnt/nas/guatu', BACKUP_EVERY: '1d', BACKUP_KEEP: '7' }, '/srv')).toMatchObject({
      ok: true,
      config: { backup: { dir: '/mnt/nas/guatu', everySeconds: 86_400, keep: 7 } },
    });
    for (const [env, variable] of [
      [{ BACKUP_DIR: 'b', BACKUP_KEEP: '0' }, 'BACKUP_KEEP'],
      [{ BACKUP_DIR: 'b', BACKUP_EVERY: 'hourly' }, 'BACKUP_EVERY'],
      [{ BACKUP_DIR: 'b', DATABASE_URL: 'postgres://guatu@db/guatu' }, 'BACKUP_DIR'],
    ] as const) {
      const loaded = loadConfig(env, '/srv');
      expect(loaded.ok, JSON.stringify(env)).toBe(false);
      if (!loaded.ok) expect(loaded.problems[0]?.split(':')[0]).toBe(variable);
    }
  });

  it('takes an operations port for /health and /metrics, on its own host when given, never the main port', () => {
    expect(loadConfig({ OPS_PORT: '8788', OPS_HOST: '10.0.0.2' }, '/srv')).toMatchObject({ ok: true, config: { ops: { port: 8788, host: '10.0.0.2' } } });
    for (const env of [{ OPS_PORT: '8787' }, { OPS_PORT: 'health' }, { OPS_HOST: '10.0.0.2' }]) {
      const loaded = loadConfig(env, '/srv');
      expect(loaded.ok, JSON.stringify(env)).toBe(false);
      if (!loaded.ok) expect(loaded.problems[0]?.split(':')[0]).toMatch(/^OPS_(PORT|HOST)$/);
    }
  });

  it('selects PostgreSQL with DATABASE_URL and fan-out with REDIS_URL; Redis alone, or a wrong URL, is refused without echoing it', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://guatu:s3cret@db:5432/guatu', REDIS_URL: 'redis://cache:6379', REDIS_PREFIX: 'prov-js' }, '/srv'),
    ).toMatchObject({ ok: true, config: { databaseUrl: 'postgres://guatu:s3cret@db:5432/guatu', redis: { url: 'redis://cache:6379', prefix: 'prov-js' } } });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/guatu', INSTANCE_ID: 'guatu-2' }, '/srv')).toMatchObject({
      ok: true,
      config: { redis: null, instanceId: 'guatu-2' },
    });
    expect(loadConfig({ INSTANCE_ID: 'a b' }, '/srv')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^INSTANCE_ID: /)] });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/guatu', REDIS_URL: 'redis://cache' }, '/srv')).toMatchObject({ config: { redis: { prefix: 'guatu' } } });
    const redisAlone = loadConfig({ REDIS_URL: 'redis://cache:6379' }, '/srv');
    expect(redisAlone).toMatchObject({ ok: false, problems: [expect.stringMatching(/^REDIS_URL: set DATABASE_URL too/)] });
    const wrong = loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/guatu', REDIS_URL: 'http://cache' }, '/srv');
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.problems.map((p) => p.split(':')[0])).toEqual(['DATABASE_URL', 'REDIS_URL']);
    expect(wrong.problems.join(' ')).not.toContain('hunter2');
  });
});
