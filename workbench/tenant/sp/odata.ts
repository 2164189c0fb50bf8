/**
 * OData v3 query options as SharePoint REST accepts them on list items:
 * a recursive-descent parser for `$filter` (AST), plus `$select`, `$expand`, `$orderby` parsing.
 * Operators and functions follow "Use OData query operations in SharePoint REST requests"
 * https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/use-odata-query-operations-in-sharepoint-rest-requests
 * (eq ne gt ge lt le and or not, startswith, substringof; datetime'...' literals; strings with '' for ').
 */
import { badRequest, notSupported } from './errors';
import { parseUtc } from './lists';

export type CmpOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

export type Literal =
  | { k: 'lit'; type: 'string'; value: string }
  | { k: 'lit'; type: 'number'; value: number }
  | { k: 'lit'; type: 'bool'; value: boolean }
  | { k: 'lit'; type: 'null'; value: null }
  | { k: 'lit'; type: 'datetime'; value: string }
  | { k: 'lit'; type: 'guid'; value: string };

export interface Prop { k: 'prop'; path: string[] }
export type Operand = Literal | Prop;

export type FilterExpr =
  | { k: 'and' | 'or'; l: FilterExpr; r: FilterExpr }
  | { k: 'not'; e: FilterExpr }
  | { k: 'cmp'; op: CmpOp; prop: Prop; lit: Literal }
  | { k: 'startswith'; prop: Prop; lit: Literal }
  | { k: 'substringof'; prop: Prop; lit: Literal }
  | { k: 'boolprop'; prop: Prop };

interface Token { t: 'lp' | 'rp' | 'comma' | 'str' | 'num' | 'ident' | 'dt' | 'guid'; v: string; pos: number }

const COMPARISON: Record<string, CmpOp> = { eq: 'eq', ne: 'ne', lt: 'lt', le: 'le', gt: 'gt', ge: 'ge' };
const FLIP: Record<CmpOp, CmpOp> = { eq: 'eq', ne: 'ne', lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const readQuoted = (start: number): [string, number] => {
    // start points at the opening quote; '' is an escaped quote.
    let j = start + 1;
    let s = '';
    for (;;) {
      if (j >= src.length) throw badRequest(`Unterminated string literal at position ${start} in $filter.`);
      const ch = src[j];
      if (ch === '\'') {
        if (src[j + 1] === '\'') {
          s += '\'';
          j += 2;
          continue;
        }
        return [s, j + 1];
      }
      s += ch;
      j++;
    }
  };
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(') {
      out.push({ t: 'lp', v: ch, pos: i++ });
    } else if (ch === ')') {
      out.push({ t: 'rp', v: ch, pos: i++ });
    } else if (ch === ',') {
      out.push({ t: 'comma', v: ch, pos: i++ });
    } else if (ch === '\'') {
      const [s, next] = readQuoted(i);
      out.push({ t: 'str', v: s, pos: i });
      i = next;
    } else if (/[-0-9]/.test(ch) && /[-0-9.]/.test(src[i + 1] || '') || /[0-9]/.test(ch)) {
      const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?[LlMmDdFf]?/.exec(src.slice(i));
      if (!m) throw badRequest(`Invalid number at position ${i} in $filter.`);
      out.push({ t: 'num', v: m[0].replace(/[LlMmDdFf]$/, ''), pos: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i)) as RegExpExecArray;
      const word = m[0];
      if ((word.toLowerCase() === 'datetime' || word.toLowerCase() === 'guid') && src[i + word.length] === '\'') {
        const [s, next] = readQuoted(i + word.length);
        out.push({ t: word.toLowerCase() === 'datetime' ? 'dt' : 'guid', v: s, pos: i });
        i = next;
      } else {
        out.push({ t: 'ident', v: word, pos: i });
        i += word.length;
      }
    } else {
      throw badRequest(`The expression "${src}" is not valid: unexpected '${ch}' at position ${i} in $filter.`);
    }
  }
  return out;
}

