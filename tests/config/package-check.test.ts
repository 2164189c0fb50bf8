/**
 * tools/check-package.js, the gate after `gulp package-solution --ship`: it passes a complete
 * package and fails each way a package can be incomplete. The packages here are built in memory
 * (a small solution in a temporary folder), so the test needs no SPFx build.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { checkPackage, checkComponentsInConfig } = require('../../tools/check-package');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { writeZip, readZip } = require('../../tools/zip');

const repoRoot = path.resolve(__dirname, '..', '..');

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const WEB_PART_ID = '11111111-2222-4333-8444-555555555555';
const CUSTOMIZER_ID = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const FEATURE_ID = 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff';
const SOLUTION_ID = '12345678-1234-4234-8234-123456789012';

const EN = "define([], function () { return { Hello: 'Hello', Save: 'Save', Name: 'Suite' }; });\n";
const FR = "define([], function () { return { Hello: 'Bonjour', Save: 'Enregistrer', Name: 'Suite' }; });\n";

function write(root: string, file: string, content: string | object): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

/** A two-component solution (a web part and a tenant-wide application customizer). */
function makeSolution(): string {
  const root = tempDir('sppkg-check-');
  write(root, 'config/config.json', {
    version: '2.0',
    bundles: {
      'hello-web-part': {
        components: [{ entrypoint: './lib/webparts/hello/HelloWebPart.js', manifest: './webparts/hello/HelloWebPart.manifest.json' }]
      },
      'top-customizer': {
        components: [
          { entrypoint: './lib/extensions/top/TopApplicationCustomizer.js', manifest: './extensions/top/TopApplicationCustomizer.manifest.json' }
        ]
      }
    },
    localizedResources: { SuiteStrings: 'lib/ui/loc/{locale}.js' }
  });
  write(root, 'config/package-solution.json', {
    solution: {
      name: 'test-suite',
      id: SOLUTION_ID,
      version: '1.0.0.0',
      includeClientSideAssets: true,
      skipFeatureDeployment: true,
      webApiPermissionRequests: [{ resource: 'Microsoft Graph', scope: 'User.Read.All' }],
      features: [{ title: 'Header', id: FEATURE_ID, version: '1.0.0.0', assets: { elementManifests: ['elements.xml', 'ClientSideInstance.xml'] } }]
    },
    paths: { zippedPackage: 'solution/test-suite.sppkg' }
  });
  write(root, 'webparts/hello/HelloWebPart.manifest.json', {
    // SPFx manifests may carry comments; the checker must read them.
    id: WEB_PART_ID,
    alias: 'HelloWebPart',
    componentType: 'WebPart',
    supportedHosts: ['SharePointWebPart']
  });
  fs.appendFileSync(path.join(root, 'webparts/hello/HelloWebPart.manifest.json'), '\n// trailing comment\n');
  write(root, 'webparts/hello/HelloWebPart.ts', 'export default class HelloWebPart {}\n');
  write(root, 'extensions/top/TopApplicationCustomizer.manifest.json', {
    id: CUSTOMIZER_ID,
    alias: 'TopApplicationCustomizer',
    componentType: 'Extension',
    extensionType: 'ApplicationCustomizer'
  });
  write(root, 'extensions/top/TopApplicationCustomizer.ts', 'export default class TopApplicationCustomizer {}\n');
  write(root, 'ui/loc/en-us.js', EN);
  write(root, 'ui/loc/fr-fr.js', FR);
  return root;
}

type Entries = Record<string, string>;

