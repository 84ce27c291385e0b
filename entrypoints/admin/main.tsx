import { createRoot } from 'react-dom/client';
import { openGuatuDb } from '../../client/db';
import { App } from './App';
import './style.css';

const root = document.getElementById('root');
if (!root) throw new Error('admin.html has no #root element');
const params = new URLSearchParams(window.location.search);
createRoot(root).render(<App db={openGuatuDb()} workspaceKey={params.get('ws')} />);
