'use strict';
/**
 * Bundle report, after `gulp bundle --ship`: what SharePoint downloads for each component and for
 * each page, raw and gzipped (zlib level 9, roughly what the CDN serves).
 *
 * - Per component: its entry bundle; the chunks it loads at first render (the shared shell runtime
 *   `suite-shell` and its view, `*-view`, both asked for in onInit, with every split chunk they
 *   need); the chunks it loads on demand (property pane, editors, panels, the policy schema).
 *   Read from release/chunk-graph.json, which the build writes from webpack's chunk graph
 *   (tools/webpack-chunks.js).
 * - Per page: the first-render JavaScript of the components on it, each file counted once (a
 *   shared chunk is downloaded once per page, whichever component asks first).
 * - Budgets, with the figures of the build before entries were thinned (BEFORE) beside them.
 *
 * Usage: node tools/bundle-report.js [--out docs/bundle-report.md]
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const root = path.resolve(__dirname, '..');
const releaseDir = path.join(root, 'release');
const manifestsDir = path.join(releaseDir, 'manifests');
const assetsDir = path.join(releaseDir, 'assets');
const graphFile = path.join(releaseDir, 'chunk-graph.json');

/** Chunk groups a component loads at first render: the shell runtime and its view. */
const FIRST_RENDER_GROUP = /^(suite-shell|.+-view)$/;

/** The pages of the intranet, by the bundles on them (config/config.json bundle names). */
const PAGES = [
  { name: 'Home (portal header, Employee profile, Find an expert)', key: 'home', bundles: ['portal-header-application-customizer', 'employee-profile-web-part', 'expert-search-web-part'] },
  { name: 'Relay (portal header, Relay customer feedback)', key: 'relay', bundles: ['portal-header-application-customizer', 'feedback-relay-web-part'] },
  { name: 'Dashboard (portal header, Customer insights dashboard)', key: 'dashboard', bundles: ['portal-header-application-customizer', 'relay-dashboard-web-part'] },
  { name: 'Administration (portal header, Suite settings)', key: 'admin', bundles: ['portal-header-application-customizer', 'suite-settings-web-part'] },
  { name: 'Communities (portal header, Communities)', key: 'communities', bundles: ['portal-header-application-customizer', 'communities-web-part'] },
  { name: 'Teams channel tab (Customer insights dashboard)', key: 'teams', bundles: ['relay-dashboard-web-part'] },
  { name: 'Every component', key: 'all', bundles: ['portal-header-application-customizer', 'employee-profile-web-part', 'expert-search-web-part', 'feedback-relay-web-part', 'relay-dashboard-web-part', 'communities-web-part', 'suite-settings-web-part'] }
];

/** Budgets, gzipped KB. */
const BUDGETS = { entry: 50, pages: { home: 160, all: 260 } };

/**
 * The same figures for the build before this layout (commit cd03725: every view, Fluent UI, PnPjs
 * and zod inside each entry; the gate loaded the policy chunk at first render), gzipped KB.
 */
const BEFORE = {
  entries: {
    'employee-profile-web-part': 108.2, 'expert-search-web-part': 126.9, 'feedback-relay-web-part': 115.9,
    'portal-header-application-customizer': 39.6, 'relay-dashboard-web-part': 123.7, 'suite-settings-web-part': 128.5
  },
  pages: { home: 299.4, relay: 180.2, dashboard: 188.0, admin: 192.7, teams: 144.6, all: 667.5 }
};

const sizeCache = new Map();
function sizes(file) {
  if (!sizeCache.has(file)) {
    const data = fs.readFileSync(path.join(assetsDir, file));
    sizeCache.set(file, { raw: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length });
  }
  return sizeCache.get(file);
}

function total(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of new Set(files)) {
    const s = sizes(file);
    raw += s.raw;
    gzip += s.gzip;
  }
  return { raw, gzip, count: new Set(files).size };
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function readManifests() {
  if (!fs.existsSync(manifestsDir) || !fs.existsSync(assetsDir)) {
    throw new Error('release/manifests or release/assets is missing: run `gulp bundle --ship` first');
  }
  return fs
    .readdirSync(manifestsDir)
    .filter((name) => name.endsWith('.manifest.json'))
    .map((name) => JSON.parse(fs.readFileSync(path.join(manifestsDir, name), 'utf8')))
    .sort((a, b) => String(a.alias).localeCompare(String(b.alias)));
}

