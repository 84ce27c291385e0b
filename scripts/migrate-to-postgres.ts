/**
 * `node --import tsx scripts/migrate-to-postgres.ts <guatu.sqlite> [DATABASE_URL]` — copies a SQLite data file into
 * an empty PostgreSQL database with every chain intact (server/migrate-to-postgres.ts). DATABASE_URL may come from
 * the environment instead. Stop the server that uses the file first.
 */
import { migrateSqliteToPostgres } from '../server/migrate-to-postgres';

const [file, urlArgument] = process.argv.slice(2);
const url = urlArgument ?? process.env.DATABASE_URL;
if (!file || !url) {
  process.stderr.write('用法 · usage: node --import tsx scripts/migrate-to-postgres.ts <guatu.sqlite> [postgres://…]  (or DATABASE_URL)\n');
  process.exit(2);
}
const outcome = await migrateSqliteToPostgres(file, url);
if (!outcome.ok) {
  process.stderr.write(`迁移失败 · migration failed: ${outcome.reason}\n`);
  process.exit(1);
}
const r = outcome.report;
process.stdout.write(
  `迁移完成，哈希链校验通过 · migrated, chains verified: ${r.documents} documents, ${r.updates} updates, ${r.workspaces} workspaces, ${r.invites} invites, ${r.revocations} revocations\n`,
);
