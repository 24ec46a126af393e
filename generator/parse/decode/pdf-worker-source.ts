/**
 * The code the PDF worker thread runs, as plain JavaScript: pdfjs-dist 4.x is an ES module that
 * jest (and a CommonJS build) cannot import in-process, while a worker thread is real Node and
 * imports it natively. The worker also bounds what a hostile PDF can do: its own heap limit, and
 * the parent terminates it on a timeout.
 *
 * Per page it returns the text items (string, x/y of the baseline, width, height, font) and the
 * ruling lines the page draws (stroked segments and thin filled rectangles, in page space after
 * the current transformation matrix).
 */
export const PDF_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const { pathToFileURL } = require("node:url");
let pdfjsPromise = null;
// pdf.js's legacy build installs core-js polyfills over built-ins that Node 20 has natively:
// Array.prototype.push (a call per element, the hottest thing in the thread), JSON.parse,
// Function.prototype.toString. Its other additions (Promise.withResolvers, Set methods, DOMMatrix…)
// are what it needs on Node 20 and stay; the natives are put back once both of its modules
// (the API and the worker side, which runs in this thread) are loaded.
const natives = [[Array.prototype, "push"], [JSON, "parse"], [Function.prototype, "toString"]].map(([o, k]) => [o, k, o[k]]);
const restore = () => {
  for (const [o, k, v] of natives) if (o[k] !== v) Object.defineProperty(o, k, { value: v, writable: true, configurable: true, enumerable: false });
};
let keepArgs = null;
const load = () => (pdfjsPromise ??= (async () => {
  globalThis.pdfjsWorker = await import(pathToFileURL(workerData.pdfjsWorkerPath).href);
  const m = await import(pathToFileURL(workerData.pdfjsPath).href);
  restore();
  keepArgs = new Set([m.OPS.constructPath, m.OPS.transform]);
  return m;
})());

// pdf.js's two sides talk through a port that structured-clones every message, as a real worker
// boundary would. An operator list carries every glyph of every text run; all this thread reads of
// it are the paths and transforms. A chunk of it is copied with only those arguments (the others
// null); every other message is cloned as pdf.js sends it.
const nativeClone = globalThis.structuredClone;
globalThis.structuredClone = (obj, options) => {
  const chunk = obj && obj.chunk;
  if (keepArgs && chunk && Array.isArray(chunk.fnArray) && Array.isArray(chunk.argsArray)) {
    const fn = chunk.fnArray, args = chunk.argsArray, out = new Array(args.length);
    for (let i = 0; i < args.length; i++) out[i] = keepArgs.has(fn[i]) ? nativeClone(args[i]) : null;
    return { ...obj, chunk: { ...chunk, fnArray: fn.slice(), argsArray: out } };
  }
  // a font's converted file goes to the API side only to be drawn: nothing here draws
  if (obj && obj.action === "commonobj" && Array.isArray(obj.data) && obj.data[1] === "Font" && obj.data[2] && obj.data[2].data) {
    return nativeClone({ ...obj, data: [obj.data[0], "Font", { ...obj.data[2], data: null }] }, options);
  }
  return nativeClone(obj, options);
};

const mul = (m, n) => [m[0]*n[0]+m[2]*n[1], m[1]*n[0]+m[3]*n[1], m[0]*n[2]+m[2]*n[3], m[1]*n[2]+m[3]*n[3], m[0]*n[4]+m[2]*n[5]+m[4], m[1]*n[4]+m[3]*n[5]+m[5]];
const apply = (m, x, y) => [m[0]*x+m[2]*y+m[4], m[1]*x+m[3]*y+m[5]];

