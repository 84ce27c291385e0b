/**
 * zod at each route's door: params, query and JSON bodies are checked with the existing schemas before a handler
 * runs, and a refusal keeps the route's own status, code and message (`refuse`), so clients see what they always saw.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { sendError, type RestEnv } from './respond';

/** Small bodies only: an invite request is well under 1 KiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 4 * 1024;

/** The route's params or query as `schema` reads them (`c.req.valid(target)`), or `refuse`'s answer. */
export function valid<T extends 'param' | 'query', S extends z.ZodType>(target: T, schema: S, refuse: (c: Context) => Response) {
  return validator(target, (value, c): z.output<S> | Response => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : refuse(c);
  });
}

/**
 * The body as JSON checked by `schema` (`c.req.valid('json')`), whatever Content-Type the client sent: more than
 * `limit` bytes (announced, or counted while a chunked upload streams) is 413 `too_large`; anything that does not
 * parse or fit is 400 `bad_request`.
 */
export function jsonBody<S extends z.ZodType>(
  schema: S,
  limit = DEFAULT_BODY_LIMIT_BYTES,
): MiddlewareHandler<RestEnv, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  const limited = bodyLimit({ maxSize: limit, onError: (c) => sendError(c, 413, 'too_large', 'auth.tooLarge', { connection: 'close' }) });
  return async (c, next) => {
    // the limit first: a chunked upload is buffered up to `limit` bytes and no further
    const tooLarge = await limited(c, async () => {});
    if (tooLarge) return tooLarge;
    let value: unknown;
    try {
      value = JSON.parse(await c.req.text());
    } catch {
      return sendError(c, 400, 'bad_request', 'auth.badRequest');
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) return sendError(c, 400, 'bad_request', 'auth.badRequest');
    c.req.addValidatedData('json', parsed.data as object);
    await next();
  };
}