/** Parses a `$filter` expression into an AST (throws SpError 400 on syntax errors, 501 on unsupported parts). */
export function parseFilter(src: string): FilterExpr {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Token | undefined => toks[p];
  const isWord = (t: Token | undefined, w: string): boolean => !!t && t.t === 'ident' && t.v.toLowerCase() === w;
  const expect = (t: Token['t'], what: string): Token => {
    const tok = toks[p];
    if (!tok || tok.t !== t) throw badRequest(`Syntax error in $filter: expected ${what} at position ${tok ? tok.pos : src.length}.`);
    p++;
    return tok;
  };

  function parseOr(): FilterExpr {
    let l = parseAnd();
    while (isWord(peek(), 'or')) {
      p++;
      l = { k: 'or', l, r: parseAnd() };
    }
    return l;
  }
  function parseAnd(): FilterExpr {
    let l = parseUnary();
    while (isWord(peek(), 'and')) {
      p++;
      l = { k: 'and', l, r: parseUnary() };
    }
    return l;
  }
  function parseUnary(): FilterExpr {
    if (isWord(peek(), 'not')) {
      p++;
      return { k: 'not', e: parseUnary() };
    }
    return parsePrimary();
  }
  function parseOperand(): Operand {
    const tok = peek();
    if (!tok) throw badRequest('Syntax error in $filter: unexpected end of expression.');
    p++;
    switch (tok.t) {
      case 'str': return { k: 'lit', type: 'string', value: tok.v };
      case 'num': return { k: 'lit', type: 'number', value: Number(tok.v) };
      case 'dt': {
        const d = parseUtc(tok.v);
        if (isNaN(d.getTime())) throw badRequest(`The datetime literal '${tok.v}' in $filter is not valid.`);
        return { k: 'lit', type: 'datetime', value: d.toISOString().replace(/\.\d{3}Z$/, 'Z') };
      }
      case 'guid': return { k: 'lit', type: 'guid', value: tok.v };
      case 'ident': {
        const w = tok.v.toLowerCase();
        if (w === 'true' || w === 'false') return { k: 'lit', type: 'bool', value: w === 'true' };
        if (w === 'null') return { k: 'lit', type: 'null', value: null };
        if (peek() && peek()!.t === 'lp') throw notSupported(`the $filter function '${tok.v}' (supported: startswith, substringof)`);
        return { k: 'prop', path: tok.v.split('/') };
      }
      default:
        throw badRequest(`Syntax error in $filter at position ${tok.pos}.`);
    }
  }
  function parsePrimary(): FilterExpr {
    const tok = peek();
    if (!tok) throw badRequest('Syntax error in $filter: unexpected end of expression.');
    if (tok.t === 'lp') {
      p++;
      const e = parseOr();
      expect('rp', '")"');
      return e;
    }
    if (tok.t === 'ident' && toks[p + 1] && toks[p + 1].t === 'lp') {
      const fname = tok.v.toLowerCase();
      if (fname !== 'startswith' && fname !== 'substringof') {
        throw notSupported(`the $filter function '${tok.v}' (supported: startswith, substringof)`);
      }
      p += 2;
      const a = parseOperand();
      expect('comma', '","');
      const b = parseOperand();
      expect('rp', '")"');
      let e: FilterExpr;
      if (fname === 'startswith') {
        if (a.k !== 'prop' || b.k !== 'lit') throw badRequest('startswith expects (Field, \'text\') in $filter.');
        e = { k: 'startswith', prop: a, lit: b };
      } else {
        if (a.k !== 'lit' || b.k !== 'prop') throw badRequest('substringof expects (\'text\', Field) in $filter.');
        e = { k: 'substringof', prop: b, lit: a };
      }
      // "startswith(Title,'a') eq true" is the canonical OData v3 spelling; accept it.
      if (isWord(peek(), 'eq') || isWord(peek(), 'ne')) {
        const neg = peek()!.v.toLowerCase() === 'ne';
        p++;
        const v = parseOperand();
        if (v.k !== 'lit' || v.type !== 'bool') throw badRequest('A $filter function can only be compared with true or false.');
        return v.value !== neg ? e : { k: 'not', e };
      }
      return e;
    }
    const left = parseOperand();
    const opTok = peek();
    if (!opTok || opTok.t !== 'ident' || !COMPARISON[opTok.v.toLowerCase()]) {
      if (left.k === 'prop' && (!opTok || opTok.t === 'rp' || isWord(opTok, 'and') || isWord(opTok, 'or'))) {
        return { k: 'boolprop', prop: left };
      }
      const low = opTok && opTok.t === 'ident' ? opTok.v.toLowerCase() : '';
      if (['add', 'sub', 'mul', 'div', 'mod', 'has', 'in'].includes(low)) throw notSupported(`the $filter operator '${opTok!.v}'`);
      throw badRequest(`Syntax error in $filter: expected a comparison operator at position ${opTok ? opTok.pos : src.length}.`);
    }
    p++;
    const op = COMPARISON[opTok.v.toLowerCase()];
    const right = parseOperand();
    if (left.k === 'prop' && right.k === 'lit') return { k: 'cmp', op, prop: left, lit: right };
    if (left.k === 'lit' && right.k === 'prop') return { k: 'cmp', op: FLIP[op], prop: right, lit: left };
    if (left.k === 'prop' && right.k === 'prop') throw notSupported('comparing two fields in $filter');
    throw badRequest('Syntax error in $filter: a comparison needs a field and a value.');
  }

  if (toks.length === 0) throw badRequest('The $filter expression is empty.');
  const e = parseOr();
  if (p < toks.length) throw badRequest(`Syntax error in $filter at position ${toks[p].pos}: unexpected '${toks[p].v}'.`);
  return e;
}

