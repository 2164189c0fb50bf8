/**
 * Talks to the local tenant's own controls (/_local/...) and keeps the workbench's choices
 * (demo user, language, Teams theme) in cookies, so the server and every page agree on them.
 */
export interface Persona {
  upn: string;
  displayName: string;
  role: string;
  jobTitle?: { en: string; fr: string };
  description: { en: string; fr: string };
}

export interface OutboxEntry {
  id: string;
  kind: string;
  from: string;
  to: string[];
  subject: string;
  body: string;
  createdAt: string;
}

export const SUPPORTED_LOCALES = ['en-US', 'fr-FR'];

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function writeCookie(name: string, value: string): void {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; SameSite=Lax; max-age=31536000`;
}

/** Signs in as another demo user: the cookie the local tenant reads, then the page again. */
export function signInAs(upn: string): void {
  writeCookie('local-user', upn);
  window.location.reload();
}

export function currentLocale(): string {
  const chosen = readCookie('local-locale');
  return chosen && SUPPORTED_LOCALES.indexOf(chosen) >= 0 ? chosen : 'en-US';
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return (await res.json()) as T;
}

export function fetchPersonas(): Promise<Persona[]> {
  return getJson<{ personas: Persona[] }>('/_local/personas').then(r => r.personas);
}

export function fetchOutbox(): Promise<OutboxEntry[]> {
  return getJson<{ messages: OutboxEntry[] }>('/_local/outbox').then(r => r.messages);
}

export async function clearOutbox(): Promise<void> {
  await fetch('/_local/outbox', { method: 'DELETE', credentials: 'same-origin' });
}
