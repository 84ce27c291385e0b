import type { IncomingMessage, ServerResponse } from 'node:http';
import { t } from '../../shared/i18n';
import type { Logger } from '../log';
import { appRoutes, type AppRoutesOptions } from './app-routes';
import { createAuthHttpHandler, type AuthRoutesOptions } from './auth-routes';
import { requestLocale, sendError } from './http-json';
import { createRouter } from './router';

/**
 * The sync server's HTTP side: the auth routes, then the app's own, then a JSON 404. Nothing a client sends can
 * throw out of here: a handler's failure is logged and answered with a plain 500.
 */
export function createHttpHandler(options: { auth: Omit<AuthRoutesOptions, 'onError'>; app: AppRoutesOptions; logger: Logger }) {
  const onError = (error: unknown): void => options.logger.error({ err: error }, 'REST handler failed');
  const auth = createAuthHttpHandler({ ...options.auth, onError });
  const app = createRouter(appRoutes(options.app), {
    onMethodNotAllowed({ req, res }, allowed) {
      req.resume();
      sendError(res, 405, 'method_not_allowed', t(requestLocale(req), 'auth.methodNotAllowed'), { allow: allowed.join(', ') });
    },
    onError({ req, res }, error) {
      onError(error);
      sendError(res, 500, 'internal', t(requestLocale(req), 'auth.internal'));
    },
  });

  return (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      // Extension pages and the wall call the REST API cross-origin. Credentials are bearer tokens, never cookies,
      // so any origin may ask: a page without a token gets nothing it could not get with curl.
      allowCrossOrigin(res);
      if (req.method === 'OPTIONS') {
        req.resume();
        res.writeHead(204, { 'access-control-max-age': '600' }).end();
        return;
      }
      if (!isParsableUrl(req.url)) {
        req.resume();
        return sendError(res, 400, 'bad_request', t(requestLocale(req), 'auth.badRequest'));
      }
      if (await auth(req, res)) return;
      if (await app(req, res)) return;
      req.resume();
      sendError(res, 404, 'not_found', t(requestLocale(req), 'auth.notFound'));
    })().catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) sendError(res, 500, 'internal', t(requestLocale(req), 'auth.internal'));
      else res.destroy();
    });
  };
}

function allowCrossOrigin(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', 'authorization, content-type, accept-language');
}

/** The router parses the path as a URL; a request line such as `//` is not one. */
function isParsableUrl(url: string | undefined): boolean {
  try {
    new URL(url ?? '/', 'http://localhost');
    return true;
  } catch {
    return false;
  }
}
