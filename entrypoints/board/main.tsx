import { createRoot } from 'react-dom/client';
import { readBoardStart } from '../../client/board-start';
import { openGuatuDb } from '../../client/db';
import { App } from './App';
import { detectBoardEnv } from './board-env';

const env = detectBoardEnv(window.location);
document.documentElement.lang = env.locale ?? 'zh-CN';
// The extension board's first reads start now, while React is still being set up.
const db = env.kind === 'extension' ? openGuatuDb() : null;
const start = db && env.kind === 'extension' ? { db, first: readBoardStart(db, env.workspaceKey) } : null;
const root = document.getElementById('root');
if (!root) throw new Error('board.html has no #root element');
createRoot(root).render(<App env={env} start={start} />);
