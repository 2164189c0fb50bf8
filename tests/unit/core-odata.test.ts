import { odataString } from '../../core/odata';

describe('odataString', () => {
  it('quotes a value and doubles the quotes inside it', () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'");
    expect(odataString("''")).toBe("''''''");
    expect(odataString('plain')).toBe("'plain'");
  });
  it('cannot be escaped out of: an injected clause stays inside the literal', () => {
    const literal = odataString("x' or Title ne 'y");
    expect(literal).toBe("'x'' or Title ne ''y'");
    // Unquoted, the literal is the original text: nothing leaked out of it.
    expect(literal.slice(1, -1).replace(/''/g, "'")).toBe("x' or Title ne 'y");
  });
});