function goodEntries(): Entries {
  return {
    'AppManifest.xml':
      `<?xml version="1.0" encoding="utf-8"?><App xmlns="http://schemas.microsoft.com/sharepoint/2012/app/manifest" Name="test-suite" ` +
      `ProductID="${SOLUTION_ID}" Version="1.0.0.0" SkipFeatureDeployment="true"><Properties><Title>Test</Title></Properties>` +
      '<WebApiPermissionRequests><WebApiPermissionRequest ResourceId="Microsoft Graph" Scope="User.Read.All"></WebApiPermissionRequest></WebApiPermissionRequests></App>',
    [`${FEATURE_ID}/WebPart_${WEB_PART_ID}.xml`]: `<Elements><ClientSideComponent Id="${WEB_PART_ID}" /></Elements>`,
    [`${FEATURE_ID}/Extension_${CUSTOMIZER_ID}.xml`]: `<Elements><ClientSideComponent Id="${CUSTOMIZER_ID}" /></Elements>`,
    [`${FEATURE_ID}/ClientSideInstance.xml`]:
      `<Elements><ClientSideComponentInstance Title="Top" Location="ClientSideExtension.ApplicationCustomizer" ComponentId="${CUSTOMIZER_ID}" Properties="{}"></ClientSideComponentInstance></Elements>`,
    [`${FEATURE_ID}/elements.xml`]: `<Elements><CustomAction ClientSideComponentId="${CUSTOMIZER_ID}" /></Elements>`,
    'ClientSideAssets/hello-web-part_0123456789abcdef.js': 'define([],function(){return 1});',
    'ClientSideAssets/top-customizer_fedcba9876543210.js': 'define([],function(){return 2});',
    'ClientSideAssets/SuiteStrings_en-us_0ee4b3614ce037f8c37dc793bf4a51e5.js': EN,
    'ClientSideAssets/SuiteStrings_fr-fr_95430c398d10d2681e8e162963b48e7f.js': FR
  };
}

function writePackage(root: string, entries: Entries): string {
  const file = path.join(root, 'sharepoint', 'solution', 'test-suite.sppkg');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, writeZip(Object.entries(entries).map(([name, data]) => ({ name, data: Buffer.from(data) }))));
  return file;
}

function without(entries: Entries, predicate: (name: string) => boolean): Entries {
  return Object.fromEntries(Object.entries(entries).filter(([name]) => !predicate(name)));
}

function problemsOf(root: string, entries: Entries): string[] {
  writePackage(root, entries);
  return checkPackage(root).problems;
}

describe('check-package on a complete package', () => {
  test('passes, and reports the French strings and the scopes it saw', () => {
    const root = makeSolution();
    writePackage(root, goodEntries());
    const report = checkPackage(root);
    expect(report.problems).toEqual([]);
    expect(report.notes.join('\n')).toContain('SuiteStrings: fr-fr asset holds 2/3 translated strings');
    expect(report.notes.join('\n')).toContain('Microsoft Graph User.Read.All');
  });
});