function readGraph() {
  if (!fs.existsSync(graphFile)) throw new Error('release/chunk-graph.json is missing: run `gulp bundle --ship` (tools/webpack-chunks.js writes it)');
  return JSON.parse(fs.readFileSync(graphFile, 'utf8'));
}

function componentKind(manifest) {
  if (manifest.componentType === 'WebPart') return 'web part';
  if (manifest.componentType === 'Extension') return `extension (${manifest.extensionType})`;
  return manifest.componentType;
}

function buildReport() {
  const manifests = readManifests();
  const graph = readGraph();
  const components = [];
  const byBundle = new Map();
  for (const manifest of manifests) {
    const resources = (manifest.loaderConfig && manifest.loaderConfig.scriptResources) || {};
    const entryId = manifest.loaderConfig && manifest.loaderConfig.entryModuleId;
    const entry = resources[entryId];
    if (!entry || entry.type !== 'path') throw new Error(`${manifest.alias}: no entry bundle in its release manifest`);
    const node = graph.entries[entryId];
    if (!node) throw new Error(`${manifest.alias}: bundle ${entryId} is not in release/chunk-graph.json (a stale build?)`);
    const firstGroups = node.groups.filter((g) => g.depth === 1 && FIRST_RENDER_GROUP.test(g.name));
    const firstFiles = [entry.path, ...firstGroups.flatMap((g) => g.files)];
    const onDemand = node.groups
      .filter((g) => firstGroups.indexOf(g) < 0)
      .map((g) => ({ name: g.name, loadedBy: g.parent || 'entry', extra: total(g.files.filter((f) => firstFiles.indexOf(f) < 0)) }));
    const strings = [];
    for (const [name, resource] of Object.entries(resources)) {
      if (resource.type !== 'localizedPath') continue;
      for (const [locale, file] of Object.entries(resource.paths || {})) strings.push({ name, locale, ...sizes(file) });
    }
    const externals = Object.entries(resources).filter(([, r]) => r.type === 'component').map(([name]) => name);
    const component = {
      alias: manifest.alias,
      bundle: entryId,
      kind: componentKind(manifest),
      entry: { file: entry.path, ...sizes(entry.path) },
      firstGroups: firstGroups.map((g) => g.name),
      firstFiles,
      first: total(firstFiles),
      onDemand,
      strings,
      externals
    };
    components.push(component);
    byBundle.set(entryId, component);
  }
  const pages = PAGES.map((page) => {
    const present = page.bundles.map((b) => byBundle.get(b)).filter(Boolean);
    const files = present.flatMap((c) => c.firstFiles);
    const sum = present.reduce((s, c) => s + c.first.gzip, 0);
    return { ...page, first: total(files), withoutSharing: sum };
  });
  // How often each file is downloaded on the "every component" page when nothing is shared.
  const copies = new Map();
  for (const c of components) for (const f of new Set(c.firstFiles)) copies.set(f, (copies.get(f) || 0) + 1);
  const shared = Array.from(copies.entries()).filter(([, n]) => n > 1).map(([file, n]) => ({ file, n, ...sizes(file) }))
    .sort((a, b) => b.gzip - a.gzip);
  return { components, pages, shared };
}

function status(value, budget) {
  return value <= budget ? 'within' : '**over**';
}

