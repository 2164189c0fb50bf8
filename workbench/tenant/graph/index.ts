/**
 * Microsoft Graph v1.0 for the local tenant, mounted at /graph/v1.0 (clients use
 * `baseUrl: <origin>/graph` and `defaultVersion: 'v1.0'`).
 *
 * Routes (every one runs as the request's demo user):
 *   GET  /me, /users, /users/{id|upn}                 users, $select/$filter/$search/$orderby/$top/$count/$expand=manager
 *   GET  /{me|users/{id}}?$expand=manager($levels=max;$select=...)   the manager chain (ConsistencyLevel: eventual, $count=true)
 *   GET  /users/$count, /{me|users/{id}}/directReports/$count   (ConsistencyLevel: eventual)
 *   GET  /{me|users/{id}}/manager, /directReports     the org chart
 *   GET  /{me|users/{id}}/photo[/$value]              generated avatars (404 ImageNotFound without one); PUT /me/photo/$value
 *   GET  /{me|users/{id}}/memberOf, /transitiveMemberOf
 *   POST /{me|users/{id}}/checkMemberGroups, /getMemberGroups
 *   GET  /groups, /groups/{id}, /groups/{id}/members, /transitiveMembers
 *   POST /{me|users/{id}}/sendMail                     202, kept in the outbox
 *   POST /users/{id}/teamwork/sendActivityNotification 204, kept in the outbox
 *   POST /$batch                                       JSON batching, at most 20 requests
 */
import type { Database } from 'better-sqlite3';
import type { Handler, TenantContext, TenantRequest, TenantResponse } from '../types';
import { GRAPH_PATH } from '../types';
import { GraphHttpError, graphError, withCorrelation } from './errors';
import { registerQueryFunctions } from './query';
import {
  resolveUser, getUser, listUsers, countUsers, getManager, listDirectReports, getPhoto, putPhoto, listMemberOf,
  checkMemberGroups, getMemberGroups, listGroups, getGroup, listGroupMembers
} from './users';
import { sendMail, sendActivityNotification } from './notify';
import { handleBatch } from './batch';

export { graphError } from './errors';
export { addToOutbox, listOutbox, clearOutbox } from './outbox';
export { avatarPng } from './avatar';
export { encodePng, isPng } from './png';

export function initGraphSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS graph_user_photos (
      userId TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      contentType TEXT NOT NULL,
      data BLOB NOT NULL
    );
  `);
  registerQueryFunctions(db);
}

const VERSION = '/v1.0';

/**
 * The Graph JS client only recognises absolute `https://` URLs passed to `client.api(url)`
 * (msgraph-sdk-javascript src/GraphRequest.ts, `parsePath`); an absolute `http://` next link from
 * the local tenant is therefore appended to the base URL, giving
 * `/graph/v1.0/http://host/graph/v1.0/users?...`. Unwrapping that form lets code written for
 * Graph (PageIterator, `client.api(nextLink)`) page through the local tenant unchanged.
 */
const EMBEDDED_ABSOLUTE = /^\/v1\.0\/https?:\/\/?[^/]+\/graph(\/.*)$/i;

function methodNotAllowed(req: TenantRequest): GraphHttpError {
  return new GraphHttpError(405, 'Request_BadRequest', `The HTTP method '${req.method}' is not supported on ${req.path}.`);
}

function notImplemented(path: string): GraphHttpError {
  return new GraphHttpError(501, 'NotImplemented', `The local tenant does not implement ${path}. See docs/local-tenant-graph.md for what it serves.`);
}

