/**
 * A small subset of CloudWatch metric math: numbers, query ids, + - * /, parentheses,
 * unary minus, ABS(x) and FILL(x, value | REPEAT). Enough for rates such as
 * `100 * FILL(errors, 0) / requests`.
 */

/** Timestamp (ms) → value. */
export type Points = Map<number, number>;
export type MathValue = number | Points;

export class MathError extends Error {}

type Token = { kind: 'num'; value: number } | { kind: 'id'; value: string } | { kind: 'op'; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/(),]))/y;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    if (!match) throw new MathError(`Unexpected character at position ${index + 1} in expression "${source}".`);
    if (match[1] !== undefined) tokens.push({ kind: 'num', value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ kind: 'id', value: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'op', value: match[3] });
    index = pattern.lastIndex;
  }
  return tokens;
}

export interface MathContext {
  /** Resolves a query id to its points. */
  resolve(id: string): Points;
  /** Every bucket start of the requested window, for FILL. */
  grid: number[];
}

function combine(a: MathValue, b: MathValue, fn: (x: number, y: number) => number): MathValue {
  if (typeof a === 'number' && typeof b === 'number') return fn(a, b);
  const out: Points = new Map();
  if (typeof a === 'number') {
    for (const [t, y] of b as Points) out.set(t, fn(a, y));
  } else if (typeof b === 'number') {
    for (const [t, x] of a) out.set(t, fn(x, b));
  } else {
    // Series combine only where both have a datapoint.
    for (const [t, x] of a) {
      const y = b.get(t);
      if (y !== undefined) out.set(t, fn(x, y));
    }
  }
  for (const [t, v] of out) if (!Number.isFinite(v)) out.delete(t);
  return out;
}

export function evaluateExpression(source: string, ctx: MathContext): MathValue {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (value: string): boolean => {
    const t = peek();
    return t?.kind === 'op' && t.value === value;
  };
  const expectOp = (value: string): void => {
    if (!isOp(value)) throw new MathError(`Expected "${value}" in expression "${source}".`);
    pos += 1;
  };

  const expr = (): MathValue => {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = (tokens[pos++] as Token).value;
      const right = term();
      left = combine(left, right, op === '+' ? (x, y) => x + y : (x, y) => x - y);
    }
    return left;
  };
  const term = (): MathValue => {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = (tokens[pos++] as Token).value;
      const right = unary();
      left = combine(left, right, op === '*' ? (x, y) => x * y : (x, y) => x / y);
    }
    return left;
  };
  const unary = (): MathValue => {
    if (isOp('-')) {
      pos += 1;
      return combine(-1, unary(), (x, y) => x * y);
    }
    return primary();
  };
  const primary = (): MathValue => {
    const token = peek();
    if (!token) throw new MathError(`Unexpected end of expression "${source}".`);
    pos += 1;
    if (token.kind === 'num') return token.value;
    if (token.kind === 'op') {
      if (token.value !== '(') throw new MathError(`Unexpected "${token.value}" in expression "${source}".`);
      const inner = expr();
      expectOp(')');
      return inner;
    }
    if (isOp('(')) return call(token.value.toUpperCase());
    return ctx.resolve(token.value);
  };
  const call = (name: string): MathValue => {
    expectOp('(');
    const first = expr();
    if (name === 'ABS') {
      expectOp(')');
      return combine(first, 0, (x) => Math.abs(x));
    }
    if (name === 'FILL') {
      expectOp(',');
      const fillToken = peek();
      let fill: number | 'REPEAT';
      if (fillToken?.kind === 'id' && fillToken.value.toUpperCase() === 'REPEAT') {
        pos += 1;
        fill = 'REPEAT';
      } else {
        const value = expr();
        if (typeof value !== 'number') throw new MathError('FILL expects a number or REPEAT as its second argument.');
        fill = value;
      }
      expectOp(')');
      if (typeof first === 'number') return first;
      const out: Points = new Map();
      let last: number | undefined;
      for (const t of ctx.grid) {
        const v = first.get(t);
        if (v !== undefined) last = v;
        const filled = v ?? (fill === 'REPEAT' ? last : fill);
        if (filled !== undefined) out.set(t, filled);
      }
      return out;
    }
    throw new MathError(`Unsupported function ${name} in expression "${source}".`);
  };

  const result = expr();
  if (pos < tokens.length) throw new MathError(`Unexpected token in expression "${source}".`);
  return result;
}

/** Query ids an expression refers to (for ordering and cycle checks). */
export function referencedIds(source: string): string[] {
  const tokens = tokenize(source);
  return tokens.flatMap((t, i) => {
    const next = tokens[i + 1];
    const isCall = next?.kind === 'op' && next.value === '(';
    return t.kind === 'id' && !isCall && t.value.toUpperCase() !== 'REPEAT' ? [t.value] : [];
  });
}