function toMarkdown(report) {
  const L = [];
  L.push('# Bundle report', '');
  L.push('Generated by `node tools/bundle-report.js` after `gulp bundle --ship` (part of `npm run package`).');
  L.push('Sizes of `release/assets/`: raw (minified) and gzipped (zlib level 9). React, React DOM, the SPFx');
  L.push('libraries and the Microsoft Graph client are provided by SharePoint and not bundled. The chunk graph');
  L.push('comes from the build (`release/chunk-graph.json`, written by `tools/webpack-chunks.js`).', '');
  L.push('## Budgets', '');
  L.push('"Before": the build before the thin entries and shared chunks (commit cd03725), same measure.', '');
  L.push('| What | Before (gzipped) | Now (gzipped) | Budget | |');
  L.push('| --- | ---: | ---: | ---: | --- |');
  for (const c of report.components) {
    const before = BEFORE.entries[c.bundle];
    L.push(`| entry of ${c.alias} | ${before ? `${before.toFixed(1)} KB` : '–'} | ${kb(c.entry.gzip)} | ${BUDGETS.entry} KB | ${status(c.entry.gzip / 1024, BUDGETS.entry)} |`);
  }
  for (const p of report.pages) {
    const budget = BUDGETS.pages[p.key];
    L.push(`| first render, ${p.name} | ${BEFORE.pages[p.key] !== undefined ? `${BEFORE.pages[p.key].toFixed(1)} KB` : '–'} | ${kb(p.first.gzip)} | ${budget ? `${budget} KB` : '–'} | ${budget ? status(p.first.gzip / 1024, budget) : ''} |`);
  }
  L.push('', '## Per component', '');
  L.push('First render: the entry, then `suite-shell` and the view, asked for together in `onInit`, with the split');
  L.push('chunks they need. On demand: loaded only when used; the size is what it adds to the first render.', '');
  L.push('| Component | Type | Entry (raw / gzipped) | First render: files, raw / gzipped | On demand (adds, gzipped) |');
  L.push('| --- | --- | ---: | --- | --- |');
  for (const c of report.components) {
    const demand = c.onDemand.map((g) => `\`${g.name}\` (from ${g.loadedBy}): ${kb(g.extra.gzip)}`).join('<br>') || 'none';
    L.push(`| ${c.alias} | ${c.kind} | \`${c.entry.file}\`<br>${kb(c.entry.raw)} / ${kb(c.entry.gzip)} | ${c.first.count} files (${c.firstGroups.map((g) => `\`${g}\``).join(', ')}), ${kb(c.first.raw)} / ${kb(c.first.gzip)} | ${demand} |`);
  }
  L.push('', '## Per page (first render, each file counted once)', '');
  L.push('| Page | Files | Raw | Gzipped | Sum of the components alone (gzipped) |');
  L.push('| --- | ---: | ---: | ---: | ---: |');
  for (const p of report.pages) L.push(`| ${p.name} | ${p.first.count} | ${kb(p.first.raw)} | ${kb(p.first.gzip)} | ${kb(p.withoutSharing)} |`);
  L.push('', '## Chunks shared at first render', '');
  L.push('| File | Components that load it | Raw | Gzipped |');
  L.push('| --- | ---: | ---: | ---: |');
  for (const s of report.shared) L.push(`| \`${s.file}\` | ${s.n} | ${kb(s.raw)} | ${kb(s.gzip)} |`);
  L.push('', '## Strings and externals per component', '');
  L.push('| Component | Localized strings (locale: raw / gzipped) | Loaded from SharePoint (not bundled) |');
  L.push('| --- | --- | --- |');
  for (const c of report.components) {
    const strings = c.strings.map((s) => `${s.name} ${s.locale}: ${kb(s.raw)} / ${kb(s.gzip)}`).join('<br>') || 'none';
    L.push(`| ${c.alias} | ${strings} | ${c.externals.join(', ') || 'none'} |`);
  }
  L.push('');
  return L.join('\n');
}

if (require.main === module) {
  const outArg = process.argv.indexOf('--out');
  const out = path.resolve(root, outArg > 0 ? process.argv[outArg + 1] : 'docs/bundle-report.md');
  try {
    const markdown = toMarkdown(buildReport());
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, markdown);
    console.log(markdown);
    console.log(`(written to ${path.relative(root, out)})`);
  } catch (e) {
    console.error(`bundle-report: ${e.message}`);
    process.exit(1);
  }
}

module.exports = { buildReport, toMarkdown, PAGES, BUDGETS };
