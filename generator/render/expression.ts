/**
 * `{{plan.region}}`-style fields in cell text, and the small conditions of `jx:if`. A field is a
 * dotted path (`item.target.value`, `plan.indicatorTables[0].title`). A field that names a property
 * the data does not have is an error (a typo in a template must not render as an empty cell);
 * a property that exists but is null renders empty.
 */

export type Scope = Readonly<Record<string, unknown>>;

/** On a scope made by childScope: the repetition variables it holds itself (the rest it inherits from its prototype). */
const OWN_NAMES = Symbol("scope variables");

/** A list of variable names, shared by every scope that holds the same ones; the list one more name makes is kept with it. */
class Names {
  private readonly more = new Map<string, Names>();
  // a repetition asks for the same next name item after item
  private lastName: string | null = null;
  private lastMore: Names = this;

  constructor(readonly list: readonly string[]) {}

  with(name: string): Names {
    if (name === this.lastName) return this.lastMore;
    let next = this.list.includes(name) ? this : this.more.get(name);
    if (!next) this.more.set(name, (next = new Names([...this.list, name])));
    this.lastName = name;
    this.lastMore = next;
    return next;
  }
}
const NO_NAMES = new Names([]);

function setName(scope: Record<string, unknown>, name: string, value: unknown): void {
  // assigning `__proto__` would replace the prototype instead of naming a variable
  if (name === "__proto__") Object.defineProperty(scope, name, { value, enumerable: true, writable: true, configurable: true });
  else scope[name] = value;
}

/**
 * The scope inside a repetition: the enclosing one plus the repetition's variable. It inherits the
 * names of the outermost scope rather than copying them (fields are read with `in` and indexing,
 * which see inherited names): copying every name into a new object, once per item, was a measurable
 * share of a 100 000-row render. A scope made here never becomes a prototype itself: a repetition
 * inside a repetition copies the few variables of the enclosing one instead, because V8 turns every
 * object first used as a prototype into a prototype map of its own, about a microsecond each — the
 * six column copies of each register row (项目 × 所在章节, 地点, 总投资 …) cost 0.6 s at 100 000 rows.
 */
export function childScope(parent: Scope, name: string, value: unknown): Scope {
  const own = (parent as { [OWN_NAMES]?: Names })[OWN_NAMES];
  let scope: Record<string | symbol, unknown>;
  if (own) {
    scope = Object.create(Object.getPrototypeOf(parent)) as Record<string | symbol, unknown>;
    const list = own.list;
    for (let i = 0; i < list.length; i++) if (list[i] !== name) setName(scope, list[i], parent[list[i]]);
  } else scope = Object.create(parent) as Record<string | symbol, unknown>;
  setName(scope, name, value);
  scope[OWN_NAMES] = (own ?? NO_NAMES).with(name);
  return scope;
}

export class UnknownFieldError extends Error {
  constructor(readonly field: string) {
    super(`unknown field "${field}"`);
  }
}

export class FieldPath {
  readonly segments: Array<string | number>;
  constructor(readonly source: string) {
    const segs: Array<string | number> = [];
    const re = /([^.[\]]+)|\[(\d+)\]/g;
    let m: RegExpExecArray | null;
    const text = source.trim();
    if (!/^[\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*|\[\d+\])*$/u.test(text)) throw new Error(`malformed field "${source}"`);
    while ((m = re.exec(text))) segs.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    this.segments = segs;
  }

  get root(): string {
    return String(this.segments[0]);
  }

  evaluate(scope: Scope): unknown {
    // Runs for every field of every output row: index the segments rather than destructure them (no array per call).
    const segments = this.segments;
    const root = segments[0] as string;
    // read first, ask `in` only for undefined: one property lookup for a field that is there, not two
    let value: unknown = scope[root];
    if (value === undefined && !(root in scope)) throw new UnknownFieldError(this.source);
    for (let i = 1; i < segments.length; i++) {
      const seg = segments[i];
      if (value === null || value === undefined) return null;
      if (typeof value !== "object" && typeof value !== "string") throw new UnknownFieldError(this.source);
      const holder = value as Record<string | number, unknown>;
      if (typeof seg === "number" || seg === "length") {
        value = holder[seg];
        continue;
      }
      if (typeof value !== "object") throw new UnknownFieldError(this.source);
      value = holder[seg];
      if (value === undefined && !(seg in holder)) throw new UnknownFieldError(this.source);
    }
    return value === undefined ? null : value;
  }
}

/** Cell text split into literal parts and fields. */
export class TextTemplate {
  /** the field, when the text is exactly one (most cells of a data row) */
  private readonly single: FieldPath | null;

  private constructor(readonly parts: Array<string | FieldPath>) {
    this.single = parts.length === 1 && parts[0] instanceof FieldPath ? parts[0] : null;
  }

  static readonly MARK = "{{";

  static compile(text: string): TextTemplate {
    const parts: Array<string | FieldPath> = [];
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf("{{", i);
      if (open < 0) {
        parts.push(text.slice(i));
        break;
      }
      if (open > i) parts.push(text.slice(i, open));
      const close = text.indexOf("}}", open + 2);
      if (close < 0) throw new Error(`unclosed "{{" in "${text}"`);
      parts.push(new FieldPath(text.slice(open + 2, close)));
      i = close + 2;
    }
    return new TextTemplate(parts);
  }

  get fields(): FieldPath[] {
    return this.parts.filter((p): p is FieldPath => p instanceof FieldPath);
  }

  /** A cell that is exactly one field keeps the value's type (a number stays a number); mixed text becomes a string. */
  render(scope: Scope): unknown {
    if (this.single) return this.single.evaluate(scope);
    let s = "";
    for (const p of this.parts) {
      if (typeof p === "string") s += p;
      else s += display(p.evaluate(scope));
    }
    return s;
  }
}

function display(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(display).join("、");
  return String(v);
}

/** `path`, `!path`, `path == 'x'`, `path != 'x'`, `path > 3` — enough to show a block or not. */
export class Condition {
  private readonly path: FieldPath;
  private readonly negate: boolean;
  private readonly op: string | null;
  private readonly literal: string | number | null;

  constructor(readonly source: string) {
    const m = /^\s*(!)?\s*([^\s=!<>]+)\s*(?:(==|!=|>=|<=|>|<)\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?)))?\s*$/.exec(source);
    if (!m) throw new Error(`malformed condition "${source}"`);
    this.negate = m[1] === "!";
    this.path = new FieldPath(m[2]);
    this.op = m[3] ?? null;
    this.literal = m[4] ?? m[5] ?? (m[6] !== undefined ? Number(m[6]) : null);
  }

  test(scope: Scope): boolean {
    const v = this.path.evaluate(scope);
    let result: boolean;
    if (!this.op) result = Array.isArray(v) ? v.length > 0 : Boolean(v);
    else {
      const a = typeof this.literal === "number" ? Number(v) : v;
      const b = this.literal;
      switch (this.op) {
        case "==": result = a === b; break;
        case "!=": result = a !== b; break;
        case ">": result = Number(a) > Number(b); break;
        case "<": result = Number(a) < Number(b); break;
        case ">=": result = Number(a) >= Number(b); break;
        default: result = Number(a) <= Number(b);
      }
    }
    return this.negate ? !result : result;
  }
}
