'use strict';
/**
 * Checks the SharePoint solution package after `gulp bundle --ship && gulp package-solution --ship`
 * (the gulp package-solution task runs it too). Exits non-zero when:
 *   - a component manifest under webparts/ or extensions/ is not bundled in config/config.json
 *     (or config.json points at a manifest, entry point or string file that does not exist);
 *   - a component of a manifest is missing from the .sppkg, or its bundled JS is;
 *   - the tenant-wide deployment of an application customizer is missing (ClientSideInstance.xml);
 *   - a localized resource has no fr-fr file in the package, or that file does not hold the French
 *     strings of its source (loc/fr-fr.js, compared value by value);
 *   - the Graph scopes requested by the package differ from config/package-solution.json;
 *   - the Teams app package (TeamsSPFxApp.zip) or the Teams icons are missing or stale.
 *
 * Usage: node tools/check-package.js [path/to/package.sppkg]
 */
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { readZip } = require('./zip');
const { componentIdsInTeamsManifest, filesOfTeamsManifest, TEAMS_APP_ZIP } = require('./make-teams-app');

const COMPONENT_FOLDERS = ['webparts', 'extensions'];
const LOCALES = ['en-us', 'fr-fr'];

/** JSON with // and /* *\/ comments (SPFx manifests allow them). */
function parseJsonWithComments(text) {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[++i];
      } else if (c === '"') {
        inString = false;
      }
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) i++;
      i++;
    } else {
      out += c;
    }
  }
  return JSON.parse(out);
}

function readJson(file) {
  return parseJsonWithComments(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
}

function toPosix(p) {
  return p.split(path.sep).join('/');
}

function normalizeRel(p) {
  return toPosix(path.normalize(p)).replace(/^\.\//, '');
}

/** All component manifests under webparts/ and extensions/, as root-relative posix paths. */
function findComponentManifests(root) {
  const found = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('.manifest.json')) {
        found.push(toPosix(path.relative(root, full)));
      }
    }
  };
  COMPONENT_FOLDERS.forEach((folder) => walk(path.join(root, folder)));
  return found.sort();
}

/** Evaluates an SPFx AMD string file (`define([], function () { return {...}; })`). */
function evaluateAmdStrings(source, label) {
  let value;
  const sandbox = {
    define: (deps, factory) => {
      const fn = typeof deps === 'function' ? deps : factory;
      value = typeof fn === 'function' ? fn() : fn;
    }
  };
  sandbox.define.amd = true;
  vm.runInNewContext(source, sandbox, { filename: label, timeout: 1000 });
  if (!value || typeof value !== 'object') {
    throw new Error(`${label} does not define a strings object`);
  }
  return value;
}

/** The source file of a localized resource ("lib/ui/loc/{locale}.js" -> "ui/loc/fr-fr.js"). */
function localizedSourcePath(resourcePath, locale) {
  return normalizeRel(resourcePath.replace('{locale}', locale)).replace(/^lib\//, '');
}

/**
 * Source-side check (no build needed): every component manifest is bundled by config/config.json,
 * and everything config.json points at exists.
 * @returns {string[]} problems
 */
function checkComponentsInConfig(root) {
  const problems = [];
  const config = readJson(path.join(root, 'config', 'config.json'));
  const bundled = new Map();
  for (const [bundleName, bundle] of Object.entries(config.bundles || {})) {
    for (const component of bundle.components || []) {
      const manifest = normalizeRel(component.manifest);
      bundled.set(manifest, bundleName);
      if (!fs.existsSync(path.join(root, manifest))) {
        problems.push(`config/config.json bundle "${bundleName}" names ${manifest}, which does not exist`);
      }
      const entry = normalizeRel(component.entrypoint).replace(/^lib\//, '').replace(/\.js$/, '');
      if (!['.ts', '.tsx'].some((ext) => fs.existsSync(path.join(root, entry + ext)))) {
        problems.push(`config/config.json bundle "${bundleName}" has entry point ${component.entrypoint} with no source ${entry}.ts(x)`);
      }
    }
  }
  for (const manifest of findComponentManifests(root)) {
    if (!bundled.has(manifest)) {
      problems.push(`${manifest} is not bundled: add it to "bundles" in config/config.json`);
    }
  }
  for (const [name, resourcePath] of Object.entries(config.localizedResources || {})) {
    for (const locale of LOCALES) {
      const source = localizedSourcePath(resourcePath, locale);
      if (!fs.existsSync(path.join(root, source))) {
        problems.push(`localized resource ${name}: ${source} does not exist`);
      }
    }
  }
  return problems;
}

function componentsOf(root) {
  const config = readJson(path.join(root, 'config', 'config.json'));
  const components = [];
  for (const [bundleName, bundle] of Object.entries(config.bundles || {})) {
    for (const component of bundle.components || []) {
      const manifestPath = normalizeRel(component.manifest);
      if (fs.existsSync(path.join(root, manifestPath))) {
        components.push({ bundleName, manifestPath, manifest: readJson(path.join(root, manifestPath)) });
      }
    }
  }
  return { config, components };
}

function sppkgPath(root) {
  const solution = readJson(path.join(root, 'config', 'package-solution.json'));
  const zipped = (solution.paths && solution.paths.zippedPackage) || 'solution/ClientSolution.sppkg';
  const packageDir = (solution.paths && solution.paths.packageDir) || 'sharepoint';
  return path.join(root, packageDir, zipped);
}

function xmlAttributes(xml, element) {
  const result = [];
  const re = new RegExp(`<${element}\\b([^>]*)>`, 'g');
  let match;
  while ((match = re.exec(xml))) {
    const attrs = {};
    const attrRe = /([\w:]+)="([^"]*)"/g;
    let a;
    while ((a = attrRe.exec(match[1]))) {
      attrs[a[1]] = a[2];
    }
    result.push(attrs);
  }
  return result;
}

