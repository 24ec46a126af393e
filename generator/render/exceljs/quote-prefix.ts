/**
 * Document text that a spreadsheet could read as a formula (`=…`, `+…`, `-…`, `@…`, also after
 * spaces) is written as a text value already; the cell also gets Excel's quote-prefix style, so a
 * clerk who edits it in Excel (F2, Enter) keeps text instead of turning it into a live formula.
 * exceljs has no quotePrefix: its style manager is taught it on the instance each writer uses (it
 * keeps every cell format as its XML, so the quoted variant is the same XML with the attribute).
 */

const EXECUTABLE = /^[\s\u3000]*[=+\-@]/;

/** Runs for every text cell written: the first character decides almost always, without a regular expression. */
export function needsQuotePrefix(value: unknown): boolean {
  if (typeof value !== "string" || value.length === 0) return false;
  const c = value.charCodeAt(0);
  if (c === 61 || c === 43 || c === 45 || c === 64) return true; // = + - @
  const space = c <= 32 || c === 0xa0 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x1680;
  return space && EXECUTABLE.test(value);
}

const quoted = new WeakMap<object, object>();
const QUOTE = "quotePrefix";

/** The cell's style with the quote prefix asked for; one object per base style, so exceljs's per-object cache still works. */
export function quotedStyle(style: unknown): object {
  const base = (style && typeof style === "object" ? style : {}) as Record<string, unknown>;
  let q = quoted.get(base);
  if (!q) quoted.set(base, (q = { ...base, [QUOTE]: true }));
  return q;
}

interface StylesManager {
  addStyleModel(model: Record<string, unknown> | undefined, cellType?: unknown): number;
  model: { styles: string[] };
  index?: { style: Record<string, number> };
  weakMap?: WeakMap<object, number>;
}

/** Teaches one exceljs style manager (StylesXform) the quote prefix. */
export function teachQuotePrefix(manager: unknown): void {
  const styles = manager as StylesManager;
  if (!styles.index || typeof styles.addStyleModel !== "function") return; // the no-styles mock: nothing to mark
  const addStyleModel = styles.addStyleModel.bind(styles);
  const variants = new Map<number, number>();
  styles.addStyleModel = (model, cellType) => {
    // a style object seen before, quoted or not, has its id: this runs once per cell written, and
    // looking for the marker on each of a template's style objects first (shapes differ) cost more
    const known = model ? styles.weakMap?.get(model) : undefined;
    if (known !== undefined) return known;
    if (!model || !model[QUOTE]) return addStyleModel(model, cellType);
    const { [QUOTE]: _q, ...plain } = model;
    const base = addStyleModel(plain, cellType);
    let id = variants.get(base);
    if (id === undefined) {
      const xml = styles.model.styles[base].replace(/^<xf\b/, `<xf ${QUOTE}="1"`);
      id = styles.index!.style[xml];
      if (id === undefined) {
        id = styles.index!.style[xml] = styles.model.styles.length;
        styles.model.styles.push(xml);
      }
      variants.set(base, id);
    }
    styles.weakMap?.set(model, id);
    return id;
  };
}
