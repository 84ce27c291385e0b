/**
 * The server address a person types ("127.0.0.1:8080", "http://host:8080/", "ws://host:8080") as one normal form:
 * an http(s) base without trailing slash, query or fragment. Null when it is not an address.
 */
export function normalizeServerUrl(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  const scheme = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[url.protocol];
  if (!scheme || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  const path = url.pathname.replace(/\/+$/, '');
  return `${scheme}//${url.host}${path}`;
}

/** The WebSocket base of a normalised server address (http → ws, https → wss). */
export function wsUrlOf(serverUrl: string): string {
  return serverUrl.replace(/^http(s?):\/\//, 'ws$1://');
}
