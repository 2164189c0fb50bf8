/**
 * The Function App's settings (app settings, i.e. environment variables), read and checked once per
 * invocation and at start: a missing or malformed setting is reported with its name and what it is
 * for, all of them at once, before any request is made.
 */

export type AppSettings = Record<string, string | undefined>;

/** How the Function App authenticates to SharePoint and Graph (docs/relay-job.md, "Credentials"). */
export type CredentialSettings =
  | { kind: 'managedIdentity'; clientId: string }
  | { kind: 'certificate'; tenantId: string; clientId: string; certificatePath?: string; certificatePem?: string; certificatePassword?: string };

export interface FunctionSettings {
  siteUrl: string;
  /** Graph root without the version. */
  graphBaseUrl: string;
  sender: string;
  dashboardUrl?: string;
  myRelaysUrl?: string;
  teamsActivity: boolean;
  credential: CredentialSettings;
  /** The token scopes of the two resources, from their origins (`<origin>/.default`, app-only). */
  scopes: { sharePoint: string; graph: string };
}

export class FunctionSettingsError extends Error {
  public readonly problems: string[];
  public constructor(problems: string[]) {
    super(`Relay job settings: ${problems.join(' ')} (docs/relay-job.md, "Settings").`);
    this.name = 'FunctionSettingsError';
    this.problems = problems;
  }
}

export const CREDENTIAL_KINDS = ['managedIdentity', 'certificate'] as const;

const trimmed = (value: string | undefined): string => (value || '').trim();

/** http:// only for this machine (the local tenant): a token sent anywhere else in clear text leaks. */
function checkUrl(name: string, raw: string, problems: string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name} is not a URL.`);
    return raw;
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) problems.push(`${name} must be an https:// URL.`);
  return raw.replace(/\/+$/, '');
}

function readCredential(env: AppSettings, problems: string[]): CredentialSettings | null {
  const kind = trimmed(env.RELAY_CREDENTIAL);
  const clientId = trimmed(env.AZURE_CLIENT_ID);
  if (!kind) {
    problems.push(`RELAY_CREDENTIAL is missing: ${CREDENTIAL_KINDS.join(' or ')}.`);
    return null;
  }
  if (kind === 'managedIdentity') {
    if (!clientId) problems.push('AZURE_CLIENT_ID is missing: the client id of the user-assigned managed identity.');
    return { kind, clientId };
  }
  if (kind === 'certificate') {
    const tenantId = trimmed(env.AZURE_TENANT_ID);
    const certificatePath = trimmed(env.AZURE_CLIENT_CERTIFICATE_PATH) || undefined;
    const certificatePem = trimmed(env.RELAY_CERTIFICATE_PEM) || undefined;
    if (!tenantId) problems.push('AZURE_TENANT_ID is missing: the Entra tenant of the app registration.');
    if (!clientId) problems.push('AZURE_CLIENT_ID is missing: the application (client) id of the app registration.');
    if (!certificatePath && !certificatePem) {
      problems.push('AZURE_CLIENT_CERTIFICATE_PATH or RELAY_CERTIFICATE_PEM is missing: the certificate (PEM with its private key) of the app registration.');
    }
    return { kind, tenantId, clientId, certificatePath, certificatePem, certificatePassword: env.AZURE_CLIENT_CERTIFICATE_PASSWORD || undefined };
  }
  problems.push(`RELAY_CREDENTIAL is '${kind}': use ${CREDENTIAL_KINDS.join(' or ')}.`);
  return null;
}

/** The settings, or a FunctionSettingsError naming every missing or malformed one. */
export function readFunctionSettings(env: AppSettings): FunctionSettings {
  const problems: string[] = [];
  const site = trimmed(env.RELAY_SITE_URL);
  const sender = trimmed(env.RELAY_SENDER);
  if (!site) problems.push('RELAY_SITE_URL is missing: the hub site holding the relay lists.');
  if (!sender) problems.push('RELAY_SENDER is missing: the mailbox notifications are sent from.');
  const siteUrl = site ? checkUrl('RELAY_SITE_URL', site, problems) : '';
  const graphBaseUrl = checkUrl('GRAPH_BASE_URL', trimmed(env.GRAPH_BASE_URL) || 'https://graph.microsoft.com', problems).replace(/\/v1\.0$/, '');
  for (const name of ['RELAY_DASHBOARD_URL', 'RELAY_MY_RELAYS_URL']) {
    if (trimmed(env[name])) checkUrl(name, trimmed(env[name]), problems);
  }
  const credential = readCredential(env, problems);
  if (problems.length > 0 || !credential) throw new FunctionSettingsError(problems);
  return {
    siteUrl,
    graphBaseUrl,
    sender,
    dashboardUrl: trimmed(env.RELAY_DASHBOARD_URL) || undefined,
    myRelaysUrl: trimmed(env.RELAY_MY_RELAYS_URL) || undefined,
    teamsActivity: /^(1|true|yes)$/i.test(trimmed(env.RELAY_TEAMS_ACTIVITY)),
    credential,
    scopes: { sharePoint: `${new URL(siteUrl).origin}/.default`, graph: `${new URL(graphBaseUrl).origin}/.default` }
  };
}
