/**
 * Jest's Node environment runs tests in a fresh context without Node 20's web globals
 * (fetch, Headers, Request, Response, ...). PnPjs and the Graph client use them exactly as in a
 * browser, so the real ones are handed to the test context.
 */
const { TestEnvironment } = require('jest-environment-node');

const WEB_GLOBALS = [
  'fetch', 'Headers', 'Request', 'Response', 'FormData', 'Blob', 'File', 'AbortController', 'AbortSignal',
  'TextEncoder', 'TextDecoder', 'ReadableStream', 'WritableStream', 'TransformStream', 'URL', 'URLSearchParams',
  'structuredClone', 'crypto', 'performance', 'DOMException', 'EventTarget', 'Event'
];

class NodeWithWebGlobals extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of WEB_GLOBALS) {
      if (typeof globalThis[name] !== 'undefined') this.global[name] = globalThis[name];
    }
  }
}

module.exports = NodeWithWebGlobals;
