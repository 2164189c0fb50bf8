import {
  applyUpgrades, defaultPolicy, parsePolicyJson, upgradePolicy, validatePolicy, MAX_POLICY_JSON_LENGTH, MAX_REPORTED_ERRORS,
  POLICY_SCHEMA_VERSION, PolicyFieldError, Policy
} from '../../core/policy';

// The tests change documents in ways the types forbid, on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

function errorsOf(change: (p: Doc) => Doc | void): PolicyFieldError[] {
  const doc: Doc = defaultPolicy();
  const replaced = change(doc);
  const result = validatePolicy(replaced === undefined ? doc : replaced);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
}

describe('validatePolicy: one field-level error per kind of invalid value', () => {
  it('required: a missing field', () => {
    expect(errorsOf(p => { delete p.feedback.retentionDays; })).toEqual([{ path: 'feedback.retentionDays', code: 'required' }]);
  });

  it('required: a blank label', () => {
    expect(errorsOf(p => { p.feedback.categories[2].label.fr = '   '; })).toEqual([{ path: 'feedback.categories.2.label.fr', code: 'required' }]);
  });

  it('tooShort: an empty list that needs one item', () => {
    expect(errorsOf(p => { p.feedback.channels = []; })).toEqual([{ path: 'feedback.channels', code: 'tooShort', params: { min: 1 } }]);
  });

  it('tooLong: a label over the limit', () => {
    expect(errorsOf(p => { p.skills[3].label.en = 'x'.repeat(121); })).toEqual([{ path: 'skills.3.label.en', code: 'tooLong', params: { max: 120 } }]);
  });

  it('tooSmall and tooBig: numbers out of bounds', () => {
    expect(errorsOf(p => { p.feedback.retentionDays = 0; })).toEqual([{ path: 'feedback.retentionDays', code: 'tooSmall', params: { min: 1 } }]);
    expect(errorsOf(p => { p.feedback.retentionDays = 3651; })).toEqual([{ path: 'feedback.retentionDays', code: 'tooBig', params: { max: 3650 } }]);
    expect(errorsOf(p => { p.feedback.severities[1].acknowledgeHours = 0.1; })).toEqual([{ path: 'feedback.severities.1.acknowledgeHours', code: 'tooSmall', params: { min: 0.25 } }]);
    expect(errorsOf(p => { p.feedback.severities[3].resolveHours = 2001; })).toEqual([{ path: 'feedback.severities.3.resolveHours', code: 'tooBig', params: { max: 2000 } }]);
    expect(errorsOf(p => { p.moderation.flagHideThreshold = 101; })).toEqual([{ path: 'moderation.flagHideThreshold', code: 'tooBig', params: { max: 100 } }]);
    expect(errorsOf(p => { p.spikes.zScore = 0.5; })).toEqual([{ path: 'spikes.zScore', code: 'tooSmall', params: { min: 1 } }]);
  });

  it('tooBig: a spike window longer than half the baseline', () => {
    expect(errorsOf(p => { p.spikes.windowDays = 15; })).toEqual([{ path: 'spikes.windowDays', code: 'tooBig', params: { max: 14 } }]);
  });

  it('notInteger: a fraction where a count is expected', () => {
    expect(errorsOf(p => { p.moderation.rateLimits.postsPerHour = 2.5; })).toEqual([{ path: 'moderation.rateLimits.postsPerHour', code: 'notInteger' }]);
  });

  it('invalidType: a number given as a string, NaN, a non-object document', () => {
    expect(errorsOf(p => { p.feedback.retentionDays = '730'; })).toEqual([
      { path: 'feedback.retentionDays', code: 'invalidType', params: { expected: 'number', received: 'string' } }]);
    expect(errorsOf(p => { p.spikes.minimumCount = NaN; })).toEqual([
      { path: 'spikes.minimumCount', code: 'invalidType', params: { expected: 'number', received: 'nan' } }]);
    expect(errorsOf(p => { p.spikes.zScore = Infinity; })[0]).toMatchObject({ path: 'spikes.zScore', code: 'invalidType' });
    expect(errorsOf(() => null)).toEqual([{ path: '', code: 'invalidType', params: { expected: 'object', received: 'null' } }]);
    expect(errorsOf(() => [])[0]).toMatchObject({ path: '', code: 'invalidType' });
    expect(errorsOf(p => { p.features.profiles.enabled = 'true'; })[0]).toMatchObject({ path: 'features.profiles.enabled', code: 'invalidType' });
    expect(errorsOf(p => { p.feedback.escalation[0].notify = [1]; })).toEqual([
      { path: 'feedback.escalation.0.notify', code: 'invalidType', params: { received: 'array' } }]);
  });

  it('invalidChoice: a value outside the allowed set', () => {
    expect(errorsOf(p => { p.defaultLocale = 'de-DE'; })).toEqual([{ path: 'defaultLocale', code: 'invalidChoice', params: { options: 'en-US, fr-FR' } }]);
    expect(errorsOf(p => { p.feedback.pauseStates = ['waitingOnCustomer', 'onHold']; })).toEqual([
      { path: 'feedback.pauseStates.1', code: 'invalidChoice', params: { options: 'waitingOnCustomer, waitingOnThirdParty' } }]);
    expect(errorsOf(p => { p.feedback.escalation[2].notify = 'ceo'; })[0]).toMatchObject({ path: 'feedback.escalation.2.notify', code: 'invalidChoice' });
    expect(errorsOf(p => { p.feedback.routing[0].owner = { kind: 'robot' }; })[0]).toMatchObject({ path: 'feedback.routing.0.owner.kind', code: 'invalidChoice' });
    expect(errorsOf(p => { p.roles.management[0].kind = 'ldap'; })[0]).toMatchObject({ path: 'roles.management.0.kind', code: 'invalidChoice' });
  });

  it('required: an audience without `everyone`', () => {
    expect(errorsOf(p => { p.features.highlights.audience = {}; })).toEqual([{ path: 'features.highlights.audience.everyone', code: 'required' }]);
  });

  it('duplicateKey: two categories with one key, a repeated working day, holiday, term or group', () => {
    expect(errorsOf(p => { p.feedback.categories.push({ ...p.feedback.categories[0] }); })).toEqual([
      { path: 'feedback.categories.12.key', code: 'duplicateKey', params: { key: 'delivery' } }]);
    expect(errorsOf(p => { p.feedback.calendar.workingDays = [1, 2, 2]; })).toEqual([
      { path: 'feedback.calendar.workingDays.2', code: 'duplicateKey', params: { key: '2' } }]);
    expect(errorsOf(p => { p.feedback.calendar.holidays.push('2026-01-01'); })[0]).toMatchObject({ path: 'feedback.calendar.holidays.16', code: 'duplicateKey' });
    expect(errorsOf(p => { p.moderation.blockedTerms = ['Arnaque', 'arnaque ']; })[0]).toMatchObject({ path: 'moderation.blockedTerms.1', code: 'duplicateKey' });
    expect(errorsOf(p => { p.moderation.blockedTerms = ['Élan', 'elan']; })[0]).toMatchObject({ path: 'moderation.blockedTerms.1', code: 'duplicateKey' });
    expect(errorsOf(p => {
      p.roles.management.push({ ...p.roles.management[0], id: p.roles.management[0].id.toUpperCase() });
    })).toEqual([{ path: 'roles.management.1.id', code: 'duplicateKey', params: { key: expect.any(String) } }]);
    expect(errorsOf(p => { p.skills[5].id = p.skills[0].id; })[0]).toMatchObject({ path: 'skills.5.id', code: 'duplicateKey' });
    expect(errorsOf(p => { p.feedback.routing[1].id = p.feedback.routing[0].id; })[0]).toMatchObject({ path: 'feedback.routing.1.id', code: 'duplicateKey' });
  });

  it('unknownReference: a routing rule naming a category or product that does not exist', () => {
    expect(errorsOf(p => { p.feedback.routing[0].when.category = 'parking'; })).toEqual([
      { path: 'feedback.routing.0.when.category', code: 'unknownReference', params: { key: 'parking' } }]);
    expect(errorsOf(p => { p.feedback.routing[1].when.product = 'spaceships'; })).toEqual([
      { path: 'feedback.routing.1.when.product', code: 'unknownReference', params: { key: 'spaceships' } }]);
  });

  it('a retired category may still be routed (old relays keep their owner)', () => {
    const p = defaultPolicy();
    p.feedback.categories[0].active = false;
    expect(validatePolicy(p).ok).toBe(true);
  });

  it('invalidTimeZone: a zone the platform does not know, or not an IANA name', () => {
    expect(errorsOf(p => { p.feedback.calendar.timeZone = 'Mars/Olympus_Mons'; })).toEqual([{ path: 'feedback.calendar.timeZone', code: 'invalidTimeZone' }]);
    expect(errorsOf(p => { p.feedback.calendar.timeZone = 'EST5EDT; rm -rf'; })[0]).toMatchObject({ code: 'invalidTimeZone' });
    for (const zone of ['Europe/Paris', 'Europe/Zurich', 'America/Toronto', 'UTC', 'America/Argentina/Buenos_Aires']) {
      const p = defaultPolicy();
      p.feedback.calendar.timeZone = zone;
      expect(validatePolicy(p).ok).toBe(true);
    }
  });

  it('invalidTime: not an HH:mm time', () => {
    expect(errorsOf(p => { p.feedback.calendar.workingHours.start = '8:30'; })).toEqual([{ path: 'feedback.calendar.workingHours.start', code: 'invalidTime' }]);
    expect(errorsOf(p => { p.feedback.calendar.workingHours.end = '24:00'; })).toEqual([{ path: 'feedback.calendar.workingHours.end', code: 'invalidTime' }]);
  });

  it('invalidDate: not a YYYY-MM-DD date, or a day the calendar does not have', () => {
    expect(errorsOf(p => { p.feedback.calendar.holidays.push('2026-02-29'); })).toEqual([{ path: 'feedback.calendar.holidays.16', code: 'invalidDate' }]);
    expect(errorsOf(p => { p.feedback.calendar.holidays[0] = '01/01/2026'; })).toEqual([{ path: 'feedback.calendar.holidays.0', code: 'invalidDate' }]);
    const leap = defaultPolicy();
    leap.feedback.calendar.holidays.push('2028-02-29');
    expect(validatePolicy(leap).ok).toBe(true);
  });

  it('startAfterEnd: working hours that end before they start', () => {
    expect(errorsOf(p => { p.feedback.calendar.workingHours = { start: '17:00', end: '08:30' }; })).toEqual([
      { path: 'feedback.calendar.workingHours.end', code: 'startAfterEnd', params: { start: '17:00' } }]);
    expect(errorsOf(p => { p.feedback.calendar.workingHours = { start: '09:00', end: '09:00' }; })[0]).toMatchObject({ code: 'startAfterEnd' });
  });

  it('resolveBeforeAcknowledge: a resolution target shorter than the acknowledgement target', () => {
    expect(errorsOf(p => { p.feedback.severities[2].resolveHours = 4; })).toEqual([
      { path: 'feedback.severities.2.resolveHours', code: 'resolveBeforeAcknowledge', params: { min: 8 } }]);
  });

  it('invalidGroup: an Entra group that is not an object id, a SharePoint group without a title', () => {
    expect(errorsOf(p => { p.roles.communications[0].id = 'Communications team'; })).toEqual([
      { path: 'roles.communications.0.id', code: 'invalidGroup', params: { kind: 'entra' } }]);
    expect(errorsOf(p => { p.feedback.fallbackOwner = { kind: 'sharepoint', id: ' ', name: '' }; })).toEqual([
      { path: 'feedback.fallbackOwner.id', code: 'invalidGroup', params: { kind: 'sharepoint' } }]);
    expect(errorsOf(p => { p.feedback.escalation[0].notify = { group: { kind: 'entra', id: '', name: 'x' } }; })).toEqual([
      { path: 'feedback.escalation.0.notify.group.id', code: 'invalidGroup', params: { kind: 'entra' } }]);
    const ok = defaultPolicy();
    ok.roles.communityManagers.push({ kind: 'sharepoint', id: 'Intranet Members', name: 'Intranet Members' });
    expect(validatePolicy(ok).ok).toBe(true);
  });

  it('emptyAudience: a feature for listed groups with no group listed', () => {
    expect(errorsOf(p => { p.features.communities.audience = { everyone: false, groups: [] }; })).toEqual([
      { path: 'features.communities.audience.groups', code: 'emptyAudience', params: { min: 1 } }]);
  });

  it('noTenantAdmin: no group holds the tenant admin role', () => {
    expect(errorsOf(p => { p.roles.tenantAdmins = []; })).toEqual([{ path: 'roles.tenantAdmins', code: 'noTenantAdmin', params: { min: 1 } }]);
  });

  it('unsupportedVersion: a document written by a later version of the suite', () => {
    expect(errorsOf(p => { p.schemaVersion = POLICY_SCHEMA_VERSION + 1; p.newArea = {}; })).toEqual([
      { path: 'schemaVersion', code: 'unsupportedVersion', params: { version: POLICY_SCHEMA_VERSION + 1, supported: POLICY_SCHEMA_VERSION } }]);
    expect(errorsOf(p => { p.schemaVersion = 0; })[0]).toMatchObject({ path: 'schemaVersion', code: 'tooSmall' });
  });

  it('invalid: a key that is not lower-case letters, digits and hyphens', () => {
    expect(errorsOf(p => { p.feedback.categories[11].key = 'Other Things'; })).toEqual([
      { path: 'feedback.categories.11.key', code: 'invalid', params: { format: 'key' } }]);
    expect(errorsOf(p => { p.skills[0].id = 'crm-'; })).toEqual([{ path: 'skills.0.id', code: 'invalid', params: { format: 'key' } }]);
    // Renaming a routed category's key leaves its rule pointing at nothing: both are reported.
    expect(errorsOf(p => { p.feedback.categories[0].key = 'Home Delivery'; }).map(e => e.code)).toEqual(['invalid', 'unknownReference']);
  });

  it('invalid: unknown keys are refused, at any depth, each with its own path', () => {
    const errors = errorsOf(p => { p.colour = 'blue'; p.feedback.calendar.workingHours.lunch = '12:00'; p.features.chat = p.features.profiles; });
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(expect.arrayContaining([
      { path: 'colour', code: 'invalid', params: { key: 'colour' } },
      { path: 'features.chat', code: 'invalid', params: { key: 'chat' } },
      { path: 'feedback.calendar.workingHours.lunch', code: 'invalid', params: { key: 'lunch' } }
    ]));
  });

  it('reports every invalid field of a document at once, one error per field', () => {
    const errors = errorsOf(p => {
      p.features.portalHeader.enabled = 1;
      p.moderation.flagHideThreshold = 0;
      p.defaultLocale = 'xx';
    });
    expect(errors.map(e => e.path)).toEqual(['features.portalHeader.enabled', 'moderation.flagHideThreshold', 'defaultLocale']);
  });

  it('gives back a clean copy: changing the input afterwards does not change the validated policy', () => {
    const input = defaultPolicy();
    const result = validatePolicy(input);
    if (!result.ok) throw new Error('defaults must validate');
    input.feedback.categories[0].label.en = 'changed';
    expect(result.policy.feedback.categories[0].label.en).not.toBe('changed');
  });
});

