/**
 * Every user-facing string exists in en-US and fr-FR, with the same keys and the same
 * placeholders, and no French file simply repeats the English text of a whole sentence.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');

function loadAmd(file: string): Record<string, string> {
  const source = fs.readFileSync(file, 'utf8');
  let result: Record<string, string> = {};
  const define = (deps: unknown, factory?: () => Record<string, string>): void => {
    const make = (typeof deps === 'function' ? deps : factory) as () => Record<string, string>;
    result = make();
  };
  new Function('define', source)(define);
  return result;
}

function locFolders(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.name === 'loc' && fs.existsSync(path.join(full, 'en-us.js'))) found.push(full);
      else walk(full);
    }
  };
  for (const top of ['ui', 'webparts', 'extensions', 'workbench']) {
    if (fs.existsSync(path.join(root, top))) walk(path.join(root, top));
  }
  return found;
}

const placeholders = (s: string): string[] => (s.match(/\{\d+\}/g) || []).sort();

describe.each(locFolders().map(f => [path.relative(root, f)]))('%s', rel => {
  const dir = path.join(root, rel);
  const en = loadAmd(path.join(dir, 'en-us.js'));
  const fr = loadAmd(path.join(dir, 'fr-fr.js'));

  it('has the same keys in both languages', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });
  it('has no empty string', () => {
    for (const [key, value] of [...Object.entries(en), ...Object.entries(fr)]) {
      expect({ key, empty: typeof value !== 'string' || value.trim() === '' }).toEqual({ key, empty: false });
    }
  });
  it('keeps the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) {
      expect({ key, fr: placeholders(fr[key] || '') }).toEqual({ key, fr: placeholders(en[key]) });
    }
  });
  it('is translated: sentences differ between the languages', () => {
    const untranslated = Object.keys(en).filter(k => en[k].split(' ').length > 2 && en[k] === fr[k]);
    expect(untranslated).toEqual([]);
  });
  it('declares every key in its typings', () => {
    const typings = fs.readFileSync(path.join(dir, 'strings.d.ts'), 'utf8');
    const missing = Object.keys(en).filter(k => !new RegExp(`\\b${k}\\s*:`).test(typings));
    expect(missing).toEqual([]);
  });
});
