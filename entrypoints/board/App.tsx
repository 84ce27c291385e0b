import { useMemo } from 'react';
import { DbContext } from '../../client/hooks';
import { openGuatuDb } from '../../client/db';
import { t } from '../../shared/i18n';
import type { BoardEnv } from './board-env';
import { ExtensionBoard } from './extension-board';
import { WallBoard } from './wall-board';

/** Chooses the extension board or the wall display from where the page runs. */
export function App({ env }: { env: BoardEnv }) {
  const db = useMemo(() => (env.kind === 'extension' ? openGuatuDb() : null), [env.kind]);
  switch (env.kind) {
    case 'extension':
      return (
        <DbContext.Provider value={db}>
          <ExtensionBoard workspaceKey={env.workspaceKey} locale={env.locale} />
        </DbContext.Provider>
      );
    case 'wall':
      return <WallBoard workspace={env.workspace} locale={env.locale} />;
    case 'wallInvalid':
      return <p role="alert">{t(env.locale, 'board.wall.missingParams')}</p>;
  }
}