describe('check-package fails an incomplete package', () => {
  let root: string;
  beforeEach(() => {
    root = makeSolution();
  });

  test('no package at all', () => {
    expect(checkPackage(root).problems).toEqual([expect.stringContaining('does not exist')]);
  });

  test('a web part missing from the package', () => {
    const problems = problemsOf(root, without(goodEntries(), (n) => n.includes(`WebPart_${WEB_PART_ID}`)));
    expect(problems).toEqual([expect.stringContaining(`HelloWebPart (${WEB_PART_ID}`)]);
  });

  test('the bundled JS of a component missing (client-side assets not included)', () => {
    const problems = problemsOf(root, without(goodEntries(), (n) => n.startsWith('ClientSideAssets/top-customizer_')));
    expect(problems).toEqual([expect.stringContaining('top-customizer_*.js')]);
  });

  test('no tenant-wide deployment of the application customizer', () => {
    const problems = problemsOf(root, without(goodEntries(), (n) => n.endsWith('ClientSideInstance.xml')));
    expect(problems).toEqual([expect.stringContaining('ClientSideInstance.xml is not in the package')]);
  });

  test('ClientSideInstance.xml deploying another component', () => {
    const entries = goodEntries();
    entries[`${FEATURE_ID}/ClientSideInstance.xml`] = entries[`${FEATURE_ID}/ClientSideInstance.xml`].replace(
      CUSTOMIZER_ID,
      '00000000-0000-4000-8000-000000000000'
    );
    expect(problemsOf(root, entries)).toEqual([expect.stringContaining('does not deploy TopApplicationCustomizer')]);
  });

  test('no French strings', () => {
    const problems = problemsOf(root, without(goodEntries(), (n) => n.includes('_fr-fr_')));
    expect(problems).toEqual([expect.stringContaining('fr-fr strings of SuiteStrings are not in the package')]);
  });

  test('English strings shipped as French', () => {
    const entries = { ...goodEntries(), 'ClientSideAssets/SuiteStrings_fr-fr_95430c398d10d2681e8e162963b48e7f.js': EN };
    const problems = problemsOf(root, entries);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringContaining('"Hello" differs'), expect.stringContaining('are the English ones')])
    );
  });

  test('a stale French string', () => {
    const entries = { ...goodEntries(), 'ClientSideAssets/SuiteStrings_fr-fr_95430c398d10d2681e8e162963b48e7f.js': FR.replace('Enregistrer', 'Sauver') };
    expect(problemsOf(root, entries)).toEqual([expect.stringContaining('"Save" differs from ui/loc/fr-fr.js')]);
  });

  test('Graph scopes that differ from package-solution.json', () => {
    const entries = goodEntries();
    entries['AppManifest.xml'] = entries['AppManifest.xml'].replace(
      '</WebApiPermissionRequests>',
      '<WebApiPermissionRequest ResourceId="Microsoft Graph" Scope="Mail.Send"></WebApiPermissionRequest></WebApiPermissionRequests>'
    );
    expect(problemsOf(root, entries)).toEqual([expect.stringContaining('Mail.Send')]);
  });

  test('features activated per site instead of skipFeatureDeployment', () => {
    const entries = goodEntries();
    entries['AppManifest.xml'] = entries['AppManifest.xml'].replace('SkipFeatureDeployment="true"', 'SkipFeatureDeployment="false"');
    expect(problemsOf(root, entries)).toEqual([expect.stringContaining('SkipFeatureDeployment')]);
  });

  test('debug bundles left over from a debug build', () => {
    const entries = { ...goodEntries(), 'ClientSideAssets/hello-web-part.js': 'define([],function(){/* debug */});' };
    expect(problemsOf(root, entries)).toEqual([expect.stringContaining('debug build output in the package (hello-web-part.js)')]);
  });

  test('a component manifest that config.json does not bundle', () => {
    write(root, 'webparts/forgotten/ForgottenWebPart.manifest.json', { id: 'x', alias: 'ForgottenWebPart', componentType: 'WebPart' });
    expect(checkComponentsInConfig(root)).toEqual([
      'webparts/forgotten/ForgottenWebPart.manifest.json is not bundled: add it to "bundles" in config/config.json'
    ]);
    expect(problemsOf(root, goodEntries())).toContain(
      'webparts/forgotten/ForgottenWebPart.manifest.json is not bundled: add it to "bundles" in config/config.json'
    );
  });

  test('config.json naming a string file that does not exist', () => {
    fs.unlinkSync(path.join(root, 'ui/loc/fr-fr.js'));
    expect(checkComponentsInConfig(root)).toEqual(['localized resource SuiteStrings: ui/loc/fr-fr.js does not exist']);
  });
});

describe('the repository', () => {
  test('bundles every component manifest of webparts/ and extensions/ in config/config.json', () => {
    expect(checkComponentsInConfig(repoRoot)).toEqual([]);
  });

  test('node tools/check-package.js exits non-zero on a package that lacks everything', () => {
    const dir = tempDir('sppkg-cli-');
    const empty = path.join(dir, 'empty.sppkg');
    fs.writeFileSync(empty, writeZip([{ name: 'AppManifest.xml', data: Buffer.from('<App ProductID="x"></App>') }]));
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'tools', 'check-package.js'), empty], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The solution package is incomplete');
    expect(run.stderr).toContain('EmployeeProfileWebPart');
  });

  test('the zip reader reads what the zip writer wrote', () => {
    const files = [
      { name: 'a.txt', data: Buffer.from('é'.repeat(1000)) },
      { name: 'dir/b.bin', data: Buffer.from([0, 1, 2, 255]) }
    ];
    const entries: Map<string, Buffer> = readZip(writeZip(files));
    expect([...entries.keys()]).toEqual(['a.txt', 'dir/b.bin']);
    expect(entries.get('a.txt')!.toString('utf8')).toBe('é'.repeat(1000));
    expect([...entries.get('dir/b.bin')!]).toEqual([0, 1, 2, 255]);
  });
});
