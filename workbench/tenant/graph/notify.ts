/**
 * Outbound notifications, kept in the outbox instead of leaving the machine.
 * - sendMail: https://learn.microsoft.com/en-us/graph/api/user-sendmail (202 Accepted, no body;
 *   a delegated caller sends as themself: another mailbox needs Send As rights, refused with 403).
 * - Teams activity feed: https://learn.microsoft.com/en-us/graph/api/userteamwork-sendactivitynotification
 *   (204 No Content; `topic`, `activityType` and `previewText` are required; a `topic` with
 *   source "text" needs a `webUrl`).
 */
import type { TenantContext, TenantRequest, TenantResponse } from '../types';
import { addToOutbox } from './outbox';
import { GraphHttpError, badRequest } from './errors';
import type { UserRecord } from './users';

function readJson(req: TenantRequest): Record<string, unknown> {
  try {
    const v = JSON.parse(req.body.toString('utf8') || 'null') as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw badRequest('Empty or invalid JSON payload.', 'BadRequest');
  }
}

interface Recipient { emailAddress?: { address?: unknown; name?: unknown } }

function addresses(list: unknown, field: string): string[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw badRequest(`'${field}' must be an array of recipients.`, 'ErrorInvalidRecipients');
  return (list as Recipient[]).map(r => {
    const a = r && r.emailAddress && r.emailAddress.address;
    if (typeof a !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(a)) {
      throw badRequest(`At least one recipient is not valid: ${JSON.stringify(r)}`, 'ErrorInvalidRecipients');
    }
    return a;
  });
}

export function sendMail(req: TenantRequest, ctx: TenantContext, sender: UserRecord): TenantResponse {
  if (sender.id !== req.user!.id) {
    throw new GraphHttpError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  }
  const body = readJson(req);
  const message = body.message as Record<string, unknown> | undefined;
  if (!message || typeof message !== 'object') throw badRequest("The request body must carry a 'message'.", 'ErrorInvalidParameter');
  const to = addresses(message.toRecipients, 'toRecipients');
  const cc = addresses(message.ccRecipients, 'ccRecipients');
  const bcc = addresses(message.bccRecipients, 'bccRecipients');
  if (to.length + cc.length + bcc.length === 0) {
    throw badRequest('At least one recipient is not valid., Recipient is missing.', 'ErrorInvalidRecipients');
  }
  const content = message.body as { content?: unknown } | undefined;
  addToOutbox(ctx.db, {
    kind: 'mail',
    from: String(sender.mail || sender.userPrincipalName),
    to: [...to, ...cc, ...bcc],
    subject: typeof message.subject === 'string' ? message.subject : '',
    body: content && typeof content.content === 'string' ? content.content : '',
    createdAt: ctx.now().toISOString(),
    payload: body
  });
  return { status: 202 };
}

export function sendActivityNotification(req: TenantRequest, ctx: TenantContext, recipient: UserRecord): TenantResponse {
  const body = readJson(req);
  const topic = body.topic as { source?: unknown; value?: unknown; webUrl?: unknown } | undefined;
  if (!topic || typeof topic !== 'object' || (topic.source !== 'entityUrl' && topic.source !== 'text') || typeof topic.value !== 'string') {
    throw badRequest("'topic' is required, with source 'entityUrl' or 'text' and a value.", 'BadRequest');
  }
  if (topic.source === 'text' && typeof topic.webUrl !== 'string') {
    throw badRequest("A topic with source 'text' needs a 'webUrl'.", 'BadRequest');
  }
  if (typeof body.activityType !== 'string' || !body.activityType) throw badRequest("'activityType' is required.", 'BadRequest');
  const preview = body.previewText as { content?: unknown } | undefined;
  if (!preview || typeof preview.content !== 'string') throw badRequest("'previewText' with 'content' is required.", 'BadRequest');
  if (preview.content.length > 150) throw badRequest("'previewText.content' may not exceed 150 characters.", 'BadRequest');
  if (recipient.accountEnabled === 0) throw new GraphHttpError(403, 'Forbidden', 'The recipient cannot receive activity notifications: the account is disabled.');
  const params = Array.isArray(body.templateParameters)
    ? (body.templateParameters as { name?: unknown; value?: unknown }[]).map(p => `${String(p.name)}=${String(p.value)}`).join(', ')
    : '';
  addToOutbox(ctx.db, {
    kind: 'teamsActivity',
    from: req.user!.userPrincipalName,
    to: [String(recipient.userPrincipalName)],
    subject: preview.content,
    body: `${body.activityType}${params ? ` (${params})` : ''}: ${topic.webUrl || topic.value}`,
    createdAt: ctx.now().toISOString(),
    payload: body
  });
  return { status: 204 };
}
