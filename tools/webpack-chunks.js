'use strict';
/**
 * How the ship build splits the suite's code (wired in gulpfile.js through
 * build.configureWebpack.mergeConfig). See docs/build.md, "Entries and shared chunks".
 *
 * - Every shell loads its view and the shared runtime with import(): only async chunks are split
 *   (an SPFx entry is an AMD module the SPFx loader loads alone; it cannot wait for initial split
 *   chunks), and the modules two async chunks share go to a shared chunk that both load. One
 *   compilation builds every bundle of the package, so a shared chunk is one file, downloaded once
 *   per page whichever component asks first (webpack's loader finds the script already in the page).
 * - Chunk ids are names (`chunkIds: 'named'`): the chunk's webpackChunkName, or for a shared chunk a
 *   name made of the chunks that share it. They do not change when an unrelated module is added,
 *   and two bundles on one page never register different code under one numeric id.
 * - The chunk graph (per entry: its file, and every chunk group it can load, with their files) is
 *   written to release/chunk-graph.json for tools/bundle-report.js.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

/**
 * Shared chunks smaller than this are not split off: a copy costs less than a request. Measured on
 * the home page's first render (gzipped): 1,500 bytes 164.1 KB, 4,000 bytes 163.1 KB, 12,000 bytes
 * 163.8 KB.
 */
const MIN_SHARED_BYTES = 4000;
/** Longest readable chunk name; longer ones end with a hash of the full name. */
const MAX_NAME = 72;

function shortName(name) {
  if (name.length <= MAX_NAME) return name;
  const hash = crypto.createHash('md5').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_NAME - 9)}-${hash}`;
}

/** Short names of the suite's chunk groups, so that a shared chunk's name lists who shares it. */
const ALIASES = {
  'suite-shell': 'shell',
  'portal-header-view': 'header',
  'employee-profile-view': 'profile',
  'expert-search-view': 'experts',
  'feedback-relay-view': 'relay',
  'relay-dashboard-view': 'dashboard',
  'suite-settings-view': 'settings',
  'relay-capture': 'capture',
  'expertise-editor': 'editor',
  'suite-policy': 'policy'
};

/** A shared chunk is named after the chunks that share it (deterministic, readable in the report). */
function sharedName(prefix) {
  return (module, chunks) => {
    const names = chunks.map((chunk) => ALIASES[chunk.name] || chunk.name || String(chunk.id)).sort();
    return shortName(`${prefix}-${names.join('.')}`);
  };
}

function splitChunksConfig() {
  return {
    chunks: 'async',
    minSize: MIN_SHARED_BYTES,
    maxAsyncRequests: 30,
    cacheGroups: {
      default: false,
      defaultVendors: false,
      vendor: {
        test: /[\\/]node_modules[\\/]/,
        minChunks: 2,
        priority: 10,
        reuseExistingChunk: true,
        name: sharedName('vendor')
      },
      shared: {
        minChunks: 2,
        priority: 0,
        reuseExistingChunk: true,
        name: sharedName('shared')
      }
    }
  };
}

function filesOf(chunks) {
  const files = new Set();
  for (const chunk of chunks) for (const file of chunk.files) if (file.endsWith('.js')) files.add(file);
  return Array.from(files).sort();
}

/** A module's source file, relative to the project (node_modules packages keep their path). */
function moduleName(module, rootPath) {
  const resource = module.nameForCondition && module.nameForCondition();
  if (!resource) return module.identifier().split('!').pop();
  const name = path.relative(rootPath, resource).split(path.sep).join('/');
  const packaged = name.lastIndexOf('node_modules/');
  return packaged >= 0 ? name.slice(packaged) : name;
}

/** The modules of every emitted JS file, with their size before minification. */
function modulesByFile(compilation, rootPath) {
  const out = {};
  for (const chunk of compilation.chunks) {
    const modules = [];
    for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
      // A concatenated module (scope hoisting) holds several source files.
      const inner = module.modules ? Array.from(module.modules) : [module];
      for (const m of inner) modules.push([moduleName(m, rootPath), m.size()]);
    }
    modules.sort((a, b) => b[1] - a[1]);
    for (const file of chunk.files) if (file.endsWith('.js')) out[file] = modules;
  }
  return out;
}

/** Every chunk group an entry can load, depth first, with the group that loads it. */
function chunkGraph(compilation, rootPath) {
  const entries = {};
  for (const [name, entrypoint] of compilation.entrypoints) {
    const groups = [];
    const seen = new Set();
    const visit = (group, parent, depth) => {
      for (const child of group.childrenIterable) {
        const key = child.name || child.id || child.debugId;
        if (seen.has(key)) continue;
        seen.add(key);
        groups.push({ name: child.name || String(key), parent, depth, files: filesOf(child.chunks) });
        visit(child, child.name || String(key), depth + 1);
      }
    };
    visit(entrypoint, null, 1);
    entries[name] = { files: filesOf(entrypoint.chunks), groups };
  }
  return { entries, modules: modulesByFile(compilation, rootPath || compilation.compiler.context) };
}

class ChunkGraphPlugin {
  constructor(outFile, rootPath) {
    this.outFile = outFile;
    this.rootPath = rootPath;
  }

  apply(compiler) {
    compiler.hooks.afterEmit.tap('SuiteChunkGraphPlugin', (compilation) => {
      fs.mkdirSync(path.dirname(this.outFile), { recursive: true });
      fs.writeFileSync(this.outFile, JSON.stringify(chunkGraph(compilation, this.rootPath), null, 1));
    });
  }
}

/**
 * One copy of a package that several dependencies carry in different versions (tslib: the
 * project's, and newer ones nested under @pnp/*): the newest, which is backward compatible.
 */
function newestCopy(pkg, rootPath, fromPackages) {
  const candidates = [rootPath, ...fromPackages.map((from) => {
    try {
      return path.dirname(require.resolve(`${from}/package.json`, { paths: [rootPath] }));
    } catch (e) {
      return null;
    }
  }).filter(Boolean)];
  let best = null;
  for (const base of candidates) {
    try {
      const file = require.resolve(`${pkg}/package.json`, { paths: [base] });
      const version = JSON.parse(fs.readFileSync(file, 'utf8')).version.split('.').map(Number);
      if (!best || version[0] > best.version[0] || (version[0] === best.version[0] && (version[1] > best.version[1] || (version[1] === best.version[1] && version[2] > best.version[2])))) {
        best = { dir: path.dirname(file), version };
      }
    } catch (e) {
      // not installed there
    }
  }
  return best && best.dir;
}

/** Applies the suite's chunking to the webpack configuration SPFx generated. */
function configureChunks(config, rootPath) {
  config.optimization = config.optimization || {};
  config.optimization.chunkIds = 'named';
  const tslib = newestCopy('tslib', rootPath, ['@pnp/core', '@fluentui/react']);
  if (tslib) {
    config.resolve = config.resolve || {};
    config.resolve.alias = { ...(config.resolve.alias || {}), tslib$: path.join(tslib, 'tslib.es6.js') };
  }
  config.optimization.splitChunks = splitChunksConfig();
  config.plugins = config.plugins || [];
  config.plugins.push(new ChunkGraphPlugin(path.join(rootPath, 'release', 'chunk-graph.json'), rootPath));
  return config;
}

module.exports = { configureChunks, splitChunksConfig, sharedName, chunkGraph, MIN_SHARED_BYTES };
