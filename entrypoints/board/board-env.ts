import { workspaceKey, type JoinedWorkspace } from '../../client/db';
import { normalizeServerUrl } from '../../client/server-url';
import { IdSchema, LocaleSchema, type Locale } from '../../shared/schema/common';
import { rotateSeconds } from '../../client/view-models/board/wall-pages';

/**
 * Where the board page runs: as the extension's own page (joined workspaces in Dexie), or as the sync server's
 * read-only wall display (`/wall/?ws=<workspaceId>&token=<observer token>[&rotate=<seconds per page>]`), where no
 * `browser.*` API exists.
 */
export type BoardEnv =
  | { kind: 'extension'; workspaceKey: string | null; locale: Locale | null }
  | { kind: 'wall'; workspace: JoinedWorkspace; locale: Locale /** Seconds per page (`&rotate=`; 0 starts paused). */; rotateSeconds: number }
  | { kind: 'wallInvalid'; locale: Locale };

const EXTENSION_PROTOCOLS = new Set(['chrome-extension:', 'moz-extension:', 'safari-web-extension:']);

/** Reads the page's address only: no browser API is touched, so the same bundle runs as a plain web page. */
export function detectBoardEnv(location: Pick<Location, 'protocol' | 'origin' | 'search'>): BoardEnv {
  const params = new URLSearchParams(location.search);
  const lang = LocaleSchema.safeParse(params.get('lang'));
  if (EXTENSION_PROTOCOLS.has(location.protocol)) {
    return { kind: 'extension', workspaceKey: params.get('ws'), locale: lang.success ? lang.data : null };
  }
  const locale = lang.success ? lang.data : 'zh-CN';
  const workspaceId = IdSchema.safeParse(params.get('ws'));
  const token = params.get('token')?.trim() ?? '';
  const serverUrl = normalizeServerUrl(location.origin);
  if (!workspaceId.success || token === '' || serverUrl === null) return { kind: 'wallInvalid', locale };
  return {
    kind: 'wall',
    locale,
    rotateSeconds: rotateSeconds(params.get('rotate')),
    // The wall never writes: it is an observer whatever the token says, and needs no member of its own.
    workspace: {
      key: workspaceKey(serverUrl, workspaceId.data),
      serverUrl,
      workspaceId: workspaceId.data,
      workspaceName: '',
      memberId: 'wall',
      memberName: '',
      role: 'observer',
      token,
      expiresAt: 0,
      joinedAt: 0,
    },
  };
}