describe('parsePolicyJson', () => {
  it('round-trips the defaults and a changed policy through JSON', () => {
    const p: Policy = defaultPolicy();
    p.features.communities = { enabled: true, audience: { everyone: false, groups: [p.roles.management[0]], except: [] } };
    p.feedback.routing.push({ id: 'bu-europe', when: { businessUnit: 'Europe' }, owner: { kind: 'managerChain', level: 2 } });
    p.feedback.escalation.push({ atShareOfTarget: 2, notify: { group: p.roles.management[0] } });
    for (const doc of [defaultPolicy(), p]) {
      const parsed = parsePolicyJson(JSON.stringify(doc, null, 2));
      expect(parsed).toEqual({ ok: true, policy: doc });
    }
  });

  it('refuses text that is not JSON with one error at the root', () => {
    for (const text of ['', '{', '{"schemaVersion": 1,}', 'NaN', "{'a': 1}"]) {
      expect(parsePolicyJson(text)).toEqual({ ok: false, errors: [{ path: '', code: 'invalidType', params: { expected: 'json' } }] });
    }
  });

  it('refuses a text longer than the limit before parsing it', () => {
    const result = parsePolicyJson(' '.repeat(MAX_POLICY_JSON_LENGTH + 1));
    expect(result).toEqual({ ok: false, errors: [{ path: '', code: 'tooLong', params: { max: MAX_POLICY_JSON_LENGTH } }] });
  });
});