function sameStrings(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Package-side check.
 * @param {string} root repository root
 * @param {string} [packageFile] .sppkg to check (default: the one config/package-solution.json names)
 * @returns {{problems: string[], notes: string[]}}
 */
function checkPackage(root, packageFile) {
  const problems = checkComponentsInConfig(root);
  const notes = [];
  const file = packageFile || sppkgPath(root);
  if (!fs.existsSync(file)) {
    problems.push(`${toPosix(path.relative(root, file))} does not exist: run gulp bundle --ship && gulp package-solution --ship`);
    return { problems, notes };
  }
  const entries = readZip(fs.readFileSync(file));
  const names = [...entries.keys()];
  const text = (name) => entries.get(name).toString('utf8');
  const assets = names.filter((name) => name.startsWith('ClientSideAssets/')).map((name) => name.slice('ClientSideAssets/'.length));
  notes.push(`${toPosix(path.relative(root, file))}: ${names.length} entries, ${assets.length} client-side assets`);

  const appManifestName = names.find((name) => name === 'AppManifest.xml');
  const appManifest = appManifestName ? text(appManifestName) : '';
  if (!appManifest) {
    problems.push('AppManifest.xml is missing from the package');
  }
  const solution = readJson(path.join(root, 'config', 'package-solution.json')).solution;
  const app = xmlAttributes(appManifest, 'App')[0] || {};
  if (solution.skipFeatureDeployment && app.SkipFeatureDeployment !== 'true') {
    problems.push('AppManifest.xml does not say SkipFeatureDeployment="true"');
  }
  if (app.ProductID && app.ProductID.toLowerCase() !== solution.id.toLowerCase()) {
    problems.push(`AppManifest.xml ProductID ${app.ProductID} is not the solution id ${solution.id}`);
  }

  // Components and their bundles.
  const { config, components } = componentsOf(root);
  for (const { bundleName, manifestPath, manifest } of components) {
    const id = String(manifest.id).toLowerCase();
    const componentXml = names.find((name) => name.toLowerCase().endsWith(`_${id}.xml`));
    if (!componentXml) {
      problems.push(`component ${manifest.alias} (${id}, ${manifestPath}) is not in the package`);
    } else if (!text(componentXml).includes(id)) {
      problems.push(`${componentXml} does not describe component ${id}`);
    }
    if (solution.includeClientSideAssets) {
      const bundleJs = assets.find((asset) => asset.startsWith(`${bundleName}_`) && asset.endsWith('.js'));
      if (!bundleJs) {
        problems.push(`the bundle ${bundleName}_*.js of ${manifest.alias} is not in ClientSideAssets/`);
      }
    }
  }

  // A debug build leaves unhashed, unminified bundles (and maps) in release/assets; a ship build
  // after it without `gulp clean` would package them too.
  const debugAssets = assets.filter((asset) => /\.js\.map$/.test(asset) || (/\.js$/.test(asset) && !/_[0-9a-f]{16,}\.js$/.test(asset)));
  if (debugAssets.length) {
    problems.push(`debug build output in the package (${debugAssets.join(', ')}): run gulp clean before gulp bundle --ship`);
  }

  // Tenant-wide deployment of application customizers.
  const instanceName = names.find((name) => name.endsWith('/ClientSideInstance.xml'));
  const customizers = components.filter(
    ({ manifest }) => manifest.componentType === 'Extension' && manifest.extensionType === 'ApplicationCustomizer'
  );
  if (customizers.length) {
    if (!instanceName) {
      problems.push('ClientSideInstance.xml is not in the package: application customizers would not deploy tenant-wide');
    } else {
      const instances = xmlAttributes(text(instanceName), 'ClientSideComponentInstance').map((a) =>
        String(a.ComponentId || '').toLowerCase()
      );
      for (const { manifest } of customizers) {
        if (!instances.includes(String(manifest.id).toLowerCase())) {
          problems.push(`ClientSideInstance.xml does not deploy ${manifest.alias} (${manifest.id}) tenant-wide`);
        }
      }
    }
  }

  // Localized strings: every resource has a fr-fr (and en-us) asset holding exactly the source strings.
  if (solution.includeClientSideAssets) {
    for (const [name, resourcePath] of Object.entries(config.localizedResources || {})) {
      const byLocale = {};
      for (const locale of LOCALES) {
        const asset = assets.find((a) => a.startsWith(`${name}_${locale}_`) && a.endsWith('.js'));
        if (!asset) {
          problems.push(`the ${locale} strings of ${name} are not in the package`);
          continue;
        }
        const sourceFile = path.join(root, localizedSourcePath(resourcePath, locale));
        if (!fs.existsSync(sourceFile)) continue;
        try {
          const packaged = evaluateAmdStrings(text(`ClientSideAssets/${asset}`), asset);
          const source = evaluateAmdStrings(fs.readFileSync(sourceFile, 'utf8'), sourceFile);
          byLocale[locale] = packaged;
          for (const key of Object.keys(source)) {
            if (!sameStrings(packaged[key], source[key])) {
              problems.push(`${asset}: "${key}" differs from ${localizedSourcePath(resourcePath, locale)}`);
            }
          }
        } catch (e) {
          problems.push(`${asset}: ${e.message}`);
        }
      }
      if (byLocale['en-us'] && byLocale['fr-fr']) {
        const keys = Object.keys(byLocale['en-us']);
        const translated = keys.filter((key) => !sameStrings(byLocale['en-us'][key], byLocale['fr-fr'][key]));
        if (!translated.length) {
          problems.push(`the fr-fr strings of ${name} are the English ones`);
        } else {
          notes.push(`${name}: fr-fr asset holds ${translated.length}/${keys.length} translated strings`);
        }
      }
    }
  }

  // Graph (and other API) scopes: exactly the ones package-solution.json asks for.
  const requested = (solution.webApiPermissionRequests || []).map((r) => `${r.resource}|${r.scope}`).sort();
  const packaged = xmlAttributes(appManifest, 'WebApiPermissionRequest')
    .map((r) => `${r.ResourceId}|${r.Scope}`)
    .sort();
  if (!sameStrings(requested, packaged)) {
    problems.push(`API permission requests in the package (${packaged.join(', ') || 'none'}) differ from config/package-solution.json (${requested.join(', ') || 'none'})`);
  } else {
    notes.push(`API permissions: ${packaged.map((p) => p.replace('|', ' ')).join(', ') || 'none'}`);
  }

  // Teams: icons of every Teams-capable web part, and the developer-provided Teams app package.
  const teamsWebParts = components.filter(({ manifest }) =>
    (manifest.supportedHosts || []).some((host) => host === 'TeamsTab' || host === 'TeamsPersonalApp')
  );
  for (const { manifest } of teamsWebParts) {
    for (const kind of ['color', 'outline']) {
      if (!assets.includes(`${manifest.id}_${kind}.png`)) {
        problems.push(`Teams icon ${manifest.id}_${kind}.png of ${manifest.alias} is not in the package`);
      }
    }
  }
  const teamsManifestFile = path.join(root, 'teams', 'manifest.json');
  if (fs.existsSync(teamsManifestFile)) {
    if (!assets.includes(TEAMS_APP_ZIP)) {
      problems.push(`${TEAMS_APP_ZIP} is not in the package`);
    } else {
      const teamsApp = readZip(entries.get(`ClientSideAssets/${TEAMS_APP_ZIP}`));
      const manifest = JSON.parse(fs.readFileSync(teamsManifestFile, 'utf8'));
      if (!teamsApp.has('manifest.json') || teamsApp.get('manifest.json').toString('utf8') !== fs.readFileSync(teamsManifestFile, 'utf8')) {
        problems.push(`${TEAMS_APP_ZIP} does not hold the current teams/manifest.json`);
      }
      for (const referenced of filesOfTeamsManifest(manifest)) {
        const source = path.join(root, 'teams', referenced);
        if (!teamsApp.has(referenced)) {
          problems.push(`${TEAMS_APP_ZIP} lacks ${referenced}`);
        } else if (fs.existsSync(source) && !teamsApp.get(referenced).equals(fs.readFileSync(source))) {
          problems.push(`${TEAMS_APP_ZIP} holds a stale ${referenced}`);
        }
      }
      const known = new Set(components.map(({ manifest: m }) => String(m.id).toLowerCase()));
      for (const id of componentIdsInTeamsManifest(manifest)) {
        if (!known.has(id)) {
          problems.push(`teams/manifest.json points at component ${id}, which is not in the solution`);
        }
      }
      notes.push(`Teams app package: ${[...teamsApp.keys()].join(', ')}`);
    }
  }

  return { problems, notes };
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const report = checkPackage(root, process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  report.notes.forEach((note) => console.log(note));
  if (report.problems.length) {
    console.error(`\nThe solution package is incomplete (${report.problems.length} problem(s)):`);
    report.problems.forEach((problem) => console.error(`  - ${problem}`));
    process.exit(1);
  }
  console.log('Package check passed.');
}

module.exports = {
  checkComponentsInConfig,
  checkPackage,
  findComponentManifests,
  evaluateAmdStrings,
  parseJsonWithComments,
  sppkgPath
};
