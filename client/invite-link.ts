/**
 * The link a cadre opens to join: the extension's options page with the server address and the invite code in its
 * query (`options.html?server=…&code=…`). The options page reads them back, fills in the join form, and one click
 * joins. The QR code carries the same link (client/invite-qr.ts).
 */
import { normalizeServerUrl } from './server-url';

export interface JoinLinkParams {
  serverUrl: string;
  code: string;
}

/** `optionsPageUrl`: the extension's own options page (`browser.runtime.getURL('/options.html')`). */
export function joinLink(optionsPageUrl: string, params: JoinLinkParams): string {
  const url = new URL(optionsPageUrl);
  url.search = new URLSearchParams({ server: params.serverUrl, code: params.code }).toString();
  return url.toString();
}

/** The server and code a join link carries, or null when the page was opened without (or with a broken) one. */
export function readJoinLink(search: string): JoinLinkParams | null {
  const query = new URLSearchParams(search);
  const code = query.get('code')?.trim() ?? '';
  const server = normalizeServerUrl(query.get('server') ?? '');
  if (code === '' || code.length > 64 || server === null) return null;
  return { serverUrl: server, code };
}
