'use strict';
/**
 * The layers of the suite and what each one may not import.
 *
 * Turned into `no-restricted-imports` and `no-restricted-syntax` overrides by
 * .eslintrc.js. ESLint replaces (does not merge) a rule's options when several
 * overrides match one file, so every folder gets ONE override holding its full
 * list, built here.
 *
 * Folder restrictions are written as gitignore-style groups that match a path
 * segment anywhere in the import string ("../../services/people" and
 * "../services" both hit "services"), which is what relative imports look like
 * in this repository (there are no path aliases).
 */
const { builtinModules } = require('module');

/** Shipped (or scheduled) code: never imports the dev-only workbench or the tests. */
const SHIPPED = ['webparts', 'extensions', 'core', 'services', 'ui', 'jobs'];

function folderGroup(folder) {
  return [`${folder}`, `**/${folder}`, `${folder}/**`, `**/${folder}/**`];
}

function folderPattern(folder, message) {
  return { group: folderGroup(folder), message };
}

const NO_WORKBENCH = folderPattern(
  'workbench',
  'workbench/ is dev only (local tenant, seed, local pages): shipped code never imports it.'
);
const NO_TESTS = folderPattern('tests', 'tests/ is never imported by shipped code.');

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

/** Per folder: the restricted module paths (exact names) and patterns. */
const LAYERS = {
  core: {
    paths: [
      ...nodeBuiltins.map((name) => ({
        name,
        message: 'core/ is pure domain: no Node built-ins (it runs in the browser and in tests alike).'
      })),
      { name: 'react', message: 'core/ is pure domain: no React (views live in ui/).' },
      { name: 'react-dom', message: 'core/ is pure domain: no React DOM (views live in ui/).' },
      { name: 'dompurify', message: 'core/ is pure domain: sanitising HTML is ui/SafeHtml.tsx\'s job.' },
      {
        name: '@microsoft/microsoft-graph-client',
        message: 'core/ is pure domain: Microsoft Graph is reached through services/ only.'
      }
    ],
    patterns: [
      { group: ['node:*'], message: 'core/ is pure domain: no Node built-ins.' },
      { group: ['@pnp/*', '@pnp/**'], message: 'core/ is pure domain: PnPjs belongs in services/.' },
      { group: ['@microsoft/sp-*', '@microsoft/sp-*/**'], message: 'core/ is pure domain: no SPFx packages.' },
      {
        group: ['@microsoft/microsoft-graph-client/**'],
        message: 'core/ is pure domain: Microsoft Graph is reached through services/ only.'
      },
      { group: ['react/**', 'react-dom/**'], message: 'core/ is pure domain: no React.' },
      { group: ['@fluentui/*', '@fluentui/**'], message: 'core/ is pure domain: Fluent UI belongs in ui/.' },
      { group: ['dompurify/**'], message: 'core/ is pure domain: no DOMPurify.' },
      folderPattern('services', 'core/ may not import services/: services depend on core, not the reverse.'),
      folderPattern('ui', 'core/ may not import ui/.'),
      folderPattern('webparts', 'core/ may not import web part shells.'),
      folderPattern('extensions', 'core/ may not import extension shells.'),
      folderPattern('jobs', 'core/ may not import jobs/.')
    ]
  },
  services: {
    paths: [
      { name: 'react', message: 'services/ is data access: no React (views live in ui/).' },
      { name: 'react-dom', message: 'services/ is data access: no React DOM.' }
    ],
    patterns: [
      { group: ['react/**', 'react-dom/**'], message: 'services/ is data access: no React.' },
      folderPattern('ui', 'services/ may not import ui/: views depend on services, not the reverse.'),
      folderPattern('webparts', 'services/ may not import web part shells.'),
      folderPattern('extensions', 'services/ may not import extension shells.')
    ]
  },
  ui: {
    paths: [],
    patterns: [
      folderPattern('webparts', 'ui/ may not import web part shells: shells render views, not the reverse.'),
      folderPattern('extensions', 'ui/ may not import extension shells.'),
      folderPattern('jobs', 'ui/ may not import jobs/.')
    ]
  },
  webparts: {
    paths: [],
    patterns: [folderPattern('extensions', 'web parts and extensions are separate shells: share code through ui/, services/ or core/.')]
  },
  extensions: {
    paths: [],
    patterns: [folderPattern('webparts', 'web parts and extensions are separate shells: share code through ui/, services/ or core/.')]
  },
  jobs: {
    paths: [],
    patterns: [
      folderPattern('webparts', 'jobs/ may not import web part shells.'),
      folderPattern('extensions', 'jobs/ may not import extension shells.')
    ]
  }
};

/** Options for `no-restricted-imports` in one shipped folder. */
function restrictedImportsFor(folder) {
  const layer = LAYERS[folder] || { paths: [], patterns: [] };
  return {
    paths: layer.paths,
    patterns: [...layer.patterns, NO_WORKBENCH, NO_TESTS]
  };
}

/** The one file allowed to use dangerouslySetInnerHTML: it sanitises with DOMPurify first. */
const SAFE_HTML_FILE = 'ui/SafeHtml.tsx';

const NO_INNER_HTML = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'Render HTML through ui/SafeHtml.tsx (DOMPurify), never with dangerouslySetInnerHTML.'
  },
  {
    selector: "Property[key.name='dangerouslySetInnerHTML']",
    message: 'Render HTML through ui/SafeHtml.tsx (DOMPurify), never with dangerouslySetInnerHTML.'
  },
  {
    // Clearing a node (`el.innerHTML = ''`) is harmless; writing markup is not.
    selector:
      "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]:not([right.type='Literal'][right.value=''])",
    message: 'Do not write innerHTML/outerHTML: render HTML through ui/SafeHtml.tsx (DOMPurify).'
  },
  {
    selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
    message: 'Do not use insertAdjacentHTML: render HTML through ui/SafeHtml.tsx (DOMPurify).'
  }
];

const NO_SCRIPT_URLS = [
  {
    selector: 'Literal[value=/^\\s*javascript\\s*:/i]',
    message: 'javascript: URLs are blocked by the SharePoint Online CSP and are an XSS vector.'
  },
  {
    selector: 'TemplateElement[value.raw=/^\\s*javascript\\s*:/i]',
    message: 'javascript: URLs are blocked by the SharePoint Online CSP and are an XSS vector.'
  }
];

/** Dynamic import() of the workbench is caught here (no-restricted-imports only sees static imports). */
const NO_DYNAMIC_WORKBENCH = [
  {
    selector: 'ImportExpression[source.value=/(^|\\/)(workbench|tests)(\\/|$)/]',
    message: 'Shipped code never loads workbench/ or tests/.'
  }
];

function restrictedSyntaxFor(file) {
  const allowInnerHtml = file === SAFE_HTML_FILE;
  return [...(allowInnerHtml ? [] : NO_INNER_HTML), ...NO_SCRIPT_URLS, ...NO_DYNAMIC_WORKBENCH];
}

module.exports = {
  SHIPPED,
  LAYERS,
  SAFE_HTML_FILE,
  restrictedImportsFor,
  restrictedSyntaxFor
};
