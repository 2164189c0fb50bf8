/**
 * The local tenant's embedded database (SQLite through better-sqlite3).
 * This file owns the directory tables shared by the SharePoint and Graph emulations;
 * each emulation creates its own tables in its own `init*Schema`.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import * as fs from 'fs';
import * as path from 'path';
import type { DirectoryUser } from './types';

export function openDatabase(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  initDirectorySchema(db);
  return db;
}

export function initDirectorySchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      id TEXT PRIMARY KEY,
      userPrincipalName TEXT NOT NULL UNIQUE COLLATE NOCASE,
      displayName TEXT NOT NULL,
      givenName TEXT, surname TEXT, mail TEXT COLLATE NOCASE,
      jobTitle TEXT, department TEXT, officeLocation TEXT, city TEXT, country TEXT,
      preferredLanguage TEXT, mobilePhone TEXT, businessPhones TEXT NOT NULL DEFAULT '[]',
      employeeId TEXT, managerId TEXT REFERENCES users(id),
      accountEnabled INTEGER NOT NULL DEFAULT 1,
      userType TEXT NOT NULL DEFAULT 'Member',
      extra TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX IF NOT EXISTS users_manager ON users(managerId);
    CREATE INDEX IF NOT EXISTS users_displayName ON users(displayName COLLATE NOCASE);
    CREATE INDEX IF NOT EXISTS users_department ON users(department);
    CREATE TABLE IF NOT EXISTS groups (
      id TEXT PRIMARY KEY,
      displayName TEXT NOT NULL,
      mailNickname TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT
    );
    CREATE TABLE IF NOT EXISTS group_members (
      groupId TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      userId TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      PRIMARY KEY (groupId, userId)
    );
    CREATE INDEX IF NOT EXISTS group_members_user ON group_members(userId);
    CREATE TABLE IF NOT EXISTS storage_entities (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      description TEXT,
      comment TEXT
    );
    CREATE TABLE IF NOT EXISTS outbox (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      sender TEXT NOT NULL,
      recipients TEXT NOT NULL,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      payload TEXT NOT NULL,
      createdAt TEXT NOT NULL
    );
  `);
}

interface UserRow extends Omit<DirectoryUser, 'businessPhones' | 'accountEnabled'> {
  businessPhones: string;
  accountEnabled: number;
}

export function rowToUser(row: UserRow): DirectoryUser {
  return {
    id: row.id,
    userPrincipalName: row.userPrincipalName,
    displayName: row.displayName,
    givenName: row.givenName,
    surname: row.surname,
    mail: row.mail,
    jobTitle: row.jobTitle,
    department: row.department,
    officeLocation: row.officeLocation,
    city: row.city,
    country: row.country,
    preferredLanguage: row.preferredLanguage,
    mobilePhone: row.mobilePhone,
    businessPhones: JSON.parse(row.businessPhones) as string[],
    employeeId: row.employeeId,
    managerId: row.managerId,
    accountEnabled: row.accountEnabled === 1,
    userType: row.userType
  };
}

export function findUserByUpn(db: Database, upn: string): DirectoryUser | null {
  const row = db.prepare('SELECT * FROM users WHERE userPrincipalName = ?').get(upn) as UserRow | undefined;
  return row ? rowToUser(row) : null;
}

export function findUserById(db: Database, id: string): DirectoryUser | null {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row ? rowToUser(row) : null;
}

/** Ids of the Entra groups a user belongs to (direct membership; the demo has no nesting). */
export function groupIdsOf(db: Database, userId: string): string[] {
  return (db.prepare('SELECT groupId FROM group_members WHERE userId = ?').all(userId) as { groupId: string }[])
    .map(r => r.groupId);
}
