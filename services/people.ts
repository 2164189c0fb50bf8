/**
 * People from Microsoft Graph: a profile with its manager and direct reports in one `$batch`
 * request, and the photo in a second one (Graph answers photos as binary, which a JSON batch
 * would have to carry as base64).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { ResponseType } from '@microsoft/microsoft-graph-client';
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

interface BatchResponse {
  responses: Array<{ id: string; status: number; body?: unknown }>;
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

  /** One person with manager and direct reports: one Graph `$batch` request. `null` = signed-in user. */
  public async getProfile(idOrUpn: string | null): Promise<ProfileBundle> {
    const base = userPath(idOrUpn);
    const batch = (await this.graph.api('/$batch').post({
      requests: [
        { id: 'person', method: 'GET', url: `${base}?$select=${PERSON_SELECT}` },
        { id: 'manager', method: 'GET', url: `${base}/manager?$select=${PERSON_SELECT}` },
        { id: 'reports', method: 'GET', url: `${base}/directReports?$select=${PERSON_SELECT}&$top=100` }
      ]
    })) as BatchResponse;
    const byId = new Map(batch.responses.map(r => [r.id, r]));
    const person = byId.get('person');
    if (!person || person.status === 404) throw new NotFoundError('person');
    if (person.status >= 400) throw Object.assign(new Error(`Graph answered ${person.status}`), { status: person.status });
    const manager = byId.get('manager');
    const reports = byId.get('reports');
    return {
      person: toPerson(person.body as GraphUser),
      // Graph answers 404 for /manager when a user has none.
      manager: manager && manager.status === 200 ? toPerson(manager.body as GraphUser) : null,
      directReports: reports && reports.status === 200
        ? ((reports.body as { value: GraphUser[] }).value || []).map(toPerson)
        : []
    };
  }

  /** The photo as a Blob, or null when the person has none (Graph answers 404 ImageNotFound). */
  public async getPhoto(idOrUpn: string | null): Promise<Blob | null> {
    try {
      const blob = (await this.graph.api(`${userPath(idOrUpn)}/photo/$value`).responseType(ResponseType.BLOB).get()) as Blob;
      return blob && blob.size > 0 ? blob : null;
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      if (status === 404) return null;
      throw e;
    }
  }
}
