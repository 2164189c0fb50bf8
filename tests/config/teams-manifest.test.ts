/**
 * The custom Teams app (teams/manifest.json, packaged as teams/TeamsSPFxApp.zip) is valid against
 * the Microsoft Teams app manifest schema published in @microsoft/app-manifest, points at real
 * Teams-capable web parts with the URLs SPFx documents, and every Teams web part has its icons
 * (color 192x192, outline 32x32 white on transparent).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { decodePng } = require('../../tools/png');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { readZip } = require('../../tools/zip');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { findComponentManifests, parseJsonWithComments } = require('../../tools/check-package');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { filesOfTeamsManifest } = require('../../tools/make-teams-app');

const root = path.resolve(__dirname, '..', '..');
const teamsDir = path.join(root, 'teams');
const manifestText = fs.readFileSync(path.join(teamsDir, 'manifest.json'), 'utf8');
const manifest = JSON.parse(manifestText);

const schemaRoot = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams'
);

interface ComponentManifest {
  id: string;
  alias: string;
  componentType: string;
  supportedHosts?: string[];
}

const components: ComponentManifest[] = findComponentManifests(root).map((file: string) =>
  parseJsonWithComments(fs.readFileSync(path.join(root, file), 'utf8'))
);
const webParts = components.filter((c) => c.componentType === 'WebPart');
const hosts = (id: string): string[] => webParts.find((w) => w.id.toLowerCase() === id.toLowerCase())?.supportedHosts ?? [];
const teamsWebParts = webParts.filter((w) => (w.supportedHosts ?? []).some((h) => h === 'TeamsTab' || h === 'TeamsPersonalApp'));

/**
 * The Teams schemas are JSON Schema draft-04. ajv 6 (the project's declared ajv) validates draft-04
 * once its draft-04 meta-schema is registered; `const` (used by the schemas) is supported by ajv 6.
 */
function compileTeamsSchema(version: string, schemaFile = 'MicrosoftTeams.schema.json'): Ajv.ValidateFunction {
  const file = path.join(schemaRoot, `v${version}`, schemaFile);
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true, meta: false });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
  return ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')));
}

const validate = compileTeamsSchema(manifest.manifestVersion);

function componentIdOf(url: string): string {
  const match = /componentId=([0-9a-f-]{36})/i.exec(url);
  if (!match) throw new Error(`no componentId in ${url}`);
  return match[1].toLowerCase();
}

