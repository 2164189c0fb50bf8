/**
 * The workbench seeds a new database with the demo organisation on first start, and signs a
 * first-time visitor in as the plain employee persona.
 */
import type { Database } from 'better-sqlite3';
import { PERSONAS, seedDemo } from '../tenant/seed';

export function seedIfEmpty(db: Database, referenceDate: Date): boolean {
  const n = (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  if (n > 0) return false;
  seedDemo(db, { referenceDate });
  return true;
}

export function defaultPersonaUpn(db: Database): string | null {
  const employee = PERSONAS.find(p => p.role === 'employee') || PERSONAS[0];
  if (!employee) return null;
  const row = db.prepare('SELECT userPrincipalName FROM users WHERE userPrincipalName = ?').get(employee.upn) as { userPrincipalName: string } | undefined;
  return row ? row.userPrincipalName : null;
}