describe('hostile or odd imports are refused without throwing', () => {
  const json = (change: (p: Doc) => void): string => {
    const p: Doc = defaultPolicy();
    change(p);
    return JSON.stringify(p);
  };

  it('"__proto__" and "constructor" keys are refused and pollute nothing', () => {
    const texts = [
      JSON.stringify(defaultPolicy()).replace('{"schemaVersion"', '{"__proto__":{"polluted":true,"enabled":false},"schemaVersion"'),
      JSON.stringify(defaultPolicy()).replace('"profiles":{', '"profiles":{"__proto__":{"polluted":true},'),
      json(p => { p.constructor = { prototype: { polluted: true } }; }),
      json(p => { p.feedback.calendar.prototype = { polluted: true }; })
    ];
    for (const text of texts) {
      const result = parsePolicyJson(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'invalid' });
    }
    expect(({} as Doc).polluted).toBeUndefined();
    expect((Object.prototype as Doc).polluted).toBeUndefined();
    const first = parsePolicyJson(texts[0]);
    expect(first).toEqual({ ok: false, errors: [{ path: '__proto__', code: 'invalid', params: { key: '__proto__' } }] });
  });

  it('huge strings and lists are refused by their bounds', () => {
    const big = parsePolicyJson(json(p => { p.moderation.blockedTerms = ['x'.repeat(200000)]; }));
    expect(big).toEqual({ ok: false, errors: [{ path: 'moderation.blockedTerms.0', code: 'tooLong', params: { max: 100 } }] });
    const many = validatePolicy({ ...defaultPolicy(), skills: Array.from({ length: 5000 }, (_, i) => ({ id: `s${i}`, label: { en: 'a', fr: 'b' }, synonyms: [] })) });
    expect(many).toEqual({ ok: false, errors: [{ path: 'skills', code: 'tooLong', params: { max: 2000 } }] });
  });

  it('a flood of errors is cut at the reporting limit', () => {
    const p: Doc = defaultPolicy();
    p.skills = p.skills.concat(Array.from({ length: 1500 }, (_, i) => ({ id: `S ${i}`, label: { en: '', fr: '' }, synonyms: [] })));
    const result = validatePolicy(p);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS);
  });

  it('numbers as strings, booleans as strings, NaN, nested nulls', () => {
    const cases: Array<[(p: Doc) => void, string]> = [
      [p => { p.spikes = { zScore: '3', minimumCount: '5', baselineDays: '28', windowDays: '7' }; }, 'spikes.zScore'],
      [p => { p.feedback.allowAnonymous = 'false'; }, 'feedback.allowAnonymous'],
      [p => { p.feedback.severities[0].weight = NaN; }, 'feedback.severities.0.weight'],
      [p => { p.feedback.calendar = null; }, 'feedback.calendar'],
      [p => { p.roles = null; }, 'roles']
    ];
    for (const [change, path] of cases) {
      const errors = errorsOf(change);
      expect(errors[0]).toMatchObject({ path, code: 'invalidType' });
    }
  });

  it('a value whose getter throws, a proxy, a frozen document, odd roots', () => {
    const getter: Doc = defaultPolicy();
    Object.defineProperty(getter, 'spikes', { enumerable: true, get() { throw new Error('boom'); } });
    expect(validatePolicy(getter)).toEqual({ ok: false, errors: [{ path: '', code: 'invalid' }] });
    const trap = new Proxy(defaultPolicy(), { ownKeys() { throw new Error('trap'); } });
    expect(() => validatePolicy(trap)).not.toThrow();
    const frozen = Object.freeze(defaultPolicy());
    expect(validatePolicy(frozen).ok).toBe(true);
    for (const odd of [undefined, 42, 'policy', true, Symbol('x'), () => 1, new Date(0)]) {
      const result = validatePolicy(odd);
      expect(result.ok).toBe(false);
    }
    expect(parsePolicyJson(42 as unknown as string).ok).toBe(false);
  });
});

describe('upgrades', () => {
  it('leaves a current document as it is', () => {
    const doc = defaultPolicy();
    expect(upgradePolicy(doc)).toBe(doc);
    expect(upgradePolicy('x')).toBe('x');
    expect(upgradePolicy({ schemaVersion: 99 })).toEqual({ schemaVersion: 99 });
  });

  it('runs the steps in order from the document version to the target, and sets the version', () => {
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, renamed: d.old, old: undefined }),
      2: (d: Record<string, unknown>) => ({ ...d, added: true })
    };
    expect(applyUpgrades({ schemaVersion: 1, old: 'v' }, steps, 3)).toEqual({ schemaVersion: 3, renamed: 'v', old: undefined, added: true });
    expect(applyUpgrades({ schemaVersion: 2, renamed: 'v' }, steps, 3)).toEqual({ schemaVersion: 3, renamed: 'v', added: true });
    // A missing step stops where it is: validation then reports the version.
    expect(applyUpgrades({ schemaVersion: 1 }, { 2: steps[2] }, 3)).toEqual({ schemaVersion: 1 });
    expect(applyUpgrades({ schemaVersion: '1' }, steps, 3)).toEqual({ schemaVersion: '1' });
  });
});