describe('teams/manifest.json', () => {
  test('uses a manifest version whose schema ships in @microsoft/app-manifest, and its $schema URL', () => {
    expect(fs.existsSync(path.join(schemaRoot, `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json'))).toBe(true);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`
    );
  });

  test('is valid against the Microsoft Teams app manifest schema', () => {
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('the validator rejects broken manifests (so the check above means something)', () => {
    const broken = [
      { ...manifest, icons: undefined },
      { ...manifest, manifestVersion: '1.16' },
      { ...manifest, id: 'not-a-guid' },
      { ...manifest, accentColor: 'blue' },
      { ...manifest, configurableTabs: [...manifest.configurableTabs, ...manifest.configurableTabs] },
      { ...manifest, developer: { ...manifest.developer, name: 'A developer name longer than thirty-two characters' } },
      { ...manifest, staticTabs: [{ ...manifest.staticTabs[0], contentUrl: 'ftp://example.com/tab' }] },
      { ...manifest, unknownProperty: true }
    ];
    for (const candidate of broken) {
      expect(validate(JSON.parse(JSON.stringify(candidate)))).toBe(false);
    }
  });

  test('personal tabs use the SPFx personal-app URL and point at web parts that declare TeamsPersonalApp', () => {
    expect(manifest.staticTabs.length).toBeGreaterThan(0);
    for (const tab of manifest.staticTabs) {
      const id = componentIdOf(tab.contentUrl);
      expect(tab.contentUrl).toBe(
        `https://{teamSiteDomain}/_layouts/15/TeamsLogon.aspx?SPFX=true&dest=/_layouts/15/teamshostedapp.aspx%3Fteams%26personal%26componentId=${id}%26forceLocale={locale}`
      );
      expect(tab.scopes).toEqual(['personal']);
      expect(hosts(id)).toContain('TeamsPersonalApp');
    }
  });

  test('the channel tab uses the SPFx configurable-tab URL and points at a web part that declares TeamsTab', () => {
    for (const tab of manifest.configurableTabs ?? []) {
      const id = componentIdOf(tab.configurationUrl);
      expect(tab.configurationUrl).toBe(
        `https://{teamSiteDomain}{teamSitePath}/_layouts/15/TeamsLogon.aspx?SPFX=true&dest={teamSitePath}/_layouts/15/teamshostedapp.aspx%3FopenPropertyPane=true%26teams%26componentId=${id}%26forceLocale={locale}`
      );
      expect(hosts(id)).toContain('TeamsTab');
    }
  });

  test('every web part offered as a personal app has a personal tab (the custom package replaces the generated one)', () => {
    const tabbed = new Set(manifest.staticTabs.map((tab: { contentUrl: string }) => componentIdOf(tab.contentUrl)));
    const personal = webParts.filter((w) => (w.supportedHosts ?? []).includes('TeamsPersonalApp'));
    expect(personal.length).toBeGreaterThan(0);
    for (const webPart of personal) {
      expect({ webPart: webPart.alias, tabbed: tabbed.has(webPart.id.toLowerCase()) }).toEqual({ webPart: webPart.alias, tabbed: true });
    }
  });

  test('names only SharePoint Online in webApplicationInfo (not the job), and docs/relay-job.md says Teams activity notifications are off', () => {
    // Graph sends activity notifications only for the app named in webApplicationInfo; the package is
    // the same for every tenant, so it names SharePoint's first-party app (SPFx single sign-on), never
    // a tenant's job registration, and the feature is documented as off.
    expect(manifest.webApplicationInfo).toEqual({ id: '00000003-0000-0ff1-ce00-000000000000', resource: 'https://{teamSiteDomain}' });
    const doc = fs.readFileSync(path.join(root, 'docs', 'relay-job.md'), 'utf8');
    expect(doc).toMatch(/## Teams activity notifications: off/);
    expect(doc).not.toMatch(/\| Microsoft Graph \| `TeamsActivity\.Send` \|/);
  });

  test('keeps the version of package.json and the developer of package-solution.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const solution = JSON.parse(fs.readFileSync(path.join(root, 'config', 'package-solution.json'), 'utf8')).solution;
    expect(manifest.version).toBe(pkg.version);
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      expect(manifest.developer[key]).toBe(solution.developer[key]);
    }
  });

  test('is translated into French, each translation valid against the Teams localization schema', () => {
    const languages: Array<{ languageTag: string; file: string }> = manifest.localizationInfo.additionalLanguages;
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('en-us');
    expect(languages.map((l) => l.languageTag)).toEqual(['fr-fr']);
    const validateLocalization = compileTeamsSchema(manifest.manifestVersion, 'MicrosoftTeams.Localization.schema.json');
    for (const language of languages) {
      const strings = JSON.parse(fs.readFileSync(path.join(teamsDir, language.file), 'utf8'));
      expect(validateLocalization(strings)).toBe(true);
      expect(validateLocalization.errors ?? []).toEqual([]);
      // Really translated, and every personal tab has its name.
      expect(strings['name.short']).not.toBe(manifest.name.short);
      expect(strings['description.full']).not.toBe(manifest.description.full);
      manifest.staticTabs.forEach((_tab: unknown, i: number) => expect(strings[`staticTabs[${i}].name`]).toBeTruthy());
      expect(validateLocalization({ ...strings, 'name.short': 'x'.repeat(31) })).toBe(false);
    }
  });

  test('teams/TeamsSPFxApp.zip holds this manifest and the files it names (run node tools/make-teams-app.js)', () => {
    const zip: Map<string, Buffer> = readZip(fs.readFileSync(path.join(teamsDir, 'TeamsSPFxApp.zip')));
    const referenced: string[] = filesOfTeamsManifest(manifest);
    expect([...zip.keys()].sort()).toEqual(['manifest.json', ...referenced].sort());
    expect(zip.get('manifest.json')!.toString('utf8')).toBe(manifestText);
    for (const file of referenced) {
      expect(zip.get(file)!.equals(fs.readFileSync(path.join(teamsDir, file)))).toBe(true);
    }
  });
});

describe('Teams icons', () => {
  function png(file: string): { width: number; height: number; rgba: Buffer } {
    return decodePng(fs.readFileSync(path.join(teamsDir, file)));
  }

  function checkColor(file: string): void {
    const image = png(file);
    expect([file, image.width, image.height]).toEqual([file, 192, 192]);
  }

  function checkOutline(file: string): void {
    const image = png(file);
    expect([file, image.width, image.height]).toEqual([file, 32, 32]);
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < image.rgba.length; i += 4) {
      const alpha = image.rgba[i + 3];
      if (alpha === 0) {
        transparent++;
        continue;
      }
      if (alpha === 255) opaque++;
      // White on transparent: every visible pixel is white.
      expect([file, image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]]).toEqual([file, 255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
    expect(opaque).toBeGreaterThan(32 * 32 * 0.1);
  }

  test('every Teams web part has a 192x192 color icon and a 32x32 white-on-transparent outline icon', () => {
    expect(teamsWebParts.length).toBeGreaterThan(0);
    for (const webPart of teamsWebParts) {
      checkColor(`${webPart.id}_color.png`);
      checkOutline(`${webPart.id}_outline.png`);
    }
  });

  test('the icons the Teams app manifest names have the same sizes', () => {
    checkColor(manifest.icons.color);
    checkOutline(manifest.icons.outline);
  });
});
