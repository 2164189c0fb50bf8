/**
 * `npm start`: the local workbench and the local tenant on http://localhost:4321.
 * The database lives in .local/tenant.db (ignored by git); `npm run reset` rebuilds it.
 */
import * as path from 'path';
import { startWorkbench } from './workbench';

const port = Number(process.env.PORT || 4321);
const host = process.env.HOST || 'localhost';
const dbFile = process.env.LOCAL_TENANT_DB || path.resolve(__dirname, '..', '..', '.local', 'tenant.db');

startWorkbench({ port, host, dbFile, log: line => console.log(line) }).then(wb => {
  console.log(`Local workbench: ${wb.url.replace('127.0.0.1', 'localhost')}/  (Teams host: /teams, outbox: /outbox)`);
  console.log(`Local tenant:    ${wb.url}/sites/intranet/_api  and  ${wb.url}/graph/v1.0`);
  const stop = (): void => { wb.close().then(() => process.exit(0), () => process.exit(1)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}).catch(err => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
