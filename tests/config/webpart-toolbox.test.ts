/**
 * Where the web parts sit in SharePoint's toolbox (preconfiguredEntries of each manifest, SPFx web part
 * manifest schema): the suite's own group instead of SharePoint's built-in "Other" ("Advanced") group,
 * localized group names and tags, and the administration web part in a group of its own.
 */
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { parseJsonWithComments, findComponentManifests } = require('../../tools/check-package');

const root = path.resolve(__dirname, '..', '..');
const read = (file: string): any => parseJsonWithComments(fs.readFileSync(file, 'utf8'));

/** PredefinedGroup.Advanced ("Other"): web parts not in any other group. */
const SHAREPOINT_OTHER_GROUP = '5c03119e-3074-46fd-976b-c60198311f70';
const SUITE_GROUP = '9cdc9431-c9a6-46df-9ab1-aff43f74c503';
const ADMIN_GROUP = '93f5abd0-a08a-41ab-ac29-7473f5e1a2ce';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const webParts: any[] = findComponentManifests(root).map((file: string) => read(file)).filter((m: any) => m.componentType === 'WebPart');
const entries = webParts.flatMap(m => m.preconfiguredEntries.map((e: any) => ({ alias: m.alias, entry: e, manifest: m })));

test('every web part has a toolbox entry', () => {
  expect(webParts.map(m => m.alias).sort()).toEqual(['CommunitiesWebPart', 'EmployeeProfileWebPart', 'ExpertSearchWebPart', 'FeedbackRelayWebPart', 'RelayDashboardWebPart', 'SuiteSettingsWebPart']);
  expect(entries.length).toBeGreaterThanOrEqual(webParts.length);
});

test.each(entries.map(e => [e.alias, e]))('%s is in a group of the suite, never SharePoint\'s "Other" group', (_alias, { entry }) => {
  expect(entry.groupId).toMatch(GUID);
  expect(entry.groupId).not.toBe(SHAREPOINT_OTHER_GROUP);
  expect(typeof entry.group.default).toBe('string');
  expect(entry.group['fr-FR']).toBeTruthy();
});

test('the suite\'s web parts share one group, "Social intranet" / "Intranet social"', () => {
  for (const { alias, entry } of entries.filter(e => e.alias !== 'SuiteSettingsWebPart')) {
    expect([alias, entry.groupId]).toEqual([alias, SUITE_GROUP]);
    expect(entry.group).toEqual({ default: 'Social intranet', 'fr-FR': 'Intranet social' });
  }
});

test('the administration web part has a group of its own, and stays in the toolbox (admins add it by hand)', () => {
  const settings = entries.filter(e => e.alias === 'SuiteSettingsWebPart');
  expect(settings).toHaveLength(1);
  expect(settings[0].entry.groupId).toBe(ADMIN_GROUP);
  expect(settings[0].entry.group).toEqual({ default: 'Social intranet administration', 'fr-FR': 'Administration de l’intranet social' });
  for (const m of webParts) expect([m.alias, m.hiddenFromToolbox === true]).toEqual([m.alias, false]);
});

test.each(entries.map(e => [e.alias, e]))('%s has localized tags (1 to 10, as the manifest schema allows)', (_alias, { entry }) => {
  expect(Array.isArray(entry.tags)).toBe(true);
  expect(entry.tags.length).toBeGreaterThanOrEqual(1);
  expect(entry.tags.length).toBeLessThanOrEqual(10);
  for (const tag of entry.tags) {
    expect(typeof tag.default).toBe('string');
    expect(tag.default.trim()).not.toBe('');
    expect(typeof tag['fr-FR']).toBe('string');
    expect(tag['fr-FR'].trim()).not.toBe('');
  }
});

test('docs/build.md explains both groups', () => {
  const doc = fs.readFileSync(path.join(root, 'docs', 'build.md'), 'utf8');
  expect(doc).toContain(SUITE_GROUP);
  expect(doc).toContain(ADMIN_GROUP);
});
