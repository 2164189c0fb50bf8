/**
 * People from Microsoft Graph: a profile with its manager chain, direct reports and photo in one
 * `$batch` request, and the manager chain of anyone (`managerChain`, for routing escalations).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Person } from '../core/people';

/** The properties the suite reads; `$select` keeps responses small (Graph returns ~10 by default). */
export const PERSON_SELECT = [
  'id', 'displayName', 'userPrincipalName', 'mail', 'jobTitle', 'department', 'officeLocation',
  'preferredLanguage', 'businessPhones', 'mobilePhone', 'userType', 'accountEnabled'
].join(',');

/**
 * What is read of each manager of a chain. The chain comes from
 * `GET /users/{id}?$expand=manager($levels=max;$select=...)`, which needs the advanced query
 * parameters (header `ConsistencyLevel: eventual` and `$count=true`): "List manager", example 2
 * "Get manager chain up to the root level",
 * https://learn.microsoft.com/en-us/graph/api/user-list-manager#example-2-get-manager-chain-up-to-the-root-level
 */
export const MANAGER_CHAIN_SELECT = ['id', 'displayName', 'jobTitle', 'userPrincipalName', 'mail', 'department'].join(',');

/** The relative URL (for a request or a $batch step) of a person's manager chain; its headers below. */
export function managerChainUrl(idOrUpn: string | null): string {
  return `${userPath(idOrUpn)}?$select=id&$expand=manager($levels=max;$select=${MANAGER_CHAIN_SELECT})&$count=true`;
}
export const MANAGER_CHAIN_HEADERS: Readonly<Record<string, string>> = Object.freeze({ ConsistencyLevel: 'eventual' });

/** Deepest chain read from an answer (a guard against a cycle in the directory). */
const MAX_CHAIN = 50;

/**
 * The managers nested in an answer of `$expand=manager($levels=max)`, nearest first (the direct
 * manager, then theirs, up to the top). A manager already seen ends the chain.
 */
export function chainFromExpanded(body: unknown): Person[] {
  const out: Person[] = [];
  const seen = new Set<string>();
  let at = (body && typeof body === 'object' ? (body as { manager?: unknown }).manager : undefined) as (GraphUser & { manager?: unknown }) | undefined;
  while (at && typeof at === 'object' && typeof at.id === 'string' && !seen.has(at.id) && out.length < MAX_CHAIN) {
    seen.add(at.id);
    out.push(toPerson(at));
    at = at.manager as (GraphUser & { manager?: unknown }) | undefined;
  }
  return out;
}

export interface ProfileBundle {
  person: Person;
  /** The direct manager (the first of `managerChain`), or null at the top. */
  manager: Person | null;
  /** Every manager above the person, nearest first; empty at the top or when the chain could not be read. */
  managerChain: Person[];
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

/**
 * The manager chain of a person (id or UPN; null = the signed-in user), nearest first: one Graph
 * request. Empty for the top of the organisation; NotFoundError for an unknown person.
 */
export async function managerChain(graph: Client, idOrUpn: string | null): Promise<Person[]> {
  try {
    const body = await graph.api(managerChainUrl(idOrUpn)).headers({ ...MANAGER_CHAIN_HEADERS }).get();
    return chainFromExpanded(body);
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) throw new NotFoundError('person');
    throw e;
  }
}

export class PeopleService {
  constructor(private readonly graph: Client) {}

  /** The manager chain of a person, nearest first (see `managerChain`). */
  public managerChain(idOrUpn: string | null): Promise<Person[]> {
    return managerChain(this.graph, idOrUpn);
  }

  /**
   * One person with their manager chain, direct reports and photo: one Graph `$batch` request.
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
        // The whole chain in the same batch: a step carries its own headers (json-batching).
        { id: 'managers', method: 'GET', url: managerChainUrl(idOrUpn), headers: { ...MANAGER_CHAIN_HEADERS } },
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
    const managers = byId.get('managers');
    const reports = byId.get('reports');
    const photo = byId.get('photo');
    const viewer = byId.get('viewer');
    const personUser = toPerson(person.body as GraphUser);
    // A person without a manager has no `manager` in the answer; a failed step shows no chain.
    const chain = managers && managers.status === 200 ? chainFromExpanded(managers.body) : [];
    const viewerUpn = idOrUpn
      ? (viewer && viewer.status === 200 && (viewer.body as GraphUser).userPrincipalName) || null
      : personUser.userPrincipalName || null;
    return {
      person: personUser,
      manager: chain[0] || null,
      managerChain: chain,
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
