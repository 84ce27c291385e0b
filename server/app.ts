/**
 * The whole server composed: SQLite storage and accounts under DATA_DIR, the sync server with token auth and rights,
 * summary derivation, REST, and on a first start the demo workspace with one invite per role.
 * `createApp(config)` returns something a test can start on port 0 and stop.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocName, workspaceDocName } from '../shared/model/doc-names';
import { readWorkspace } from '../shared/model/workspace-read';
import { addMember } from '../shared/model/workspace-write';
import type { Role } from '../shared/schema/member';
import { createActivityIndexer, type ActivityIndexer } from './activity/activity-indexer';
import { workspaceDirectory } from './activity/workspace-directory';
import type { AccountStore } from './auth/account-store';
import { createAuth, type Auth } from './auth/create-auth';
import type { Joined, MemberLookup } from './auth/invites';
import { createLiveRights } from './auth/live-rights';
import { watchRevocations } from './auth/revocation-watch';
import { closeRevokedConnections, syncAuthenticate } from './auth/sync-adapter';
import { demoBundle, demoPeople } from './bundle/demo-workspace';
import { importDemoWithHistory } from './bundle/demo-history';
import { SERVER_AUTHOR, loadDoc } from './bundle/store-bundle';
import { DEMO_SEED, type AppConfig } from './config';
import { createSummaryDeriver, type SummaryDeriver } from './derive/summary-deriver';
import { shanghaiToday } from './derive/shanghai-day';
import type { Timers } from './derive/timers';
import { createLogger, type Logger } from './log';
import { createMetrics } from './metrics';
import { createHttpHandler, createOpsHandler } from './rest/http-app';
import { createOpsListener, type OpsListener } from './rest/ops-listener';
import type { DocumentStore } from './storage/document-store';
import { createClusterLink, type ClusterLink } from './cluster/cluster-link';
import { createClusterMetrics } from './cluster/cluster-metrics';
import { noFanOut } from './cluster/fan-out';
import { startSummaryDuty, type SummaryDuty, type SummaryDutyOptions } from './cluster/summary-duty';
import { openRedisFanOut } from './cluster/redis-fan-out';
import { loadSigningKey } from './extension/extension-key';
import { startBackupSchedule, createBackupMetrics, type BackupSchedule } from './storage/backup-schedule';
import { openStores } from './stores';
import { createSyncServer, type SyncServer } from './sync/sync-server';
import type { SyncLimits } from './sync/config';
import { anchorSource } from './audit/anchor-source';
import { startDigestSchedule, type DigestSchedule } from './audit/digest-schedule';
import type { ScopeLimits } from './audit/scope-plan';
import type { CallerLimits } from './rest/caller-limiter';

export interface AppOptions {
  logger?: Logger;
  now?: () => number;
  timers?: Timers;
  projectDebounceMs?: number;
  limits?: Partial<SyncLimits>;
  /** The board's undo: what one request may plan and how often an admin may ask (tests narrow them). */
  revert?: { limits?: ScopeLimits; callerLimits?: CallerLimits };
  /** With DATABASE_URL: the summary lease's timing (tests shorten it). */
  summaryDuty?: Pick<SummaryDutyOptions, 'ttlMs' | 'intervalMs' | 'holder'>;
  /** With DATABASE_URL: how often loaded documents' heads are compared with the store (tests shorten it). */
  clusterHeadCheckMs?: number;
}

export interface StartupInvite {
  role: Role;
  memberId: string;
  name: string;
  projects: number;
  code: string;
  expiresAt: number;
}

/** What this start found or made, for the printout. */
export type Startup =
  | {
      kind: 'demo';
      workspaceId: string;
      workspaceName: string;
      projects: number;
      seconds: number;
      invites: StartupInvite[];
      /** An observer token for the read-only wall display (/wall/?ws=…&token=…). */
      wallToken: string | null;
    }
  | { kind: 'empty' }
  | { kind: 'existing'; workspaces: Array<{ id: string; name: string }> };

