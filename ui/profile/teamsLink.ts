/**
 * Opening a person's profile inside Microsoft Teams: the suite's Teams app has the Employee profile
 * as a personal app's static tab (teams/manifest.json, entity id "employee-profile"); the person
 * travels as the sub-entity id (the tab's sub-page id).
 *
 * "Deep links to an application" (https://learn.microsoft.com/en-us/microsoftteams/platform/concepts/build-and-test/deep-link-application):
 * `https://teams.microsoft.com/l/entity/<appId>/<entityId>?context=<context>`, where context is the
 * URL-encoded JSON `{"subEntityId":"<subEntityId>"}`; the tab reads it back as `page.subPageId` of
 * `app.getContext()` (TeamsJS v2). Within the same app, TeamsJS `pages.currentApp.navigateTo({
 * pageId, subPageId })` goes there without leaving the app; `app.openLink(deepLink)` is the fallback
 * ("Navigate within a tab app", https://learn.microsoft.com/en-us/microsoftteams/platform/tabs/how-to/tab-navigation).
 * Pure except `openProfileInTeams`, which only calls the SDK it is given.
 */

/** The suite's Teams app id (teams/manifest.json `id`). */
export const TEAMS_APP_ID = '5ec3be86-91ad-4fcf-8524-eafdcd019d49';
/** The Employee profile static tab (teams/manifest.json `staticTabs[].entityId`). */
export const PROFILE_ENTITY_ID = 'employee-profile';
/** The Find an expert static tab. */
export const EXPERT_SEARCH_ENTITY_ID = 'find-an-expert';

/** Longest sub-page id taken as a person (a UPN is at most 113 characters; guests' are longer). */
const MAX_PERSON = 256;

/** encodeURIComponent, plus the characters it leaves (RFC 3986 reserves them): `'` cannot end a quoted attribute. */
const encode = (v: string): string => encodeURIComponent(v).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The deep link that opens the profile personal app on a person (UPN or id). */
export function profileDeepLink(person: string, appId: string = TEAMS_APP_ID, entityId: string = PROFILE_ENTITY_ID): string {
  const context = encode(JSON.stringify({ subEntityId: person }));
  return `https://teams.microsoft.com/l/entity/${encode(appId)}/${encode(entityId)}?context=${context}`;
}

export interface TeamsDeepLink {
  appId: string;
  entityId: string;
  subEntityId: string | null;
}

/** Reads an entity deep link back (the workbench's Teams host follows them); null for anything else. */
export function parseTeamsDeepLink(link: string): TeamsDeepLink | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.hostname !== 'teams.microsoft.com') return null;
  const m = /^\/l\/entity\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  if (!m) return null;
  let subEntityId: string | null = null;
  const context = url.searchParams.get('context');
  if (context) {
    try {
      const parsed = JSON.parse(context) as { subEntityId?: unknown };
      subEntityId = typeof parsed.subEntityId === 'string' ? parsed.subEntityId : null;
    } catch {
      subEntityId = null;
    }
  }
  return { appId: decodeURIComponent(m[1]), entityId: decodeURIComponent(m[2]), subEntityId };
}

/** The person a sub-page id names (trimmed), or null when it is blank, too long or holds control characters. */
export function personFromSubPageId(subPageId: string | null | undefined): string | null {
  const v = (subPageId || '').trim();
  // eslint-disable-next-line no-control-regex
  if (v === '' || v.length > MAX_PERSON || /[\u0000-\u001f\u007f]/.test(v)) return null;
  return v;
}

/** The part of TeamsJS v2 (SPFx: `context.sdks.microsoftTeams.teamsJs`) this module uses. */
export interface TeamsNavigator {
  app: { openLink(deepLink: string): Promise<void> };
  pages: { currentApp: { isSupported(): boolean; navigateTo(params: { pageId: string; subPageId?: string }): Promise<void> } };
}

/** Opens the profile personal app on a person: within the app when Teams supports it, by deep link otherwise. */
export async function openProfileInTeams(teams: TeamsNavigator, person: string): Promise<void> {
  let supported = false;
  try {
    supported = teams.pages.currentApp.isSupported();
  } catch {
    supported = false;
  }
  if (supported) await teams.pages.currentApp.navigateTo({ pageId: PROFILE_ENTITY_ID, subPageId: person });
  else await teams.app.openLink(profileDeepLink(person));
}
