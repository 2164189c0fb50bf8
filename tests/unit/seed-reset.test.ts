/**
 * `npm run reset`: rebuilds the database file from scratch with every schema and the demo seed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resetDatabase } from '../../workbench/server/reset';
import { createLocalTenant } from '../../workbench/tenant/server';

describe('resetDatabase', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-reset-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('deletes and rebuilds the file with the demo seed and the SharePoint schema', () => {
    const file = path.join(dir, 'nested', 'tenant.db');
    const lines: string[] = [];
    const options = { dbFile: file, referenceDate: new Date('2026-11-02T12:00:00Z'), log: (l: string) => lines.push(l) };
    resetDatabase(options);
    resetDatabase(options); // a second reset starts again from nothing
    expect(lines.join('\n')).toContain('emilie.tremblay@northwind-retail.example');
    const tenant = createLocalTenant({ dbFile: file });
    try {
      expect((tenant.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(320);
      expect((tenant.db.prepare("SELECT COUNT(*) AS n FROM sp_group_members").get() as { n: number }).n).toBeGreaterThanOrEqual(3);
    } finally {
      tenant.close();
    }
  });
});
