import { browser } from 'wxt/browser';

/** The host-permission pattern of a normalised server address (`http://host:port/*`; Chrome ignores the port). */
export function serverOriginPattern(serverUrl: string): string | null {
  try {
    const url = new URL(serverUrl);
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return null;
  }
}

/**
 * Asks once for access to a server that is not local, so the options page can POST /api/join to it (the server sends
 * no CORS headers). Must run inside the click handler, before anything is awaited: browsers only show the prompt
 * during a user gesture. Resolves true when access is (or already was) granted.
 */
export async function requestServerAccess(serverUrl: string): Promise<boolean> {
  const pattern = serverOriginPattern(serverUrl);
  if (pattern === null) return false;
  try {
    // Requested straight away (no `contains` first): an await before it would end the gesture. An origin already granted
    // (or declared, as 127.0.0.1 and localhost are) resolves true without a prompt.
    return await browser.permissions.request({ origins: [pattern] });
  } catch {
    return false;
  }
}