export interface App {
  readonly config: AppConfig;
  readonly startup: Startup;
  readonly sqlitePath: string;
  readonly store: DocumentStore;
  readonly accounts: AccountStore;
  readonly auth: Auth;
  readonly sync: SyncServer;
  readonly deriver: SummaryDeriver;
  /** Fills the workspace-wide activity index from each project document's history, in the background. */
  readonly activity: ActivityIndexer;
  readonly logger: Logger;
  /** Picks up revocations the CLI stored; `poll()` looks at once. */
  readonly revocationWatch: { poll(): Promise<number> };
  /** With DATABASE_URL: how loaded rooms follow other instances' commits (docs/scale-out.md); null on SQLite. */
  readonly cluster: ClusterLink | null;
  /** With DATABASE_URL: this instance's share of the summary derivation (leases); null on SQLite. */
  readonly summaryDuty: SummaryDuty | null;
  /** The address people type into the options page (PUBLIC_URL, or http://host:port once listening). */
  readonly url: string;
  /** The operations listener's port once listening (OPS_PORT, or what port 0 got); null without one. */
  readonly opsPort: number | null;
  /** Scheduled backups (BACKUP_DIR) once listening; null without them. */
  readonly backups: BackupSchedule | null;
  /** Listens on PORT (and OPS_PORT when configured: `opsPort` is then the port it got). */
  listen(): Promise<{ url: string; port: number; opsPort: number | null }>;
  /** Flushes derivations, closes every socket with 1001, closes storage. Safe to call twice. */
  close(): Promise<void>;
}

/** Ids of every workspace with a stored workspace document. */
export async function listWorkspaceIds(store: DocumentStore): Promise<string[]> {
  const names = await store.listDocuments('ws/');
  return names.flatMap((name) => {
    const doc = parseDocName(name);
    return doc?.kind === 'workspace' ? [doc.workspaceId] : [];
  });
}

async function describeWorkspaces(store: DocumentStore, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  const out: Array<{ id: string; name: string }> = [];
  for (const id of ids) {
    const doc = await loadDoc(store, workspaceDocName(id));
    const meta = doc ? readWorkspace(doc).meta : null;
    doc?.destroy();
    out.push({ id, name: meta?.ok ? meta.value.name : id });
  }
  return out;
}

