'use strict';
/**
 * A stand-in for the Azure Functions Node.js worker, enough to load the Function App's bundle as the
 * worker does and to call one of its functions: it provides `@azure/functions-core` (the module the
 * worker gives the app at run time), records what the app registers, then invokes the named
 * function's handler with a timer and a context whose log calls are recorded.
 *
 *   node tests/support/functions-host.js <bundle.js> [functionName]
 * prints one JSON object: { model, registered: [metadata], logs: [{ level, line }], error }
 */
const Module = require('module');

const [bundle, invoke] = process.argv.slice(2);
const state = { model: null, registered: [], logs: [], error: null };
const handlers = new Map();
const core = {
  setProgrammingModel(model) {
    state.model = { name: model.name, version: model.version };
  },
  getProgrammingModel() {
    return undefined;
  },
  registerFunction(metadata, handler) {
    state.registered.push(metadata);
    handlers.set(metadata.name, handler);
    return { dispose() {} };
  },
  registerHook() {
    return { dispose() {} };
  },
  log() {}
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === '@azure/functions-core') return core;
  return load.call(this, request, ...rest);
};
// The app logs its settings check with console.error at start.
console.error = (...args) => state.logs.push({ level: 'console.error', line: args.join(' ') });

async function main() {
  require(require('path').resolve(bundle));
  if (invoke) {
    const handler = handlers.get(invoke);
    if (!handler) throw new Error(`no function ${invoke} registered`);
    const record = level => line => state.logs.push({ level, line: String(line) });
    const context = { invocationId: 'test-invocation', functionName: invoke, log: record('info'), warn: record('warn'), error: record('error'), info: record('info') };
    try {
      await handler({ isPastDue: false, scheduleStatus: {} }, context);
    } catch (e) {
      state.error = e instanceof Error ? e.message : String(e);
    }
  }
}

main().then(() => process.stdout.write(JSON.stringify(state)), e => {
  state.error = `host: ${e instanceof Error ? e.stack : e}`;
  process.stdout.write(JSON.stringify(state));
});
