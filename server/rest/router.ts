import type { IncomingMessage, ServerResponse } from 'node:http';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** `:name` segments of the pattern, URI-decoded. */
  params: Record<string, string>;
  url: URL;
}

export interface Route {
  method: Method;
  /** e.g. `/api/workspaces/:id/invites`; segments match exactly, `:name` matches one non-empty segment. */
  pattern: string;
  handler: (ctx: RouteContext) => Promise<void> | void;
}

/** Handles a request when a route matches; resolves false otherwise so the caller can try its own handlers. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface RouterOptions {
  /** Answers a method the path does not accept and a handler that threw; the router never lets either crash the server. */
  onMethodNotAllowed: (ctx: RouteContext, allowed: Method[]) => void;
  onError: (ctx: RouteContext, error: unknown) => void;
}

function match(pattern: string[], path: string[]): Record<string, string> | null {
  if (pattern.length !== path.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] ?? '';
    const got = path[i] ?? '';
    if (want.startsWith(':')) {
      if (got === '') return null;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return null; // broken %-escapes name nothing we serve
      }
    } else if (want !== got) {
      return null;
    }
  }
  return params;
}

export function createRouter(routes: readonly Route[], options: RouterOptions): RequestHandler {
  const compiled = routes.map((route) => ({ route, segments: route.pattern.split('/') }));
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const segments = url.pathname.split('/');
    const allowed: Method[] = [];
    for (const { route, segments: pattern } of compiled) {
      const params = match(pattern, segments);
      if (!params) continue;
      if (route.method !== req.method) {
        allowed.push(route.method);
        continue;
      }
      const ctx: RouteContext = { req, res, params, url };
      try {
        await route.handler(ctx);
      } catch (error) {
        options.onError(ctx, error);
      }
      return true;
    }
    if (allowed.length === 0) return false;
    options.onMethodNotAllowed({ req, res, params: {}, url }, allowed);
    return true;
  };
}
