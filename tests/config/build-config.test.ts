/**
 * The build configuration says what the suite promises: code outside src/, strict TypeScript, every
 * localized resource in en-US and fr-FR, tenant-wide deployment of the portal header, and only the
 * Graph scopes the suite uses, each one explained in docs/build.md.
 */
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { parseJsonWithComments, findComponentManifests, evaluateAmdStrings } = require('../../tools/check-package');

const root = path.resolve(__dirname, '..', '..');
const readJson = (file: string): any => parseJsonWithComments(fs.readFileSync(path.join(root, file), 'utf8'));

const SOURCE_FOLDERS = ['webparts', 'extensions', 'core', 'services', 'ui'];

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(path.join(root, folder));
  return out;
}

describe('tsconfig.json (the gulp build)', () => {
  const tsconfig = readJson('tsconfig.json');

  test('extends the rush-stack-compiler 5.3 web config and compiles the real folders, not src/', () => {
    expect(tsconfig.extends).toBe('./node_modules/@microsoft/rush-stack-compiler-5.3/includes/tsconfig-web.json');
    expect(tsconfig.compilerOptions.rootDir).toBe('.');
    expect(tsconfig.compilerOptions.outDir).toBe('lib');
    const included = new Set<string>(tsconfig.include.map((glob: string) => glob.split('/')[0]));
    expect([...included].sort()).toEqual([...SOURCE_FOLDERS].sort());
    for (const devOnly of ['workbench', 'tests', 'tools', 'jobs']) {
      expect(included.has(devOnly)).toBe(false);
    }
  });

  test('is strict where it matters', () => {
    expect(tsconfig.compilerOptions.noImplicitAny).toBe(true);
    expect(tsconfig.compilerOptions.strictNullChecks).toBe(true);
    expect(tsconfig.compilerOptions.jsx).toBe('react');
  });
});

describe('config/config.json', () => {
  const config = readJson('config/config.json');

  test('every strings module the code imports is a localized resource with en-us and fr-fr files', () => {
    const imported = new Set<string>();
    for (const folder of SOURCE_FOLDERS) {
      for (const file of sourceFiles(folder)) {
        const text = fs.readFileSync(file, 'utf8');
        for (const match of text.matchAll(/from\s+'([A-Za-z]+Strings)'/g)) imported.add(match[1]);
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    for (const name of imported) {
      expect({ name, declared: name in config.localizedResources }).toEqual({ name, declared: true });
    }
    for (const [name, resource] of Object.entries<string>(config.localizedResources)) {
      expect(resource).toMatch(/^lib\/.+\{locale\}\.js$/);
      const en = evaluateAmdStrings(fs.readFileSync(path.join(root, resource.replace(/^lib\//, '').replace('{locale}', 'en-us')), 'utf8'), name);
      const fr = evaluateAmdStrings(fs.readFileSync(path.join(root, resource.replace(/^lib\//, '').replace('{locale}', 'fr-fr')), 'utf8'), name);
      // Same keys in both languages, and really translated.
      expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
      expect(Object.keys(en).some((key) => en[key] !== fr[key])).toBe(true);
    }
  });

  test('each bundle entry point is the compiled output of its source', () => {
    for (const bundle of Object.values<any>(config.bundles)) {
      for (const component of bundle.components) {
        const source = component.entrypoint.replace(/^\.\/lib\//, '').replace(/\.js$/, '');
        expect(fs.existsSync(path.join(root, `${source}.ts`)) || fs.existsSync(path.join(root, `${source}.tsx`))).toBe(true);
      }
    }
  });
});

describe('config/package-solution.json', () => {
  const packageSolution = readJson('config/package-solution.json');
  const solution = packageSolution.solution;
  const manifests = findComponentManifests(root).map((file: string) => readJson(file));
  const customizers = manifests.filter((m: any) => m.extensionType === 'ApplicationCustomizer');

  test('identifies the suite and ships its assets inside the package, deployable to all sites', () => {
    expect(solution.id).toBe('d9724bde-9a6e-43e4-af08-d5a95bb87086');
    expect(solution.name).toBe('social-intranet-suite');
    expect(solution.title).toBe('Social intranet suite');
    expect(solution.includeClientSideAssets).toBe(true);
    expect(solution.skipFeatureDeployment).toBe(true);
    expect(packageSolution.paths.zippedPackage).toBe('solution/social-intranet-suite.sppkg');
    expect(solution.developer.mpnId).toBe('Undefined-1.22.2');
    for (const key of ['name', 'websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      expect(solution.developer[key]).toBeTruthy();
    }
    expect(solution.metadata.shortDescription.default).toBeTruthy();
    expect(solution.metadata.longDescription.default).toBeTruthy();
    expect(solution.metadata.categories.length).toBeGreaterThan(0);
  });

  test('the version follows package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(solution.version).toBe(`${pkg.version}.0`);
  });

  test('application customizers are deployed tenant-wide by ClientSideInstance.xml (and elements.xml per site)', () => {
    expect(customizers.length).toBeGreaterThan(0);
    const feature = solution.features.find((f: any) => f.id === 'fa113920-ee90-4b20-8f12-0a8bbd597485');
    expect(feature.assets.elementManifests.sort()).toEqual(['ClientSideInstance.xml', 'elements.xml']);
    const instance = fs.readFileSync(path.join(root, 'sharepoint/assets/ClientSideInstance.xml'), 'utf8');
    const elements = fs.readFileSync(path.join(root, 'sharepoint/assets/elements.xml'), 'utf8');
    for (const customizer of customizers) {
      expect(instance).toContain(`ComponentId="${customizer.id}"`);
      expect(elements).toContain(`ClientSideComponentId="${customizer.id}"`);
    }
    expect(instance).toContain('Location="ClientSideExtension.ApplicationCustomizer"');
  });

  test('asks only for Microsoft Graph scopes, each one explained in docs/build.md', () => {
    const requests: Array<{ resource: string; scope: string }> = solution.webApiPermissionRequests;
    expect(requests.length).toBeGreaterThan(0);
    const doc = fs.readFileSync(path.join(root, 'docs', 'build.md'), 'utf8');
    for (const request of requests) {
      expect(request.resource).toBe('Microsoft Graph');
      expect(doc).toMatch(new RegExp(`\\|\\s*\`${request.scope.replace('.', '\\.')}\`\\s*\\|`));
    }
    // No duplicates; adding a scope means explaining it in the docs/build.md table first.
    expect(new Set(requests.map((r) => r.scope)).size).toBe(requests.length);
  });
});
