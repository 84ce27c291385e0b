/** The demo server at city scale (1000 projects, a year of data), in a temp DATA_DIR, on a free port. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../../server/app';
import { createSilentLogger } from '../../../server/log';

export interface CityServer {
  app: App;
  url: string;
  workspaceId: string;
  projects: number;
  seedSeconds: number;
  invite(role: 'leader' | 'member' | 'observer' | 'admin'): { code: string; name: string; projects: number };
  close(): Promise<void>;
}

export async function startCityServer(): Promise<CityServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guatu-bench-ext-'));
  const app = await createApp(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      publicUrl: null,
      tokenTtlSeconds: 30 * 86_400,
      logLevel: 'silent',
      demo: true,
      demoScale: 'city',
      wallDir: join(dataDir, 'no-wall'),
    },
    { logger: createSilentLogger() },
  );
  const { url } = await app.listen();
  const startup = app.startup;
  if (startup.kind !== 'demo') throw new Error(`expected a demo start, got ${startup.kind}`);
  return {
    app,
    url,
    workspaceId: startup.workspaceId,
    projects: startup.projects,
    seedSeconds: startup.seconds,
    invite(role) {
      const invite = startup.invites.find((i) => i.role === role);
      if (!invite) throw new Error(`no ${role} invite`);
      return { code: invite.code, name: invite.name, projects: invite.projects };
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