async function seedDemo(config: AppConfig, store: DocumentStore, accounts: AccountStore, auth: Auth, now: () => number): Promise<Startup> {
  const started = now();
  const bundle = demoBundle(config.demoScale, DEMO_SEED, started);
  // the year of edits it simulates, each attributed to the member who made it (the board's history names them)
  const imported = await importDemoWithHistory({ store, accounts, now }, bundle, shanghaiToday(started));
  if (!imported.ok) throw new Error(`the demo workspace did not import: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  const invites: StartupInvite[] = [];
  for (const person of demoPeople(bundle)) {
    const invite = await auth.invites.issueInvite(bundle.workspace.id, { role: person.role, memberId: person.member.id }, SERVER_AUTHOR);
    if (!invite) continue;
    invites.push({
      role: person.role,
      memberId: person.member.id,
      name: person.member.name,
      projects: person.projects,
      code: invite.code,
      expiresAt: invite.expiresAt,
    });
  }
  const observer = invites.find((i) => i.role === 'observer');
  const wall = observer ? await auth.tokens.issue(bundle.workspace.id, observer.memberId, 'observer') : null;
  return {
    kind: 'demo',
    workspaceId: bundle.workspace.id,
    workspaceName: bundle.workspace.name,
    projects: bundle.projects.length,
    seconds: (now() - started) / 1000,
    invites,
    wallToken: wall?.token ?? null,
  };
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const stores = await openStores(config, { now, logger });
  const { store, accounts } = stores;
  // the banner's "data file": the SQLite file, or the PostgreSQL database (without its password)
  const sqlitePath = stores.location;
  const metrics = createMetrics();
  const startedAt = now();
  // several instances share PostgreSQL: rooms follow the others' commits (through Redis when configured, else by polling)
  const redis = config.redis ?? null;
  const cluster = stores.shared
    ? await createClusterLink({
        store: stores.shared,
        logger,
        metrics: createClusterMetrics(metrics.registry),
        ...(options.clusterHeadCheckMs !== undefined ? { headCheckMs: options.clusterHeadCheckMs } : {}),
        openFanOut: (onUpdates) => (redis ? openRedisFanOut({ url: redis.url, prefix: redis.prefix, onUpdates, logger }) : Promise.resolve(noFanOut)),
      }).catch(async (error: unknown) => {
        await stores.close();
        throw error;
      })
    : null;

  // The auth hooks reach the sync server, which is created below with auth's token check.
  let sync: SyncServer | null = null;
  const host = {
    getDocument(name: string) {
      if (!sync) throw new Error('the sync server is not running yet');
      return sync.getDocument(name);
    },
  };

  // live rights: the workspace document decides, read once per state of it, for sockets and REST alike
  const liveRights = createLiveRights();
  const lookupMember: MemberLookup = async (workspaceId, memberId) => {
    const held = await host.getDocument(workspaceDocName(workspaceId));
    try {
      const member = liveRights.viewOf(held.doc).members.find((m) => m.id === memberId);
      return member ? { role: member.role, archived: member.archived } : null;
    } finally {
      held.release();
    }
  };

  /** A new person joined with a code: they enter the workspace document as the server wrote them. */
  async function addJoinedMember(joined: Joined): Promise<void> {
    const profile = joined.profile;
    if (!profile) return;
    const held = await host.getDocument(workspaceDocName(joined.workspaceId));
    try {
      await held.write((doc) => {
        if (readWorkspace(doc).members.some((m) => (m.ok ? m.value.id : m.id) === joined.memberId)) return;
        const added = addMember(
          doc,
          { id: joined.memberId, name: profile.name, rank: profile.rank, role: joined.role, unitId: profile.unitId },
          { memberId: SERVER_AUTHOR, at: now() },
        );
        if (!added.ok) logger.warn({ workspace: joined.workspaceId, member: joined.memberId, errors: added.errors }, 'joined member refused by the model');
      });
    } finally {
      held.release();
    }
  }

  let closeRevoked: ReturnType<typeof closeRevokedConnections> | null = null;
  const auth = createAuth({
    store: accounts,
    now,
    tokenLifetimeSeconds: config.tokenTtlSeconds,
    lookupMember,
    onJoined: addJoinedMember,
    onRevoked: (revoked) => void closeRevoked?.(revoked),
    onHookError: (error) => logger.error({ err: error }, 'auth hook failed'),
  });

  // several instances may start together on one database: one at a time looks, and only the first creates the demo
  const startup: Startup = await stores.exclusively(async () => {
    const existing = await listWorkspaceIds(store);
    if (existing.length > 0) return { kind: 'existing', workspaces: await describeWorkspaces(store, existing) };
    if (config.demo) return seedDemo(config, store, accounts, auth, now);
    return { kind: 'empty' };
  });

  // several instances: one derives each workspace's summary, under a lease (cluster/summary-duty.ts)
  let duty: SummaryDuty | null = null;
  const deriver = createSummaryDeriver({
    documents: host,
    logger,
    now,
    timers: options.timers,
    projectDebounceMs: options.projectDebounceMs,
    ...(stores.leases
      ? {
          leaseFence: (workspaceId: string) => duty?.fence(workspaceId) ?? null,
          firstAuthor: async (docName: string) => (await store.history(docName, 1, 1))[0]?.author ?? null,
        }
      : {}),
  });
  if (stores.shared && stores.leases) {
    duty = startSummaryDuty({
      leases: stores.leases,
      store: stores.shared,
      deriveProject: deriver.deriveProject,
      logger,
      ...(config.instanceId ? { holder: config.instanceId } : {}),
      ...options.summaryDuty,
    });
  }

  // the activity (动态): each commit names its document; the indexer replays and stores its entries in the background
  const activity = createActivityIndexer({
    store,
    index: stores.activity,
    logger,
    async unitsOf(workspaceId) {
      const held = await host.getDocument(workspaceDocName(workspaceId));
      try {
        return workspaceDirectory(held.doc).unitOf;
      } finally {
        held.release();
      }
    },
  });

  const backupMetrics = config.backup && !stores.shared ? createBackupMetrics(metrics.registry) : null;
  let backups: BackupSchedule | null = null;
  // ready: the stores are open and migrated (createApp got this far) and the app is not shutting down
  let closing: Promise<void> | null = null;
  // the key the extension served under /ext/ is signed with: it fixes the id every office machine sees
  // (several instances on PostgreSQL: give them all the same EXTENSION_KEY_FILE, or each would sign with its own id)
  mkdirSync(config.dataDir, { recursive: true });
  const extensionKey = loadSigningKey({ dataDir: config.dataDir, keyFile: config.extensionKeyFile ?? null });
  if (extensionKey.generated) logger.info({ file: extensionKey.path, id: extensionKey.id }, 'generated the extension signing key (back it up with the data)');
  const opsOptions = { store, metrics, stats: () => server.stats(), startedAt, now, ready: () => closing === null };
  const ops: OpsListener | null = config.ops ? createOpsListener(createOpsHandler({ ops: opsOptions, logger })) : null;
  const server = createSyncServer({
    store,
    authenticate: syncAuthenticate(auth.tokens),
    rights: liveRights,
    dayOf: shanghaiToday,
    logger,
    metrics,
    limits: options.limits,
    now,
    onDocumentUpdate: (name, doc, update, origin) => {
      activity.notify(name);
      return deriver.onDocumentUpdate(name, doc, update, origin);
    },
    cluster: cluster ?? undefined,
    httpHandler: createHttpHandler({
      logger,
      auth: { invites: auth.invites, tokens: auth.tokens, trustProxy: config.trustProxy },
      app: {
        tokens: auth.tokens,
        documents: host,
        lookupMember,
        viewOf: liveRights.viewOf,
        activity: { index: stores.activity },
        ...opsOptions,
        anchor: { source: anchorSource(config.dataDir) },
        ...(options.revert ? { revert: options.revert } : {}),
      },
      wall: { outputDir: config.wallDir },
      extension: {
        buildDir: config.wallDir,
        firefoxBuildDir: config.firefoxDir ?? null,
        outDir: join(config.dataDir, 'extension'),
        key: extensionKey,
        baseUrl: () => url,
        logger,
      },
    }),
  });
  sync = server;
  // workspaces stored before the 销号 loop: who answers for each project's open problems, from the summary rows
  if (startup.kind === 'existing') {
    for (const { id } of startup.workspaces) {
      const written = await deriver.backfillProblemParties(id);
      if (written > 0) logger.info({ workspace: id, projects: written }, 'recorded who answers for open problems');
    }
  }
  closeRevoked = closeRevokedConnections(server);
  // revocations the CLI writes while the server runs close the member's sockets within seconds
  const revocationWatch = watchRevocations({ store: accounts, logger, onRevoked: (revoked, at) => void closeRevoked?.(revoked, at) });

  let url = config.publicUrl ?? `http://${config.host}:${config.port}`;
  /** The daily signed digest of every chain head (#13), started with the listener. */
  let digests: DigestSchedule | null = null;
  let opsPort: number | null = null;

  return {
    config,
    startup,
    sqlitePath,
    store,
    accounts,
    auth,
    sync: server,
    deriver,
    activity,
    logger,
    revocationWatch,
    cluster,
    get summaryDuty() {
      return duty;
    },
    get url() {
      return url;
    },
    get opsPort() {
      return opsPort;
    },
    get backups() {
      return backups;
    },
    async listen() {
      const { port } = await server.listen(config.port, config.host);
      url = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
      opsPort = ops && config.ops ? (await ops.listen(config.ops.port, config.ops.host)).port : null;
      await revocationWatch.start();
      // whatever was stored while no indexer ran (a first start's demo, the CLI's writes, a crash): in the background
      void activity.catchUp().catch((error: unknown) => logger.error({ err: error }, 'activity index: catching up failed'));
      if (config.backup && backupMetrics && !backups) {
        backups = await startBackupSchedule({
          source: stores.location,
          ...config.backup,
          logger,
          metrics: backupMetrics,
          now,
          alsoKeep: [extensionKey.path],
        });
      }
      if (config.dailyDigest === true) digests ??= startDigestSchedule({ store, dataDir: config.dataDir, logger });
      return { url, port, opsPort };
    },
    close() {
      closing ??= (async () => {
        revocationWatch.stop();
        await backups?.stop();
        digests?.stop();
        await deriver.close().catch((error: unknown) => logger.error({ err: error }, 'flushing derivations failed'));
        await activity.close();
        // hands the summary leases over at once instead of letting them expire
        await duty?.close();
        await ops?.close();
        await server.close();
        await cluster?.close();
        await stores.close();
      })();
      return closing;
    },
  };
}
