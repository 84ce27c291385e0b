import { createRoot } from 'react-dom/client';
import { App } from './App';
import { detectBoardEnv } from './board-env';

const env = detectBoardEnv(window.location);
document.documentElement.lang = env.locale ?? 'zh-CN';
createRoot(document.getElementById('root')!).render(<App env={env} />);
