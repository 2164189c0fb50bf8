/**
 * gulpfile.js wires the SPFx rig for code outside src/: loading it (as `gulp --tasks-simple` does,
 * without building) must leave the src-only lint off, the ESLint and manifest checks in the build,
 * srcFolder "." and the loc files copied to lib/. A full ship build is `npm run package`.
 */
import * as path from 'path';
import { spawnSync } from 'child_process';

const root = path.resolve(__dirname, '..', '..');

const probe = `
process.argv = [process.argv[0], 'gulp', '--tasks-simple'];
require('./gulpfile.js');
const build = require(require.resolve('@microsoft/sp-build-web', { paths: [process.cwd()] }));
const tasks = build.rig.getTasks();
process.stdout.write('PROBE' + JSON.stringify({
  lintEnabled: build.lintCmd.enabled,
  copyStaticAssetsEnabled: build.copyStaticAssets.enabled,
  srcFolder: build.getConfig().srcFolder,
  staticMatch: build.tscCmd.taskConfig.staticMatch,
  sassMatch: build.sass.taskConfig.sassMatch,
  preBuild: (build.rig._preBuildTasks || []).map((t) => t.name),
  tasks: Array.from(tasks.keys())
}) + 'PROBE\\n');
`;

interface Wiring {
  lintEnabled: boolean;
  copyStaticAssetsEnabled: boolean;
  srcFolder: string;
  staticMatch: string[];
  sassMatch: string[];
  preBuild: string[];
  tasks: string[];
}

let wiring: Wiring;

beforeAll(() => {
  const run = spawnSync(process.execPath, ['-e', probe], { cwd: root, encoding: 'utf8', timeout: 60000 });
  const match = /PROBE(.*)PROBE/.exec(run.stdout);
  if (!match) {
    throw new Error(`gulpfile.js did not load:\n${run.stdout}\n${run.stderr}`);
  }
  wiring = JSON.parse(match[1]);
}, 60000);

test('the built-in lint (hard-wired to src/**) is off and ESLint runs before compiling, after the manifest check', () => {
  expect(wiring.lintEnabled).toBe(false);
  expect(wiring.preBuild).toEqual(['check-manifests', 'eslint']);
});

test('sources come from the repository root folders, not src/', () => {
  expect(wiring.srcFolder).toBe('.');
  expect(wiring.copyStaticAssetsEnabled).toBe(false);
  expect(wiring.staticMatch.some((glob) => glob.includes('src/'))).toBe(false);
  expect(wiring.staticMatch[0]).toBe('{webparts,extensions,core,services,ui}/**/loc/*.js');
  expect(wiring.sassMatch.every((glob) => !glob.startsWith('src/'))).toBe(true);
});

test('the usual SPFx tasks are there', () => {
  expect(wiring.tasks).toEqual(expect.arrayContaining(['build', 'bundle', 'package-solution', 'serve']));
});
