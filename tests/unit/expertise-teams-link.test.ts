/**
 * Opening a profile in Teams: the deep link to the profile personal app with the person as
 * sub-entity id (odd UPNs included), read back, and the TeamsJS navigation (within the app when
 * supported, by deep link otherwise). The ids match teams/manifest.json.
 */
import manifest from '../../teams/manifest.json';
import profileManifest from '../../webparts/employeeProfile/EmployeeProfileWebPart.manifest.json';
import {
  EXPERT_SEARCH_ENTITY_ID, openProfileInTeams, parseTeamsDeepLink, personFromSubPageId, PROFILE_ENTITY_ID, profileDeepLink, TEAMS_APP_ID, TeamsNavigator
} from '../../ui/profile/teamsLink';

const odd = [
  "catherine.o'neill@northwind-retail.example",
  'laura.weber_lean-partners.example#EXT#@northwind-retail.example',
  'a+b&c=d?e@northwind-retail.example',
  'émilie "quoted" tremblay@northwind-retail.example'
];

describe('the profile deep link', () => {
  it('uses the app id and the profile static tab of the Teams manifest', () => {
    expect(TEAMS_APP_ID).toBe(manifest.id);
    const profileTab = manifest.staticTabs.find(t => t.entityId === PROFILE_ENTITY_ID)!;
    expect(profileTab.contentUrl).toContain(`componentId=${profileManifest.id}`);
    expect(manifest.staticTabs.map(t => t.entityId)).toContain(EXPERT_SEARCH_ENTITY_ID);
  });

  it('has the documented shape, the context URL-encoded JSON with subEntityId', () => {
    expect(profileDeepLink('emilie.tremblay@northwind-retail.example')).toBe(
      `https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/employee-profile?context=%7B%22subEntityId%22%3A%22emilie.tremblay%40northwind-retail.example%22%7D`
    );
  });

  it.each(odd)('round-trips %s without breaking the address', upn => {
    const link = profileDeepLink(upn);
    expect(link).not.toMatch(/[\s"'#]/);
    expect(new URL(link).searchParams.getAll('context')).toHaveLength(1);
    expect(parseTeamsDeepLink(link)).toEqual({ appId: TEAMS_APP_ID, entityId: PROFILE_ENTITY_ID, subEntityId: upn });
  });

  it('reads nothing from other addresses or broken contexts', () => {
    expect(parseTeamsDeepLink('https://example.com/l/entity/a/b')).toBeNull();
    expect(parseTeamsDeepLink('not a url')).toBeNull();
    expect(parseTeamsDeepLink('https://teams.microsoft.com/l/chat/0/0?users=a')).toBeNull();
    expect(parseTeamsDeepLink('https://teams.microsoft.com/l/entity/a/b?context=%7Bbroken')).toEqual({ appId: 'a', entityId: 'b', subEntityId: null });
  });
});

describe('the sub-page id as the person to show', () => {
  it('keeps a UPN, trims it, refuses blank, too long and control characters', () => {
    expect(personFromSubPageId(`  ${odd[1]} `)).toBe(odd[1]);
    expect(personFromSubPageId('')).toBeNull();
    expect(personFromSubPageId(undefined)).toBeNull();
    expect(personFromSubPageId('a'.repeat(300))).toBeNull();
    expect(personFromSubPageId('a\u0000b@x')).toBeNull();
  });
});

describe('openProfileInTeams', () => {
  const fake = (supported: boolean) => {
    const calls: unknown[] = [];
    const teams: TeamsNavigator = {
      app: { openLink: async link => { calls.push(['openLink', link]); } },
      pages: { currentApp: { isSupported: () => supported, navigateTo: async p => { calls.push(['navigateTo', p]); } } }
    };
    return { teams, calls };
  };
  it('navigates within the app to the profile tab with the person as sub-page id', async () => {
    const { teams, calls } = fake(true);
    await openProfileInTeams(teams, odd[0]);
    expect(calls).toEqual([['navigateTo', { pageId: 'employee-profile', subPageId: odd[0] }]]);
  });
  it('opens the deep link where in-app navigation is not supported', async () => {
    const { teams, calls } = fake(false);
    await openProfileInTeams(teams, odd[1]);
    expect(calls).toEqual([['openLink', profileDeepLink(odd[1])]]);
  });
});