/** `$select=Id,Title,Author/Title` → [['Id'], ['Title'], ['Author','Title']] */
export function parseSelect(s: string | null): string[][] | null {
  if (s === null || s.trim() === '') return null;
  const parts = s.split(',').map(x => x.trim()).filter(Boolean);
  if (parts.length === 1 && parts[0] === '*') return null;
  return parts.map(x => x.split('/').map(y => y.trim()));
}

export function parseExpand(s: string | null): string[] {
  if (!s) return [];
  return s.split(',').map(x => x.trim()).filter(Boolean);
}

export interface OrderBy { path: string[]; desc: boolean }

export function parseOrderBy(s: string | null): OrderBy[] {
  if (!s || !s.trim()) return [];
  return s.split(',').map(x => x.trim()).filter(Boolean).map(part => {
    const m = /^([A-Za-z_][A-Za-z0-9_/]*)(?:\s+(asc|desc))?$/i.exec(part);
    if (!m) throw badRequest(`The $orderby clause '${part}' is not valid.`);
    return { path: m[1].split('/'), desc: (m[2] || '').toLowerCase() === 'desc' };
  });
}

/** In-memory evaluation for small collections (lists, fields, users, groups): top-level properties only. */
export function evalFilter(e: FilterExpr, obj: Record<string, unknown>): boolean {
  const get = (p: Prop): unknown => {
    if (p.path.length !== 1) throw notSupported(`filtering this collection on '${p.path.join('/')}'`);
    const key = Object.keys(obj).find(k => k.toLowerCase() === p.path[0].toLowerCase());
    if (key === undefined) throw badRequest(`The field or property '${p.path[0]}' does not exist.`);
    return obj[key];
  };
  const norm = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v);
  switch (e.k) {
    case 'and': return evalFilter(e.l, obj) && evalFilter(e.r, obj);
    case 'or': return evalFilter(e.l, obj) || evalFilter(e.r, obj);
    case 'not': return !evalFilter(e.e, obj);
    case 'boolprop': return get(e.prop) === true;
    case 'startswith': return String(get(e.prop) ?? '').toLowerCase().startsWith(String(e.lit.value).toLowerCase());
    case 'substringof': return String(get(e.prop) ?? '').toLowerCase().includes(String(e.lit.value).toLowerCase());
    case 'cmp': {
      const a = norm(get(e.prop));
      const b = norm(e.lit.value);
      if (e.lit.type === 'null') return e.op === 'eq' ? a === null || a === undefined : e.op === 'ne' ? a !== null && a !== undefined : false;
      switch (e.op) {
        case 'eq': return a === b;
        case 'ne': return a !== b;
        case 'lt': return (a as number) < (b as number);
        case 'le': return (a as number) <= (b as number);
        case 'gt': return (a as number) > (b as number);
        case 'ge': return (a as number) >= (b as number);
      }
    }
  }
  return false;
}
