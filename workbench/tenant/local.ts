/**
 * The local tenant's own controls, under /_local/ (never faulted, never part of SharePoint or Graph):
 *   GET    /_local/whoami      the demo user of this request (cookie local-user or header x-local-user)
 *   GET    /_local/personas    the demo personas for the workbench's user switch
 *   GET    /_local/outbox      mail and Teams notifications "sent" through Graph, newest first
 *   DELETE /_local/outbox      empties it
 *   GET    /_local/faults      the fault configuration; POST a partial one to change it; DELETE resets it
 *   GET    /_local/health      liveness and directory size
 * The workbench (workbench/server/workbench.ts) serves one more, next to these:
 *   POST   /_local/jobs/relay  runs the relay job now and answers its summary (docs/relay-job.md)
 */
import type { TenantContext, TenantRequest, TenantResponse } from './types';
import type { FaultInjector, FaultConfig } from './faults';
import { FaultConfigError, NO_FAULTS } from './faults';
import { listOutbox, clearOutbox } from './graph/outbox';
import { PERSONAS, personaByUpn } from './seed/personas';
import { groupIdsOf } from './db';

function json(status: number, body: unknown): TenantResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body };
}

function error(status: number, message: string): TenantResponse {
  return json(status, { error: { code: status === 404 ? 'notFound' : 'badRequest', message } });
}

export async function handleLocal(req: TenantRequest, ctx: TenantContext, faults: FaultInjector): Promise<TenantResponse> {
  const route = req.path.replace(/\/+$/, '');
  const m = req.method;
  switch (route) {
    case '/_local/whoami': {
      if (m !== 'GET') return error(405, `${m} is not allowed on ${route}`);
      if (!req.user) {
        return json(200, { user: null, message: 'No demo user: send the header x-local-user or the cookie local-user with a UPN from /_local/personas.' });
      }
      const persona = personaByUpn(req.user.userPrincipalName);
      const groups = groupIdsOf(ctx.db, req.user.id).map(id => {
        const g = ctx.db.prepare('SELECT id, displayName FROM groups WHERE id = ?').get(id) as { id: string; displayName: string };
        return g;
      });
      return json(200, { user: req.user, persona: persona ? persona.role : null, groups });
    }
    case '/_local/personas': {
      if (m !== 'GET') return error(405, `${m} is not allowed on ${route}`);
      const find = ctx.db.prepare('SELECT id FROM users WHERE userPrincipalName = ?');
      return json(200, {
        personas: PERSONAS.map(p => {
          const row = find.get(p.upn) as { id: string } | undefined;
          return {
            role: p.role,
            upn: p.upn,
            displayName: p.displayName,
            id: row ? row.id : null,
            jobTitle: p.jobTitle,
            department: p.department,
            city: p.city,
            preferredLanguage: p.preferredLanguage,
            description: p.description
          };
        })
      });
    }
    case '/_local/outbox':
      if (m === 'GET') return json(200, { messages: listOutbox(ctx.db) });
      if (m === 'DELETE') return json(200, { deleted: clearOutbox(ctx.db) });
      return error(405, `${m} is not allowed on ${route}`);
    case '/_local/faults': {
      if (m === 'GET') return json(200, faults.config());
      if (m === 'DELETE') {
        if (faults.reset) faults.reset();
        else faults.set(NO_FAULTS);
        return json(200, faults.config());
      }
      if (m === 'POST' || m === 'PUT' || m === 'PATCH') {
        let body: Partial<FaultConfig>;
        try {
          body = JSON.parse(req.body.toString('utf8') || '{}') as Partial<FaultConfig>;
        } catch {
          return error(400, 'The body must be JSON: a partial fault configuration.');
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) return error(400, 'The body must be a JSON object.');
        const known = new Set(Object.keys(NO_FAULTS));
        const unknown = Object.keys(body).filter(k => !known.has(k));
        if (unknown.length) return error(400, `Unknown fault setting(s): ${unknown.join(', ')} (known: ${[...known].join(', ')}).`);
        try {
          faults.set(body);
        } catch (e) {
          if (e instanceof FaultConfigError) return error(400, e.message);
          throw e;
        }
        return json(200, faults.config());
      }
      return error(405, `${m} is not allowed on ${route}`);
    }
    case '/_local/health': {
      if (m !== 'GET') return error(405, `${m} is not allowed on ${route}`);
      const users = (ctx.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
      return json(200, { status: 'ok', users, time: ctx.now().toISOString(), faults: faults.config() });
    }
    default:
      return error(404, `No local control at ${req.path}. Known: /_local/whoami, /_local/personas, /_local/outbox, /_local/faults, /_local/health.`);
  }
}
