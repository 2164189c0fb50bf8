import { defaultPolicy, featureAccess, hasRole, DEMO_GROUPS, GroupRef, Policy, PolicyMember } from '../../core/policy';

const pilot: GroupRef = { kind: 'entra', id: '0a1b2c3d-0000-4000-8000-00000000abcd', name: 'Pilot' };
const owners: GroupRef = { kind: 'sharepoint', id: 'Intranet Owners', name: 'Intranet Owners' };

const member = (entraGroupIds: string[] = [], siteGroupTitles: string[] = []): PolicyMember => ({ entraGroupIds, siteGroupTitles });
const nobody = member();

describe('featureAccess', () => {
  it('allows everyone when the feature is on for everyone', () => {
    expect(featureAccess(defaultPolicy(), 'feedbackRelay', nobody)).toEqual({ allowed: true });
  });

  it('says "disabled" when the feature is off, whoever asks', () => {
    const p = defaultPolicy();
    p.features.communities.enabled = false;
    expect(featureAccess(p, 'communities', nobody)).toEqual({ allowed: false, reason: 'disabled' });
    expect(featureAccess(p, 'communities', member([DEMO_GROUPS.tenantAdmins.id]))).toEqual({ allowed: false, reason: 'disabled' });
    expect(featureAccess(p, 'profiles', nobody)).toEqual({ allowed: true });
  });

  it('turns a feature off for a pilot group while everyone else keeps it', () => {
    const p = defaultPolicy();
    p.features.highlights.audience = { everyone: true, except: [pilot] };
    expect(featureAccess(p, 'highlights', member([pilot.id]))).toEqual({ allowed: false, reason: 'outsideAudience' });
    expect(featureAccess(p, 'highlights', member(['11111111-1111-4111-8111-111111111111']))).toEqual({ allowed: true });
  });

  it('limits a feature to listed groups, minus the excepted ones', () => {
    const p: Policy = defaultPolicy();
    p.features.expertiseSearch.audience = { everyone: false, groups: [pilot, owners], except: [DEMO_GROUPS.management] };
    expect(featureAccess(p, 'expertiseSearch', nobody)).toEqual({ allowed: false, reason: 'outsideAudience' });
    expect(featureAccess(p, 'expertiseSearch', member([pilot.id]))).toEqual({ allowed: true });
    expect(featureAccess(p, 'expertiseSearch', member([], ['Intranet Owners']))).toEqual({ allowed: true });
    expect(featureAccess(p, 'expertiseSearch', member([pilot.id, DEMO_GROUPS.management.id]))).toEqual({ allowed: false, reason: 'outsideAudience' });
  });

  it('matches Entra ids case-insensitively and SharePoint titles case-insensitively, never across kinds', () => {
    const p = defaultPolicy();
    p.features.portalHeader.audience = { everyone: false, groups: [pilot, owners] };
    expect(featureAccess(p, 'portalHeader', member([pilot.id.toUpperCase()]))).toEqual({ allowed: true });
    expect(featureAccess(p, 'portalHeader', member([], ['intranet OWNERS']))).toEqual({ allowed: true });
    // A site group titled like the Entra id, or an Entra id equal to the site group's title, is another group.
    expect(featureAccess(p, 'portalHeader', member([], [pilot.id]))).toEqual({ allowed: false, reason: 'outsideAudience' });
    expect(featureAccess(p, 'portalHeader', member(['Intranet Owners']))).toEqual({ allowed: false, reason: 'outsideAudience' });
    // Near misses are not matches.
    expect(featureAccess(p, 'portalHeader', member([], ['Intranet Owners 2', ' Intranet Owners']))).toEqual({ allowed: false, reason: 'outsideAudience' });
  });

  it('treats a feature missing from the document as off', () => {
    const p = defaultPolicy();
    delete (p.features as Partial<Policy['features']>).communities;
    expect(featureAccess(p, 'communities', nobody)).toEqual({ allowed: false, reason: 'disabled' });
    expect(featureAccess(p, 'toString' as never, nobody)).toEqual({ allowed: false, reason: 'disabled' });
  });
});

describe('hasRole', () => {
  it('holds a role through any of its groups, Entra or SharePoint', () => {
    const p = defaultPolicy();
    p.roles.communications.push(owners);
    expect(hasRole(p, 'tenantAdmins', member([DEMO_GROUPS.tenantAdmins.id.toUpperCase()]))).toBe(true);
    expect(hasRole(p, 'tenantAdmins', member([DEMO_GROUPS.management.id]))).toBe(false);
    expect(hasRole(p, 'communications', member([], ['INTRANET owners']))).toBe(true);
    expect(hasRole(p, 'communications', member([DEMO_GROUPS.communications.id]))).toBe(true);
    expect(hasRole(p, 'communityManagers', nobody)).toBe(false);
  });

  it('an empty role holds nobody', () => {
    const p = defaultPolicy();
    p.roles.communityManagers = [];
    expect(hasRole(p, 'communityManagers', member([DEMO_GROUPS.communityManagers.id], ['Intranet Owners']))).toBe(false);
  });
});
