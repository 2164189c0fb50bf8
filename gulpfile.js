'use strict';

/**
 * SPFx gulp toolchain for a repository whose code lives in webparts/, extensions/, core/, services/
 * and ui/ (not src/). See docs/build.md.
 *
 * Order matters: tasks are wired into the rig BEFORE build.initialize() (it builds the task graph),
 * folders are set AFTER it (it loads the default build config).
 */
const fs = require('fs');
const path = require('path');
const build = require('@microsoft/sp-build-web');
const { checkComponentsInConfig, checkPackage } = require('./tools/check-package');
const { writeTeamsAppPackage } = require('./tools/make-teams-app');
const { configureChunks } = require('./tools/webpack-chunks');

/** Folders compiled by tsc into lib/ and bundled (see tsconfig.json "include"). */
const SOURCE_FOLDERS = ['webparts', 'extensions', 'core', 'services', 'ui'];
/** Folders linted as part of the build: the shipped code plus the scheduled jobs. */
const LINTED_FOLDERS = [...SOURCE_FOLDERS, 'jobs'];

// ---------------------------------------------------------------------------------------------
// Lint: the built-in lint task is hard-wired to src/**; replace it with ESLint over the real
// folders. Errors fail every build (debug and --ship); warnings are printed.
// ---------------------------------------------------------------------------------------------
build.lintCmd.enabled = false;

const eslintTask = build.subTask('eslint', function (gulp, buildConfig) {
  // Loaded lazily so that `gulp --tasks` stays fast.
  const { ESLint } = require('eslint');
  const root = buildConfig.rootPath;
  const folders = LINTED_FOLDERS.filter((folder) => fs.existsSync(path.join(root, folder)));
  const eslint = new ESLint({ cwd: root, errorOnUnmatchedPattern: false });
  return eslint.lintFiles(folders.map((folder) => `${folder}/**/*.{ts,tsx}`)).then((results) => {
    let errors = 0;
    let warnings = 0;
    for (const result of results) {
      const file = path.relative(root, result.filePath);
      for (const message of result.messages) {
        const rule = message.ruleId || 'eslint';
        if (message.severity === 2) {
          errors++;
          this.fileError(file, message.line || 0, message.column || 0, rule, message.message);
        } else {
          // Reported, but not as a gulp warning: a gulp warning fails every --ship build, and the
          // brief for the build is "errors fail". `npm run lint` (--max-warnings 0) is the strict gate.
          warnings++;
          this.log(`lint warning: ${file}(${message.line || 0},${message.column || 0}): ${rule}: ${message.message}`);
        }
      }
    }
    this.log(`ESLint: ${results.length} files, ${errors} error(s), ${warnings} warning(s)`);
    if (errors > 0) {
      throw new Error(`ESLint found ${errors} error(s) in ${folders.join(', ')}`);
    }
  });
});

// Every component manifest must be bundled: fail early when config/config.json misses one.
const checkManifestsTask = build.subTask('check-manifests', function (gulp, buildConfig) {
  const problems = checkComponentsInConfig(buildConfig.rootPath);
  if (problems.length) {
    throw new Error(problems.join('\n'));
  }
  return Promise.resolve();
});

build.rig.addPreBuildTask([checkManifestsTask, eslintTask]);

// The custom Teams app package (teams/TeamsSPFxApp.zip) is rebuilt from teams/manifest.json before
// packaging; after packaging (ship), the .sppkg is checked (components, tenant-wide customizer,
// French strings, Graph scopes).
const teamsAppTask = build.subTask('teams-app-package', function (gulp, buildConfig) {
  const written = writeTeamsAppPackage(buildConfig.rootPath);
  this.log(`Teams app package: ${path.relative(buildConfig.rootPath, written.zipPath)} (${written.files.join(', ')})`);
  return Promise.resolve();
});

const checkPackageTask = build.subTask('check-package', function (gulp, buildConfig) {
  if (!buildConfig.production) {
    this.log('Not a --ship build: client-side assets are not packaged, package check skipped.');
    return Promise.resolve();
  }
  const report = checkPackage(buildConfig.rootPath);
  report.notes.forEach((note) => this.log(note));
  if (report.problems.length) {
    throw new Error(`The solution package is incomplete:\n  ${report.problems.join('\n  ')}`);
  }
  return Promise.resolve();
});

const getTasks = build.rig.getTasks;
build.rig.getTasks = function () {
  const result = getTasks.call(build.rig);

  // `gulp serve` against a tenant's hosted workbench (the local workbench is `npm start`).
  result.set('serve', result.get('serve-deprecated'));

  const packageSolution = result.get('package-solution');
  result.set('package-solution', {
    executable: build.serial(teamsAppTask, packageSolution.executable, checkPackageTask),
    arguments: packageSolution.arguments
  });

  return result;
};

build.initialize(require('gulp'));

// ---------------------------------------------------------------------------------------------
// Folders. srcFolder "." makes tsc's pass-through copy keep the folder names
// (webparts/x/loc/en-us.js -> lib/webparts/x/loc/en-us.js), matching tsconfig's rootDir ".".
// ---------------------------------------------------------------------------------------------
build.setConfig({ srcFolder: '.' });

// SPFx localized strings (AMD loc/*.js) and static assets next to the code are copied to lib/.
build.tscCmd.setConfig({
  staticMatch: [
    `{${SOURCE_FOLDERS.join(',')}}/**/loc/*.js`,
    `{${SOURCE_FOLDERS.join(',')}}/**/*.{png,jpg,jpeg,gif,svg,woff,woff2}`
  ]
});

// copy-static-assets globs <srcFolder>/**: with srcFolder "." it would copy node_modules. The tsc
// pass-through above does its job.
build.copyStaticAssets.enabled = false;

// No SCSS in this suite (theming is CSS-in-JS through Fluent UI): the sass task looks only in
// our folders and finds nothing.
build.sass.setConfig({
  sassMatch: SOURCE_FOLDERS.map((folder) => `${folder}/**/*.scss`)
});

// Thin entries, shared async chunks with named ids, and the chunk graph for the bundle report
// (tools/webpack-chunks.js, docs/build.md "Entries and shared chunks").
build.configureWebpack.mergeConfig({
  additionalConfiguration: (config) => configureChunks(config, __dirname)
});
