/**
 * The layers are enforced by lint (.eslintrc.js + tools/eslint/layers.js): every wrong-direction
 * import fails, the right direction passes. Snippets are linted in memory with a file path in each
 * folder, through the same ESLint configuration the build and `npm run lint` use.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..');

// In-memory snippets are not part of the TypeScript project: lint them without type information
// (the layer rules are syntactic) and switch off the two rules that need types.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    // ESLint 8's legacy config (.eslintrc) takes parserOptions here; its flat-config types do not list it.
    ...({ parserOptions: { project: null } } as object),
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-for-in-array': 'off'
    }
  }
});

const LAYER_RULES = ['no-restricted-imports', 'no-restricted-syntax', 'no-script-url'];

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) {
    throw new Error(`${filePath} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  }
  return result.messages
    .filter((m) => m.severity === 2 && m.ruleId !== null && LAYER_RULES.includes(m.ruleId))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

function importOf(specifier: string): string {
  return `import * as m from '${specifier}';\nexport const used = m;\n`;
}

type Case = [file: string, specifier: string];

const wrong: Case[] = [
  // core/ is pure domain.
  ['core/people.ts', '@pnp/sp'],
  ['core/people.ts', '@pnp/sp/webs'],
  ['core/people.ts', '@pnp/queryable'],
  ['core/people.ts', '@microsoft/sp-http'],
  ['core/people.ts', '@microsoft/sp-core-library'],
  ['core/people.ts', '@microsoft/microsoft-graph-client'],
  ['core/people.ts', 'react'],
  ['core/people.ts', 'react-dom'],
  ['core/people.ts', '@fluentui/react'],
  ['core/people.ts', 'dompurify'],
  ['core/people.ts', '../services/people'],
  ['core/sla/clock.ts', '../../services/people'],
  ['core/people.ts', '../ui/profile/ProfileView'],
  ['core/people.ts', '../webparts/employeeProfile/EmployeeProfileWebPart'],
  ['core/people.ts', '../extensions/portalHeader/PortalHeaderApplicationCustomizer'],
  ['core/people.ts', '../workbench/tenant/local'],
  ['core/people.ts', '../jobs/escalate'],
  ['core/people.ts', 'fs'],
  ['core/people.ts', 'path'],
  ['core/people.ts', 'crypto'],
  ['core/people.ts', 'node:crypto'],
  // services/ is data access only.
  ['services/people.ts', '../ui/SuiteRoot'],
  ['services/people.ts', '../webparts/employeeProfile/EmployeeProfileWebPart'],
  ['services/people.ts', '../extensions/portalHeader/PortalHeaderApplicationCustomizer'],
  ['services/people.ts', '../workbench/tenant/local'],
  ['services/people.ts', 'react'],
  ['services/people.ts', 'react-dom'],
  // ui/ never reaches up into shells, jobs or the workbench.
  ['ui/profile/ProfileView.tsx', '../../webparts/employeeProfile/EmployeeProfileWebPart'],
  ['ui/header/PortalHeader.tsx', '../../extensions/portalHeader/PortalHeaderApplicationCustomizer'],
  ['ui/SuiteRoot.tsx', '../workbench/app/main'],
  ['ui/SuiteRoot.tsx', '../jobs/escalate'],
  // Shells do not import each other, nor the workbench.
  ['webparts/employeeProfile/EmployeeProfileWebPart.ts', '../../extensions/portalHeader/PortalHeaderApplicationCustomizer'],
  ['extensions/portalHeader/PortalHeaderApplicationCustomizer.ts', '../../webparts/employeeProfile/EmployeeProfileWebPart'],
  ['webparts/employeeProfile/EmployeeProfileWebPart.ts', '../../workbench/app/main'],
  ['extensions/portalHeader/PortalHeaderApplicationCustomizer.ts', '../../workbench/app/main'],
  // Nothing shipped (nor jobs/) imports the workbench or the tests.
  ['jobs/escalate.ts', '../workbench/tenant/local'],
  ['services/people.ts', '../tests/support/fixtures'],
  ['ui/SafeHtml.tsx', '../workbench/app/main']
];

const right: Case[] = [
  ['core/people.ts', './format'],
  ['core/sla/clock.ts', '../people'],
  ['services/people.ts', '../core/people'],
  ['services/people.ts', '@pnp/sp'],
  ['services/people.ts', '@microsoft/microsoft-graph-client'],
  ['services/spfx.ts', '@microsoft/sp-http'],
  ['ui/profile/ProfileView.tsx', 'react'],
  ['ui/profile/ProfileView.tsx', '@fluentui/react'],
  ['ui/profile/ProfileView.tsx', '../../services/people'],
  ['ui/profile/ProfileView.tsx', '../../core/people'],
  ['ui/SafeHtml.tsx', 'dompurify'],
  ['webparts/employeeProfile/EmployeeProfileWebPart.ts', '../../ui/profile/ProfileView'],
  ['webparts/employeeProfile/EmployeeProfileWebPart.ts', '../../services/spfx'],
  ['webparts/employeeProfile/EmployeeProfileWebPart.ts', '@microsoft/sp-webpart-base'],
  ['extensions/portalHeader/PortalHeaderApplicationCustomizer.ts', '../../ui/header/PortalHeader'],
  ['jobs/escalate.ts', '../services/people'],
  ['jobs/escalate.ts', '../core/people'],
  // The workbench and the tests may import anything.
  ['workbench/app/main.tsx', '../../webparts/employeeProfile/EmployeeProfileWebPart'],
  ['workbench/server/start.ts', '../../services/people'],
  ['workbench/server/start.ts', 'fs'],
  ['tests/unit/x.test.ts', '../../workbench/tenant/local'],
  ['tests/unit/x.test.ts', '../../core/people']
];

describe('layers: wrong-direction imports fail lint', () => {
  test.each(wrong)('%s importing %s is an error', async (file, specifier) => {
    const errors = await layerErrors(file, importOf(specifier));
    expect(errors).toEqual([expect.stringContaining('no-restricted-imports')]);
  });

  test('re-exports are caught too', async () => {
    const errors = await layerErrors('core/index.ts', "export { PeopleService } from '../services/people';\n");
    expect(errors).toEqual([expect.stringContaining('no-restricted-imports')]);
  });

  test('a dynamic import of the workbench is an error', async () => {
    const errors = await layerErrors(
      'webparts/employeeProfile/EmployeeProfileWebPart.ts',
      "export const load = (): Promise<unknown> => import('../../workbench/app/main');\n"
    );
    expect(errors).toEqual([expect.stringContaining('no-restricted-syntax')]);
  });
});

describe('layers: right-direction imports pass', () => {
  test.each(right)('%s importing %s is fine', async (file, specifier) => {
    expect(await layerErrors(file, importOf(specifier))).toEqual([]);
  });
});

describe('HTML and script URLs', () => {
  const innerHtml =
    "import * as React from 'react';\n" +
    "export const Html = (p: { html: string }): JSX.Element => <div dangerouslySetInnerHTML={{ __html: p.html }} />;\n";

  test('dangerouslySetInnerHTML is an error outside ui/SafeHtml.tsx', async () => {
    for (const file of ['ui/profile/Bio.tsx', 'webparts/employeeProfile/Bio.tsx', 'extensions/portalHeader/Banner.tsx']) {
      expect(await layerErrors(file, innerHtml)).toEqual([expect.stringContaining('ui/SafeHtml.tsx')]);
    }
  });

  test('React.createElement with dangerouslySetInnerHTML is an error too', async () => {
    const code =
      "import * as React from 'react';\n" +
      "export const el = React.createElement('div', { dangerouslySetInnerHTML: { __html: '<b>x</b>' } });\n";
    expect(await layerErrors('ui/profile/Bio.tsx', code)).toEqual([expect.stringContaining('ui/SafeHtml.tsx')]);
  });

  test('ui/SafeHtml.tsx, the sanitising component, may use it', async () => {
    expect(await layerErrors('ui/SafeHtml.tsx', innerHtml)).toEqual([]);
  });

  test('the exemption is earned: ui/SafeHtml.tsx sanitises with DOMPurify what it renders', () => {
    const source = fs.readFileSync(path.join(root, 'ui', 'SafeHtml.tsx'), 'utf8');
    expect(source).toMatch(/from 'dompurify'/);
    expect(source).toMatch(/DOMPurify\.sanitize\(/);
    expect(source.match(/dangerouslySetInnerHTML/g)).toHaveLength(1);
  });

  test('writing innerHTML is an error, clearing a node is not', async () => {
    expect(await layerErrors('ui/x.ts', "export const f = (e: HTMLElement, h: string): void => { e.innerHTML = h; };\n")).toHaveLength(1);
    expect(await layerErrors('webparts/w/W.ts', "export const f = (e: HTMLElement): void => { e.innerHTML = ''; };\n")).toEqual([]);
  });

  test('script URLs (javascript:) are errors, in strings, templates and JSX', async () => {
    const cases = [
      "export const href = 'javascript:void(0)';\n",
      'export const href = `  JavaScript:alert(1)`;\n',
      "import * as React from 'react';\nexport const A = (): JSX.Element => <a href=\"javascript:void(0)\">x</a>;\n"
    ];
    for (const code of cases) {
      const errors = await layerErrors('ui/links.tsx', code);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.join('\n')).toMatch(/javascript:|Script URL/);
    }
    expect(await layerErrors('ui/links.tsx', "export const href = 'https://contoso.sharepoint.com/';\n")).toEqual([]);
  });
});

describe('the repository itself', () => {
  test('respects its layers (full config, with type information)', async () => {
    const real = new ESLint({ cwd: root, errorOnUnmatchedPattern: false });
    const results = await real.lintFiles(['webparts', 'extensions', 'core', 'services', 'ui', 'jobs'].map((f) => `${f}/**/*.{ts,tsx}`));
    expect(results.length).toBeGreaterThan(0);
    const violations = results.flatMap((r) =>
      r.messages
        .filter((m) => m.fatal || (m.ruleId !== null && LAYER_RULES.includes(m.ruleId)))
        .map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`)
    );
    expect(violations).toEqual([]);
  }, 120000);
});
