/**
 * The outbox: what Graph would have sent out of the tenant (mail, Teams activity notifications),
 * kept in the `outbox` table so nothing leaves the machine and the workbench can show it.
 */
import { randomUUID } from 'crypto';
import type { Database } from 'better-sqlite3';
import type { OutboxMessage } from '../types';

interface OutboxRow {
  id: string;
  kind: string;
  sender: string;
  recipients: string;
  subject: string;
  body: string;
  payload: string;
  createdAt: string;
}

export function addToOutbox(db: Database, message: Omit<OutboxMessage, 'id'> & { id?: string }): OutboxMessage {
  const stored: OutboxMessage = { ...message, id: message.id || randomUUID() };
  db.prepare(`INSERT INTO outbox (id, kind, sender, recipients, subject, body, payload, createdAt)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(stored.id, stored.kind, stored.from, JSON.stringify(stored.to), stored.subject, stored.body,
      JSON.stringify(stored.payload === undefined ? null : stored.payload), stored.createdAt);
  return stored;
}

/** Newest first (ties keep the reverse order of insertion). */
export function listOutbox(db: Database): OutboxMessage[] {
  const rows = db.prepare('SELECT * FROM outbox ORDER BY createdAt DESC, rowid DESC').all() as OutboxRow[];
  return rows.map(r => ({
    id: r.id,
    kind: r.kind as OutboxMessage['kind'],
    from: r.sender,
    to: JSON.parse(r.recipients) as string[],
    subject: r.subject,
    body: r.body,
    createdAt: r.createdAt,
    payload: JSON.parse(r.payload) as unknown
  }));
}

export function clearOutbox(db: Database): number {
  return db.prepare('DELETE FROM outbox').run().changes;
}
