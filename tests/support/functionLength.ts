/**
 * Finds functions longer than a limit with the TypeScript compiler API: function declarations,
 * methods, constructors, accessors, and function or arrow expressions given a name (a variable,
 * a property, a default export). Used by tests/config/function-length.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export interface LongFunction {
  file: string;
  name: string;
  line: number;
  lines: number;
}

/** Generated data is exempt: a file whose header says so, or a data file by name. */
export function isGeneratedData(fileName: string, text: string): boolean {
  if (/\.data\.tsx?$/.test(fileName) || /(^|[\\/])generated[\\/]/.test(fileName)) return true;
  return /@generated\b/.test(text.slice(0, 500));
}

function nameOf(node: ts.Node): string | null {
  if (ts.isFunctionDeclaration(node)) return node.name ? node.name.text : 'default';
  if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
    return node.name.getText();
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isFunctionExpression(node) || ts.isArrowFunction(node)) {
    // Named by what it is assigned to, through wrappers such as useCallback(() => ...) or
    // (() => ...) as T; other callbacks count toward their enclosing function.
    let inner: ts.Node = node;
    let parent = node.parent;
    while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent)
      || (ts.isCallExpression(parent) && parent.arguments.some(a => a === inner)))) {
      inner = parent;
      parent = parent.parent;
    }
    if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
    if (parent && ts.isPropertyDeclaration(parent)) return parent.name.getText();
    if (parent && ts.isExportAssignment(parent)) return 'default';
    if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return parent.left.getText();
    return null;
  }
  return null;
}

/** The functions of one source text longer than `limit` lines (first to last line, inclusive). */
export function longFunctions(fileName: string, text: string, limit: number): LongFunction[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true,
    fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const name = nameOf(node);
      if (name !== null) {
        const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const lines = last - first + 1;
        if (lines > limit) found.push({ file: fileName, name, line: first + 1, lines });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every TypeScript file under the given folders (relative to root), generated data left out. */
export function longFunctionsUnder(root: string, folders: readonly string[], limit: number): LongFunction[] {
  const found: LongFunction[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const text = fs.readFileSync(full, 'utf8');
        const rel = path.relative(root, full).split(path.sep).join('/');
        if (!isGeneratedData(rel, text)) found.push(...longFunctions(rel, text, limit));
      }
    }
  };
  for (const folder of folders) {
    const dir = path.join(root, folder);
    if (fs.existsSync(dir)) walk(dir);
  }
  return found;
}