function rulesOf(ops, OPS) {
  const rules = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack = [];
  let path = [];
  const rect = (x, y, w, h) => {
    const a = apply(ctm, x, y), b = apply(ctm, x + w, y + h);
    path.push({ rect: true, x1: Math.min(a[0], b[0]), y1: Math.min(a[1], b[1]), x2: Math.max(a[0], b[0]), y2: Math.max(a[1], b[1]) });
  };
  const flush = (kind) => {
    for (const p of path) {
      if (p.rect) {
        const w = p.x2 - p.x1, h = p.y2 - p.y1;
        if (kind === "fill" && (w <= 3 || h <= 3)) {
          // a thin filled rectangle is how Word draws a border
          if (w <= 3 && h > 3) rules.push([ (p.x1 + p.x2) / 2, p.y1, (p.x1 + p.x2) / 2, p.y2 ]);
          else if (h <= 3 && w > 3) rules.push([ p.x1, (p.y1 + p.y2) / 2, p.x2, (p.y1 + p.y2) / 2 ]);
        } else if (kind === "stroke" || kind === "fill") {
          rules.push([p.x1, p.y1, p.x2, p.y1], [p.x1, p.y2, p.x2, p.y2], [p.x1, p.y1, p.x1, p.y2], [p.x2, p.y1, p.x2, p.y2]);
        }
      } else if (kind === "stroke") rules.push([p.x1, p.y1, p.x2, p.y2]);
    }
    path = [];
  };
  const { fnArray, argsArray } = ops;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i], args = argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() || [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = mul(ctm, args);
    else if (fn === OPS.constructPath) {
      const sub = args[0], coords = args[1];
      let k = 0, cx = 0, cy = 0, sx = 0, sy = 0;
      for (const op of sub) {
        if (op === OPS.rectangle) { rect(coords[k], coords[k+1], coords[k+2], coords[k+3]); k += 4; }
        else if (op === OPS.moveTo) { cx = sx = coords[k]; cy = sy = coords[k+1]; k += 2; }
        else if (op === OPS.lineTo) {
          const a = apply(ctm, cx, cy), b = apply(ctm, coords[k], coords[k+1]);
          path.push({ x1: a[0], y1: a[1], x2: b[0], y2: b[1] });
          cx = coords[k]; cy = coords[k+1]; k += 2;
        }
        else if (op === OPS.curveTo) { cx = coords[k+4]; cy = coords[k+5]; k += 6; }
        else if (op === OPS.curveTo2 || op === OPS.curveTo3) { cx = coords[k+2]; cy = coords[k+3]; k += 4; }
        else if (op === OPS.closePath) {
          const a = apply(ctm, cx, cy), b = apply(ctm, sx, sy);
          if (a[0] !== b[0] || a[1] !== b[1]) path.push({ x1: a[0], y1: a[1], x2: b[0], y2: b[1] });
          cx = sx; cy = sy;
        }
      }
    }
    else if (fn === OPS.stroke || fn === OPS.closeStroke) flush("stroke");
    else if (fn === OPS.fill || fn === OPS.eoFill) flush("fill");
    else if (fn === OPS.fillStroke || fn === OPS.eoFillStroke || fn === OPS.closeFillStroke || fn === OPS.closeEOFillStroke) flush("stroke");
    else if (fn === OPS.endPath) path = [];
    if (rules.length > 20000) break;
  }
  return rules.map((r) => r.map((v) => Math.round(v * 100) / 100));
}

async function extract({ id, data, maxPages, rulesFor }) {
  const pdfjs = await load();
  // disableFontFace: false, or pdf.js compiles every glyph's outline into paths for drawing on a
  // canvas; with the font files not sent to the API side (above) it has nothing to load either
  const task = pdfjs.getDocument({ data, isEvalSupported: false, disableFontFace: false, useSystemFonts: false, verbosity: 0, stopAtErrors: false });
  const doc = await task.promise;
  const n = Math.min(doc.numPages, maxPages);
  for (let p = 1; p <= n; p++) {
    const page = await doc.getPage(p);
    const view = page.view;
    const content = await page.getTextContent();
    const items = [];
    let chars = 0;
    for (const it of content.items) {
      if (typeof it.str !== "string" || it.str === "") continue;
      const t = it.transform;
      const size = Math.hypot(t[2], t[3]) || it.height || 10;
      items.push([it.str, Math.round(t[4] * 100) / 100, Math.round(t[5] * 100) / 100, Math.round(it.width * 100) / 100, Math.round(size * 100) / 100, it.fontName || ""]);
      chars += it.str.trim().length;
    }
    // ruling lines only where a page could hold a table or a box: operator lists cost as much as the text
    let rules = [];
    if (chars > 0 && rulesFor !== "none") {
      try { rules = rulesOf(await page.getOperatorList(), pdfjs.OPS); } catch { rules = []; }
    }
    // each page goes as soon as it is read: the caller lays it out while the next is read
    parentPort.postMessage({ id, index: p - 1, page: { width: view[2] - view[0], height: view[3] - view[1], x0: view[0], y0: view[1], items, rules } });
    page.cleanup();
  }
  const numPages = doc.numPages;
  await task.destroy();
  return { id, done: true, pages: n, numPages };
}

parentPort.on("message", (msg) => {
  extract(msg).then((r) => parentPort.postMessage(r), (e) => parentPort.postMessage({ id: msg.id, error: String((e && e.message) || e).split("\n")[0], name: e && e.name }));
});
`;
