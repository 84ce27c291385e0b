import { startOurs } from './ours-server';
import { startOfficial } from './official-server';
const s = process.argv[2] === 'official' ? await startOfficial() : await startOurs(process.argv[3] ?? '/tmp/prof/p.sqlite');
console.log('PORT', s.port);
process.on('SIGINT', () => { void s.close().then(() => process.exit(0)); });
setTimeout(() => { void s.close().then(() => process.exit(0)); }, 25_000);
