'use strict';
/**
 * Builds the Function App of the suite's unattended side (jobs/functions/): one zip holding
 * `host.json`, a `package.json` (main, no dependencies) and `dist/index.js`, the entry bundled with
 * everything it imports (the suite's code, PnPjs, the Graph client, @azure/identity,
 * @azure/functions). Deployable as is with `az functionapp deployment source config-zip`; the
 * unzipped folder is also written, for `func azure functionapp publish`.
 *
 * Only `@azure/functions-core` stays outside the bundle: the Functions Node.js worker provides it
 * to the app at run time (`@azure/functions` requires it to register the functions).
 *
 *   node tools/package-functions.js [--out <dir>]      (npm run package:jobs)
 */
const fs = require('fs');
const path = require('path');
const { builtinModules } = require('module');
const { writeZip } = require('./zip');

const ROOT = path.resolve(__dirname, '..');
const ENTRY = 'jobs/functions/index.ts';
const HOST_JSON = 'jobs/functions/host.json';
const ZIP_NAME = 'social-intranet-jobs.zip';
const BUNDLE = 'dist/index.js';
/** What the Functions worker provides; everything else is in the bundle. */
const PROVIDED_BY_WORKER = ['@azure/functions-core'];

/** The package.json of the app: the worker loads `main`; nothing to install. */
function appPackageJson() {
  const suite = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return {
    name: 'social-intranet-jobs',
    version: suite.version,
    description: 'The unattended side of the social intranet suite (the relay job), as an Azure Functions app.',
    private: true,
    license: suite.license,
    main: BUNDLE,
    engines: { node: '>=20' },
    dependencies: {}
  };
}

/** The modules a bundle requires: Node built-ins and what the worker provides, or the build is wrong. */
function requiredModules(code) {
  const names = new Set();
  for (const m of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) names.add(m[1]);
  return [...names].sort();
}

function unexpectedRequires(code) {
  const builtins = new Set(builtinModules);
  return requiredModules(code).filter(name => {
    const bare = name.replace(/^node:/, '');
    return !builtins.has(bare) && !builtins.has(bare.split('/')[0]) && !PROVIDED_BY_WORKER.includes(name);
  });
}

async function buildFunctionsPackage(outDir = path.join(ROOT, 'release', 'functions')) {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: PROVIDED_BY_WORKER,
    write: false,
    outfile: path.join(outDir, 'app', BUNDLE),
    logLevel: 'warning',
    // Readable stack traces in Application Insights; licences kept at the end of the file.
    minify: false,
    legalComments: 'eof'
  });
  const code = result.outputFiles[0].text;
  const stray = unexpectedRequires(code);
  if (stray.length > 0) throw new Error(`The bundle requires modules the zip does not hold: ${stray.join(', ')}`);

  const files = [
    { name: 'host.json', data: fs.readFileSync(path.join(ROOT, HOST_JSON)) },
    { name: 'package.json', data: Buffer.from(`${JSON.stringify(appPackageJson(), null, 2)}\n`) },
    { name: BUNDLE, data: Buffer.from(code) }
  ];
  const appDir = path.join(outDir, 'app');
  fs.rmSync(appDir, { recursive: true, force: true });
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(appDir, file.name)), { recursive: true });
    fs.writeFileSync(path.join(appDir, file.name), file.data);
  }
  const zipPath = path.join(outDir, ZIP_NAME);
  fs.writeFileSync(zipPath, writeZip(files));
  return { zipPath, appDir, files: files.map(f => ({ name: f.name, bytes: f.data.length })), zipBytes: fs.statSync(zipPath).size };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--out');
  const outDir = i >= 0 && args[i + 1] ? path.resolve(args[i + 1]) : undefined;
  buildFunctionsPackage(outDir).then(r => {
    const kb = n => `${(n / 1024).toFixed(0)} KB`;
    console.log(`wrote ${path.relative(process.cwd(), r.zipPath)} (${kb(r.zipBytes)}): ${r.files.map(f => `${f.name} ${kb(f.bytes)}`).join(', ')}`);
  }, e => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}

module.exports = { buildFunctionsPackage, appPackageJson, requiredModules, unexpectedRequires, ZIP_NAME, BUNDLE, PROVIDED_BY_WORKER };
