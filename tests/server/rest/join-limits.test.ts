import { afterEach, describe, expect, it } from 'vitest';
import { INVITE_ALPHABET } from '../../../server/auth/invite-code';
import { authRoutes, type AuthRoutesOptions } from '../../../server/rest/auth-routes';
import { joinCodePrefix } from '../../../server/rest/join-limiter';
import { world, type World } from '../auth/fixtures';
import { seededRandom } from '../storage/project-edits';
import { closeServed, serveHttp } from './serve-http';

afterEach(closeServed);

/** The auth routes on a real socket (the peer is always 127.0.0.1). */
function serve(w: World, extra: Partial<AuthRoutesOptions> = {}): Promise<string> {
  return serveHttp(authRoutes({ invites: w.auth.invites, tokens: w.auth.tokens, now: w.clock.now, ...extra }));
}

async function join(base: string, code: string, forwardedFor?: string): Promise<{ status: number; retryAfter: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) };
  const res = await fetch(`${base}/api/join`, { method: 'POST', body: JSON.stringify({ code }), headers });
  await res.body?.cancel();
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

/** Wrong codes a person mistyping one code would send: a fixed two-character start, the rest random. */
function wrongGuesses(prefix: string, count: number, seed = 1): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    let rest = '';
    for (let i = 0; i < 6; i++) rest += INVITE_ALPHABET[Math.floor(random() * INVITE_ALPHABET.length)];
    return `${prefix}${rest}`;
  });
}

/** A two-character start no real code of `codes` has. */
function otherPrefix(...codes: string[]): string {
  const taken = new Set(codes.map(joinCodePrefix));
  for (const a of INVITE_ALPHABET) for (const b of INVITE_ALPHABET) if (!taken.has(a + b)) return a + b;
  throw new Error('every prefix taken');
}

describe('POST /api/join limits, by address and code prefix', () => {
  it("lets a colleague's valid code join after 25 wrong guesses from the same address", async () => {
    const w = await world();
    const base = await serve(w);
    const statuses: number[] = [];
    for (const guess of wrongGuesses(otherPrefix(w.adminCode), 25)) statuses.push((await join(base, guess)).status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    expect((await join(base, w.adminCode)).status).toBe(200);
  });

  it('limits 25 wrong guesses with one prefix: the 21st is refused with Retry-After, also typed in lower case with a dash', async () => {
    const w = await world();
    const base = await serve(w);
    const prefix = otherPrefix(w.adminCode);
    const guesses = wrongGuesses(prefix, 25, 2);
    for (const guess of guesses.slice(0, 20)) expect((await join(base, guess)).status).toBe(404);
    const typed = `${guesses[20]!.slice(0, 4)}-${guesses[20]!.slice(4)}`.toLowerCase();
    expect(await join(base, typed)).toEqual({ status: 429, retryAfter: '6' });
    for (const guess of guesses.slice(21)) expect((await join(base, guess)).status).toBe(429);
    w.clock.advance(6_000);
    expect((await join(base, guesses[0]!)).status).toBe(404);
  });

  it('still stops one address guessing across every prefix (the per-address ceiling)', async () => {
    const w = await world();
    const base = await serve(w, { joinLimits: { perMinute: 6, burst: 30 } });
    const random = seededRandom(3);
    const spread = Array.from({ length: 30 }, (_, i) => wrongGuesses(INVITE_ALPHABET[i % 32]! + INVITE_ALPHABET[Math.floor(random() * 32)]!, 1, i)[0]!);
    for (const guess of spread) expect([404, 200]).toContain((await join(base, guess)).status);
    expect(await join(base, w.adminCode)).toEqual({ status: 429, retryAfter: '10' });
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const w = await world();
    const base = await serve(w, { joinLimits: { perMinute: 6, burst: 3 } });
    const guesses = wrongGuesses(otherPrefix(w.adminCode), 3, 4);
    for (const [i, guess] of guesses.entries()) expect((await join(base, guess, `198.51.100.${i}`)).status).toBe(404);
    // a fresh forged address does not buy a fresh budget
    expect((await join(base, w.adminCode, '198.51.100.99')).status).toBe(429);
  });

  it('honours X-Forwarded-For from a trusted proxy: clients behind it are limited one by one, and cannot forge their entry', async () => {
    const w = await world();
    const base = await serve(w, { joinLimits: { perMinute: 6, burst: 3 }, trustProxy: ['127.0.0.1'] });
    const guesses = wrongGuesses(otherPrefix(w.adminCode), 3, 5);
    for (const guess of guesses) expect((await join(base, guess, '198.51.100.1')).status).toBe(404);
    expect((await join(base, guesses[0]!, '198.51.100.1')).status).toBe(429);
    // the client wrote its own left part; the proxy appended the address it really came from
    expect((await join(base, guesses[0]!, '203.0.113.50, 198.51.100.1')).status).toBe(429);
    expect((await join(base, w.adminCode, '198.51.100.2')).status).toBe(200);
  });
});
