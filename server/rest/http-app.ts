/**
 * The sync server's HTTP side on Hono: the wall display, then CORS, the auth routes and the app's own, 405 for a
 * known path asked with another method, and a JSON 404. Nothing a client sends can throw out of here: a handler's
 * failure is logged and answered with a JSON 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener, RequestError } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { t } from '../../shared/i18n';
import type { Logger } from '../log';
import { appRoutes, type AppRoutesOptions } from './app-routes';
import { authRoutes, type AuthRoutesOptions } from './auth-routes';
import { extensionRoutes, type ExtensionRoutesOptions } from './extension-routes';
import { opsRoutes, type OpsRoutesOptions } from './ops-routes';
import { sendError, type RestEnv } from './respond';
import { wallRoutes, type WallOptions } from './wall';

export interface HttpAppOptions {
  auth: AuthRoutesOptions;
  app: AppRoutesOptions;
  wall: WallOptions;
  /** The extension for intranet installs (/ext/, /install); absent: not served. */
  extension?: ExtensionRoutesOptions;
  logger: Logger;
}

/**
 * Answers 405 with `Allow` on every path `app` serves, for the methods it does not; register after the routes.
 * (Hono itself would fall through to 404.)
 */
export function answerWrongMethods(app: Hono<RestEnv>): void {
  const allowed = new Map<string, Set<string>>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const methods = allowed.get(route.path) ?? new Set<string>();
    methods.add(route.method);
    allowed.set(route.path, methods);
  }
  for (const [path, methods] of allowed) {
    app.all(path, (c) => sendError(c, 405, 'method_not_allowed', 'auth.methodNotAllowed', { allow: [...methods].join(', ') }));
  }
}

/** The router works on the path as a URL; a request line such as `//` is not one. */
function isParsableUrl(url: string | undefined): boolean {
  try {
    new URL(url ?? '/', 'http://localhost');
    return true;
  } catch {
    return false;
  }
}

export function createHttpApp(options: HttpAppOptions): Hono<RestEnv> {
  const api = new Hono<RestEnv>().route('/', authRoutes(options.auth)).route('/', appRoutes(options.app));
  answerWrongMethods(api);

  const app = new Hono<RestEnv>();
  app.use('*', async (c, next) => {
    if (!isParsableUrl(c.env?.incoming?.url)) return sendError(c, 400, 'bad_request', 'auth.badRequest');
    await next();
  });
  app.route('/', wallRoutes(options.wall));
  if (options.extension) app.route('/', extensionRoutes(options.extension));
  // Extension pages and the wall call the REST API cross-origin. Credentials are bearer tokens, never cookies,
  // so any origin may ask: a page without a token gets nothing it could not get with curl.
  app.use(
    '*',
    cors({ origin: '*', allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'], allowHeaders: ['authorization', 'content-type', 'accept-language'], maxAge: 600 }),
  );
  app.route('/', api);
  app.notFound((c) => sendError(c, 404, 'not_found', 'auth.notFound'));
  app.onError((error: unknown, c: Context) => {
    options.logger.error({ err: error }, 'REST handler failed');
    return sendError(c, 500, 'internal', 'auth.internal');
  });
  return app;
}

/**
 * `app` as a node request listener, for the sync server's `http.createServer` (which also takes the WebSocket
 * upgrades). A request node-server cannot even turn into a Request (a backslash path, a bad Host) gets a JSON 400.
 */
export function nodeListener(app: Hono<RestEnv>): (req: IncomingMessage, res: ServerResponse) => void {
  const listener = getRequestListener(app.fetch, {
    errorHandler: (error) =>
      error instanceof RequestError
        ? Response.json({ error: { code: 'bad_request', message: t('zh-CN', 'auth.badRequest') } }, { status: 400 })
        : Response.json({ error: { code: 'internal', message: t('zh-CN', 'auth.internal') } }, { status: 500 }),
  });
  return (req, res) => void listener(req, res);
}

/** The whole HTTP side as the sync server's `httpHandler`. */
export function createHttpHandler(options: HttpAppOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return nodeListener(createHttpApp(options));
}

/**
 * The operations listener's handler: /health and /metrics only, everything else a JSON 404. It has no CORS and no
 * auth routes: it is meant for a port only the operator's monitoring can reach.
 */
export function createOpsHandler(options: { ops: OpsRoutesOptions; logger: Logger }): (req: IncomingMessage, res: ServerResponse) => void {
  const app = new Hono<RestEnv>().route('/', opsRoutes(options.ops));
  answerWrongMethods(app);
  app.notFound((c) => sendError(c, 404, 'not_found', 'auth.notFound'));
  app.onError((error: unknown, c: Context) => {
    options.logger.error({ err: error }, 'ops handler failed');
    return sendError(c, 500, 'internal', 'auth.internal');
  });
  return nodeListener(app);
}
