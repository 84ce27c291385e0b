import { createRoot } from 'react-dom/client';
import { openGuatuDb } from '../../client/db';
import { LocaleSchema } from '../../shared/schema/common';
import '../../components/common/base.css';
import { ImportApp } from './import-app';

const params = new URLSearchParams(window.location.search);
const lang = LocaleSchema.safeParse(params.get('lang'));
const root = document.getElementById('root');
if (!root) throw new Error('import.html has no #root element');
createRoot(root).render(<ImportApp db={openGuatuDb()} workspaceKey={params.get('ws')} forcedLocale={lang.success ? lang.data : null} />);
