import type { BoardStart } from '../../client/board-start';
import { DbContext } from '../../client/db-hooks';
import type { GuatuDb } from '../../client/db';
import { t } from '../../shared/i18n';
import type { BoardEnv } from './board-env';
import { ExtensionBoard } from './extension-board';
import { WallBoard } from './wall-board';

/** The extension board's database and its first reads, started by main.tsx before the first render. */
export interface ExtensionStart {
  db: GuatuDb;
  first: Promise<BoardStart | null>;
}

/** Chooses the extension board or the wall display from where the page runs. */
export function App({ env, start }: { env: BoardEnv; start: ExtensionStart | null }) {
  switch (env.kind) {
    case 'extension':
      if (!start) return <p className="muted">{t(env.locale ?? 'zh-CN', 'board.loading')}</p>;
      return (
        <DbContext.Provider value={start.db}>
          <ExtensionBoard workspaceKey={env.workspaceKey} locale={env.locale} first={start.first} />
        </DbContext.Provider>
      );
    case 'wall':
      return <WallBoard workspace={env.workspace} locale={env.locale} rotateSeconds={env.rotateSeconds} />;
    case 'wallInvalid':
      return <p role="alert">{t(env.locale, 'board.wall.missingParams')}</p>;
  }
}
