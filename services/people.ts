/**
 * People from Microsoft Graph: a profile with its manager, direct reports and photo in one `$batch`
 * request.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Person } from '../core/people';

/** The properties the suite reads; `$select` keeps responses small (Graph returns ~10 by default). */
export const PERSON_SELECT = [
  'id', 'displayName', 'userPrincipalName', 'mail', 'jobTitle', 'department', 'officeLocation',
  'preferredLanguage', 'businessPhones', 'mobilePhone', 'userType', 'accountEnabled'
].join(',');

export interface ProfileBundle {
  person: Person;
  manager: Person | null;
  directReports: Person[];
  /** The person's photo, or null when they have none. */
  photo: Blob | null;
  /**
   * UPN of the signed-in user (lower case), read in the same batch: the view needs it to tell my
   * own profile from a colleague's. Null when the directory did not answer it.
   */
  viewerUpn: string | null;
}

interface GraphUser {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  officeLocation?: string | null;
  preferredLanguage?: string | null;
  businessPhones?: string[] | null;
  mobilePhone?: string | null;
  userType?: string | null;
  accountEnabled?: boolean | null;
}

interface BatchItem {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface BatchResponse {
  responses: BatchItem[];
}

function headerOf(item: BatchItem, name: string): string | null {
  const headers = item.headers || {};
  const key = Object.keys(headers).find(k => k.toLowerCase() === name.toLowerCase());
  return key ? headers[key] : null;
}

export function base64ToBlob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

export class NotFoundError extends Error {
  public readonly status: number = 404;
  constructor(what: string) {
    super(`${what} was not found`);
    this.name = 'NotFoundError';
  }
}

export function toPerson(u: GraphUser): Person {
  return {
    id: u.id,
    displayName: u.displayName || u.userPrincipalName || u.id,
    userPrincipalName: u.userPrincipalName || '',
    mail: u.mail ?? null,
    jobTitle: u.jobTitle ?? null,
    department: u.department ?? null,
    officeLocation: u.officeLocation ?? null,
    preferredLanguage: u.preferredLanguage ?? null,
    businessPhones: u.businessPhones || [],
    mobilePhone: u.mobilePhone ?? null,
    userType: u.userType ?? null,
    accountEnabled: u.accountEnabled ?? null
  };
}

function userPath(idOrUpn: string | null): string {
  return idOrUpn ? `/users/${encodeURIComponent(idOrUpn)}` : '/me';
}

export class PeopleService {
  constructor(private readonly graph: Client) {}

  /**
   * One person with manager, direct reports and photo: one Graph `$batch` request.
   * `null` = the signed-in user. Graph answers a sub-request that fails (a person without a
   * manager or a photo) inside the batch, so nothing fails on the wire; binary bodies such as a
   * photo come back base64-encoded ("Combine multiple requests in one HTTP call using JSON
   * batching", learn.microsoft.com/graph/json-batching).
   */
  public async getProfile(idOrUpn: string | null): Promise<ProfileBundle> {
    const base = userPath(idOrUpn);
    const batch = (await this.graph.api('/$batch').post({
      requests: [
        { id: 'person', method: 'GET', url: `${base}?$select=${PERSON_SELECT}` },
        { id: 'manager', method: 'GET', url: `${base}/manager?$select=${PERSON_SELECT}` },
        { id: 'reports', method: 'GET', url: `${base}/directReports?$select=${PERSON_SELECT}&$top=100` },
        { id: 'photo', method: 'GET', url: `${base}/photo/$value` },
        // Who is looking: asked in the same batch (no extra request) unless the person is /me.
        ...(idOrUpn ? [{ id: 'viewer', method: 'GET', url: '/me?$select=id,userPrincipalName' }] : [])
      ]
    })) as BatchResponse;
    const byId = new Map(batch.responses.map(r => [r.id, r]));
    const person = byId.get('person');
    if (!person || person.status === 404) throw new NotFoundError('person');
    if (person.status >= 400) throw Object.assign(new Error(`Graph answered ${person.status}`), { status: person.status });
    const manager = byId.get('manager');
    const reports = byId.get('reports');
    const photo = byId.get('photo');
    const viewer = byId.get('viewer');
    const personUser = toPerson(person.body as GraphUser);
    const viewerUpn = idOrUpn
      ? (viewer && viewer.status === 200 && (viewer.body as GraphUser).userPrincipalName) || null
      : personUser.userPrincipalName || null;
    return {
      person: personUser,
      // Graph answers 404 for /manager when a user has none.
      manager: manager && manager.status === 200 ? toPerson(manager.body as GraphUser) : null,
      directReports: reports && reports.status === 200
        ? ((reports.body as { value: GraphUser[] }).value || []).map(toPerson)
        : [],
      photo: photo && photo.status === 200 && typeof photo.body === 'string'
        ? base64ToBlob(photo.body, headerOf(photo, 'Content-Type') || 'image/jpeg')
        : null,
      viewerUpn: viewerUpn ? viewerUpn.toLowerCase() : null
    };
  }
}