async function route(req: TenantRequest, ctx: TenantContext): Promise<TenantResponse> {
  let rel = req.path.startsWith(GRAPH_PATH) ? req.path.slice(GRAPH_PATH.length) : req.path;
  const embedded = EMBEDDED_ABSOLUTE.exec(rel);
  if (embedded) {
    rel = embedded[1];
    const url = new URL(`${req.url.protocol}//${req.url.host}${GRAPH_PATH}${rel}${req.url.search}`);
    req = { ...req, url, path: `${GRAPH_PATH}${rel}` };
  }
  if (!rel.startsWith(`${VERSION}/`) && rel !== VERSION) {
    if (/^\/beta(\/|$)/.test(rel)) throw notImplemented(`the beta endpoint (only v1.0 is served)`);
    throw new GraphHttpError(400, 'BadRequest', `Invalid version: the path must start with ${GRAPH_PATH}${VERSION}/.`);
  }
  if (req.user && !req.user.accountEnabled) {
    throw new GraphHttpError(401, 'InvalidAuthenticationToken', `The account ${req.user.userPrincipalName} is disabled: it cannot sign in.`);
  }
  const seg = rel.slice(VERSION.length).split('/').filter(Boolean);
  const m = req.method;
  if (seg.length === 0) throw notImplemented(rel);

  if (seg[0] === '$batch') {
    if (m !== 'POST') throw methodNotAllowed(req);
    return handleBatch(req, ctx, (sub, c) => dispatch(sub, c));
  }

  if (seg[0] === 'users' && seg.length === 1) {
    if (m !== 'GET') throw notImplemented(`${m} /users (the directory is read-only)`);
    if (req.user!.userType === 'Guest') {
      // Guests have restricted directory access by default: they may read a user they name, not enumerate.
      // https://learn.microsoft.com/en-us/entra/fundamentals/users-default-permissions
      throw new GraphHttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
    return listUsers(req, ctx, { contextPath: 'users', typed: false });
  }
  if (seg[0] === 'users' && seg[1] === '$count' && seg.length === 2) {
    if (m !== 'GET') throw methodNotAllowed(req);
    if (req.user!.userType === 'Guest') throw new GraphHttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    return countUsers(req, ctx, { contextPath: 'users', typed: false });
  }

  if (seg[0] === 'me' || seg[0] === 'users') {
    const ref = seg[0] === 'me' ? 'me' : seg[1];
    const rest = seg.slice(seg[0] === 'me' ? 1 : 2);
    const user = resolveUser(req, ctx, ref);
    const [a, b, c] = rest;
    if (rest.length === 0) {
      if (m !== 'GET') throw notImplemented(`${m} on a user (the directory is read-only)`);
      return getUser(req, ctx, user);
    }
    if (a === 'manager' && rest.length === 1) {
      if (m !== 'GET') throw methodNotAllowed(req);
      return getManager(req, ctx, user);
    }
    if (a === 'directReports' && rest.length === 1) {
      if (m !== 'GET') throw methodNotAllowed(req);
      return listDirectReports(req, ctx, user);
    }
    if (a === 'directReports' && b === '$count' && rest.length === 2) {
      if (m !== 'GET') throw methodNotAllowed(req);
      return countUsers(req, ctx, { where: 'u.managerId = ?', params: [user.id], contextPath: 'directoryObjects', typed: true });
    }
    if (a === 'photo' && (rest.length === 1 || (rest.length === 2 && b === '$value'))) {
      if (m === 'GET') return getPhoto(req, ctx, user, rest.length === 2);
      if ((m === 'PUT' || m === 'PATCH') && rest.length === 2) return putPhoto(req, ctx, user);
      throw methodNotAllowed(req);
    }
    if ((a === 'memberOf' || a === 'transitiveMemberOf') && rest.length === 1) {
      if (m !== 'GET') throw methodNotAllowed(req);
      return listMemberOf(req, ctx, user);
    }
    if (a === 'checkMemberGroups' && rest.length === 1) {
      if (m !== 'POST') throw methodNotAllowed(req);
      return checkMemberGroups(req, ctx, user);
    }
    if (a === 'getMemberGroups' && rest.length === 1) {
      if (m !== 'POST') throw methodNotAllowed(req);
      return getMemberGroups(req, ctx, user);
    }
    if (a === 'sendMail' && rest.length === 1) {
      if (m !== 'POST') throw methodNotAllowed(req);
      return sendMail(req, ctx, user);
    }
    if (a === 'teamwork' && b === 'sendActivityNotification' && c === undefined) {
      if (m !== 'POST') throw methodNotAllowed(req);
      if (seg[0] === 'me') throw notImplemented('/me/teamwork/sendActivityNotification (Graph takes /users/{id}/teamwork/sendActivityNotification)');
      return sendActivityNotification(req, ctx, user);
    }
    throw notImplemented(rel);
  }

  if (seg[0] === 'groups') {
    if (m !== 'GET') throw notImplemented(`${m} on groups (the directory is read-only)`);
    if (seg.length === 1) return listGroups(req, ctx);
    if (seg.length === 2) return getGroup(req, ctx, seg[1]);
    if (seg.length === 3 && (seg[2] === 'members' || seg[2] === 'transitiveMembers')) return listGroupMembers(req, ctx, seg[1]);
    throw notImplemented(rel);
  }

  throw notImplemented(rel);
}

async function dispatch(req: TenantRequest, ctx: TenantContext): Promise<TenantResponse> {
  let res: TenantResponse;
  try {
    res = await route(req, ctx);
  } catch (e) {
    if (e instanceof GraphHttpError) res = graphError(e.status, e.code, e.message);
    else throw e;
  }
  const crid = req.headers['client-request-id'];
  return withCorrelation(res, typeof crid === 'string' ? crid : undefined);
}

export const handleGraph: Handler = (req, ctx) => dispatch(req, ctx);
