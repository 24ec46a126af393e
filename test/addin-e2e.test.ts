/**
 * End to end in a real browser: the production build of the task pane, served by the real Planbook
 * service over a temporary library of the seed documents, driven in Debian's Chromium. Excel is
 * the stand-in of test/addin-fake-excel.ts, injected through window.__PLANBOOK_TEST_HOST__ (outside
 * Office, Office.onReady answers host null and the pane looks for that hook).
 * Expectations come from the service's own answers, not from counts written here, because the
 * parser is still growing. Screenshots go to test-artifacts/.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import ts from "typescript";
import { CUSTOM_FUNCTIONS_STAND_IN, HARNESS_PATH, type CallOutcome } from "../bench/functions-harness";
import type { IndicatorsResponse, IndicatorTable, Monitoring, PlanListResponse, PlanResponse, ProjectsResponse, TargetsResponse } from "../generator/model";
import { openLibrary, type Library } from "../generator/library";
import { storeActuals } from "../generator/library/actuals";
import { startServer, type RunningServer } from "../generator/serve";

const ROOT = join(__dirname, "..");
const ARTIFACTS = join(ROOT, "test-artifacts");
const CHROMIUM = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));
const WATCHED_SEED = "jingmen-14th-five-year-plan.txt";

jest.setTimeout(240_000);

let work: string;
let library: Library;
let server: RunningServer;
let browser: Browser;
let page: Page;
let port: number;
let dist: string;
/** every request the service received, as "METHOD /path?query" */
const requests: string[] = [];

/** The service (again) on the port the pane knows: a restart after a stop. */
async function startService(): Promise<void> {
  server = await startServer({ library, port, http: true, distDir: dist, watchDir: join(work, "watched"), shutdownGraceMs: 500, onRequest: (method, url) => requests.push(`${method} ${url}`) });
  await server.watcherIdle();
}

/** A service that accepts connections and never answers: hung, as a service stuck on a huge file is. */
async function startStalledService(): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const stalled: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => stalled.listen(port, "127.0.0.1", resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        stalled.close(() => resolve());
      }),
  };
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The fake workbook module as a script that installs itself before the pane's own scripts run. */
function fakeHostScript(): string {
  const source = readFileSync(join(__dirname, "addin-fake-excel.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
  return `(() => {
    const exports = {}; const module = { exports };
    ${outputText}
    const fake = exports.createFakeExcel();
    window.__planbookFake = fake;
    // Excel with worksheet functions (Microsoft 365): the pane is their shared runtime
    ${CUSTOM_FUNCTIONS_STAND_IN}
    // A test may set window.__planbookHold to a promise: workbook writes then wait for it, so the
    // test can look at the pane while an action is under way.
    window.__PLANBOOK_TEST_HOST__ = {
      run: async (cb) => { await window.__planbookHold; return fake.run(cb); },
      settings: exports.createFakeSettings(),
      capabilities: { autofitColumns: true, customFunctions: true },
    };
  })();`;
}

type TableDump = { id: string; name: string; sheet: string; row: number; column: number; rowCount: number; values: unknown[][] };
const workbookTables = () =>
  page.evaluate(() => {
    const fake = (window as any).__planbookFake;
    return fake.tables().map((t: any) => ({ ...t, values: fake.tableValues(t.id) }));
  }) as Promise<TableDump[]>;

async function statusAfter(action: () => Promise<unknown>): Promise<string> {
  await page.evaluate(() => ((document.getElementById("status") as HTMLElement).dataset.kind = "idle"));
  await action();
  await page.waitForFunction(() => ["success", "error"].includes((document.getElementById("status") as HTMLElement).dataset.kind ?? ""), null, { timeout: 30_000 });
  return (await page.textContent("#status")) ?? "";
}

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `addin-${name}.png`), fullPage: true });
const columnLetters = (i: number): string => (i < 26 ? "" : columnLetters(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));

/**
 * The fake workbook's table drawn as a sheet (values and the colours the writers set), to look at
 * what a clerk would see in Excel; it is the stand-in's state, not Excel's rendering.
 */
async function showTable(table: TableDump, name: string): Promise<void> {
  const styles = (await page.evaluate(
    ([sheet, address]) => (window as any).__planbookFake.cellStyles(sheet, address),
    [table.sheet, `${columnLetters(table.column)}${table.row + 1}:${columnLetters(table.column + (table.values[0] as unknown[]).length - 1)}${table.row + table.rowCount}`] as const,
  )) as Array<Array<{ fill: string | null; font: string | null; bold: boolean }>>;
  const escape = (v: unknown) => String(v).replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
  const rows = table.values
    .map((row, r) => `<tr>${row.map((cell, c) => { const s = styles[r][c]; const tag = r === 0 ? "th" : "td"; return `<${tag} style="${s.fill ? `background:${s.fill};` : ""}${s.font ? `color:${s.font};` : ""}${s.bold ? "font-weight:bold;" : ""}${typeof cell === "number" ? "text-align:right;" : ""}">${escape(cell)}</${tag}>`; }).join("")}</tr>`)
    .join("");
  const sheet = await browser.newPage({ viewport: { width: 2400, height: 800 } });
  try {
    await sheet.setContent(`<html><body style="font:12px 'Noto Sans CJK SC',sans-serif;margin:8px"><div>${escape(table.sheet)} · ${escape(table.name)}</div><table style="border-collapse:collapse">${rows}</table><style>th{background:#107c41;color:#fff}td,th{border:1px solid #ccc;padding:2px 4px;max-width:260px;vertical-align:top}</style></body></html>`);
    await sheet.screenshot({ path: join(ARTIFACTS, `addin-${name}.png`), fullPage: true });
  } finally {
    await sheet.close();
  }
}

beforeAll(async () => {
  if (!CHROMIUM) throw new Error("Chromium is not installed (apt-get install chromium); the end-to-end test needs it");
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "planbook-addin-e2e-"));
  dist = join(work, "dist");
  execFileSync(process.execPath, [join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--env", `outDir=${dist}`], { cwd: ROOT, stdio: "pipe" });

  library = openLibrary(join(work, "library.db"));
  for (const seed of readdirSync(join(ROOT, "seeds"))) {
    if (seed.endsWith(".txt") && seed !== WATCHED_SEED) await library.ingestFile(join(ROOT, "seeds", seed));
  }
  const watched = join(work, "watched");
  mkdirSync(watched);
  copyFileSync(join(ROOT, "seeds", WATCHED_SEED), join(watched, WATCHED_SEED));
  // a free port, kept: the pane is restarted against the same address after outages
  const probe = await startServer({ library, port: 0, http: true });
  port = Number(new URL(probe.url).port);
  await probe.close();
  await startService();

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"], // playwright gives every launch a fresh temporary profile
  });
  page = await browser.newPage({ viewport: { width: 420, height: 900 }, locale: "zh-CN" });
  await page.addInitScript({ content: fakeHostScript() });
  await page.goto(`${server.url}/taskpane.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  library?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** the rows of the pane's preview table, cell texts */
const previewRows = () => page.locator("#indicator-preview tbody tr").evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent ?? "")));
const previewHeader = () => page.locator("#indicator-preview thead th").allTextContents();
const planOf = async (match: (p: PlanListResponse["plans"][number]) => boolean) => {
  const plan = (await api<PlanListResponse>("/api/plans")).plans.find(match);
  if (!plan) throw new Error("plan not in the library");
  return plan;
};

test("connects to the service and lists its plans", async () => {
  const plans = await api<PlanListResponse>("/api/plans");
  expect(plans.total).toBeGreaterThan(0);
  expect(await page.getAttribute("body", "data-host")).toBe("excel");
  expect(await page.textContent("#connection")).toContain(`已连接 · ${plans.total} 份规划`);
  // every plan, not the first page: the pane pages through the list
  expect(await page.locator("#plan-list li[data-plan-id]").count()).toBe(plans.total);
  expect(await page.locator("#plan-list-partial").count()).toBe(0);
  await shot("1-plans");
});

test("search hits show region · period · table, unit, target and 属性, best first", async () => {
  await page.click("#tab-search");
  await page.fill("#search-q", "城镇化率");
  await page.selectOption("#search-type", "indicator");
  await page.click("#search-form button[type=submit]");
  await page.waitForSelector("#search-results[data-state=ready]");
  const expected = await api<{ results: Array<{ name: string; region: string; period: { label: string }; context: string; indicator?: { unit: string; target: { raw: string } | null; attribute: string } }> }>(
    `/api/search?q=${encodeURIComponent("城镇化率")}&type=indicator`,
  );
  const items = page.locator("#search-results li[data-plan-id]");
  expect(await items.count()).toBe(expected.results.length);
  expect(expected.results.length).toBeGreaterThan(1);
  for (const [i, hit] of expected.results.entries()) {
    const text = (await items.nth(i).textContent()) ?? "";
    expect(text).toContain(hit.name);
    expect(text).toContain(`${hit.region} · ${hit.period.label} · ${hit.context}`);
    expect(text).toContain(`单位 ${hit.indicator!.unit}`);
    if (hit.indicator!.target) expect(text).toContain(`目标 ${hit.indicator!.target.raw}`);
    expect(text).toContain(hit.indicator!.attribute);
  }
  await shot("2-search");
});

test("inserting a search hit's value writes a live =PLANBOOK.VALUE where Excel has worksheet functions", async () => {
  await page.evaluate(() => (window as any).__planbookFake.select("Sheet1", "A30"));
  const first = page.locator("#search-results li[data-plan-id]").first();
  const name = (await first.locator("div").first().textContent())!;
  const status = await statusAfter(() => first.locator("[data-action=insert-value]").click());
  expect(status).toContain("=PLANBOOK.VALUE(");
  const cell = await page.evaluate(() => (window as any).__planbookFake.cellValues("Sheet1", "A30")[0][0]);
  expect(cell).toMatch(new RegExp(`^FORMULA:=PLANBOOK\\.VALUE\\("[^"]+","[^"]+","${name.replace(/[()（）*]/g, ".")}","(目标|年均)"\\)$`));
  // and that formula answers: the same stand-in Excel calls the function the pane registered
  const formula = String(cell).replace(/^FORMULA:=PLANBOOK\.VALUE\(/, "").replace(/\)$/, "");
  const args = JSON.parse(`[${formula}]`) as string[];
  const outcome = (await page.evaluate((a) => (window as any).__call("VALUE", ...a), args)) as CallOutcome;
  expect(outcome.ok).toBe(true);
});

describe("with the watched plan", () => {
  let planId: string;
  let indicators: IndicatorsResponse;
  let own: IndicatorTable;
  let review: IndicatorTable;

  beforeAll(async () => {
    planId = (await planOf((p) => p.sourcePath.endsWith(WATCHED_SEED))).id;
    indicators = await api<IndicatorsResponse>(`/api/plans/${planId}/indicators`);
    own = indicators.tables.find((t) => t.role === "targets")!;
    review = indicators.tables.find((t) => t.role === "review")!;
    expect(own && review).toBeTruthy(); // 荆门's 十四五 outline has both
  });

  test("previews the plan's own table first, with its own years and every column, figures marked with their kind", async () => {
    await page.click("#tab-plans");
    await page.click(`#plan-list li[data-plan-id="${planId}"]`);
    await page.waitForSelector("#preview-title");
    const plan = await api<PlanResponse>(`/api/plans/${planId}`);
    expect(await page.textContent("#preview-title")).toBe(plan.plan.title);
    // the default is the plan's own targets table, not the review of the previous plan listed first
    expect(await page.inputValue("#indicator-table")).toBe(String(indicators.tables.indexOf(own)));
    expect(await page.textContent("#indicator-years")).toContain(`基期 ${own.baseYear}年 · 目标 ${own.targetYear}年`);
    const figureHeaders = own.columnInfo.filter((c) => ["baseline", "target", "rate"].includes(c.meaning)).map((c) => c.header);
    const header = await previewHeader();
    expect(header[0]).toBe("指标");
    expect(header.slice(2, 2 + figureHeaders.length).every((h, i) => h.includes(figureHeaders[i]))).toBe(true);
    const rows = await previewRows();
    expect(rows).toHaveLength(own.indicators.length);
    const gdp = rows.find((r) => r[0] === "地区生产总值（GDP）增长")!;
    const gdpRow = own.indicators.find((i) => i.name === "地区生产总值（GDP）增长")!;
    // the 年均 figure (7) is shown in its own column with its kind: the old preview showed an empty 目标
    // 2020年 growth (-5) is a yearly rate too: the kind follows the figure, not the column
    expect(gdp).toEqual([gdpRow.name, gdpRow.unit, `${gdpRow.baseline!.raw}年增速`, "", `${gdpRow.rate!.raw}年增速`, gdpRow.attribute]);
    const urban = rows.find((r) => r[0] === "常住人口城镇化率")!;
    expect(urban[4]).toBe("[4]累计");
    expect(await page.locator("#indicator-preview td .pb-kind").count()).toBeGreaterThan(5);
    expect(await page.locator("#box-list li").count()).toBe(plan.boxes.filter((b) => b.count > 0).length);
    await shot("3-preview");

    // the review table: its own years and its actual columns
    await page.selectOption("#indicator-table", String(indicators.tables.indexOf(review)));
    expect(await previewRows()).toHaveLength(review.indicators.length);
    const reviewHeader = await previewHeader();
    for (const column of review.columnInfo.filter((c) => c.meaning === "actual")) expect(reviewHeader.some((h) => h.includes(column.header))).toBe(true);
    expect(await page.textContent("#indicator-years")).toContain(`目标 ${review.targetYear}年`);
    await page.locator("#indicator-table").scrollIntoViewIfNeeded();
    await shot("3b-preview-review-table");
    await page.selectOption("#indicator-table", String(indicators.tables.indexOf(own)));
  });

  test("inserts exactly the table shown, as one Excel Table with that table's columns", async () => {
    await page.evaluate(() => (window as any).__planbookFake.select("Sheet1", "B2"));
    const status = await statusAfter(() => page.click("#insert-indicators"));
    expect(status).toContain(`已插入 ${own.indicators.length} 行`);
    const [table] = await workbookTables();
    expect(table).toMatchObject({ sheet: "Sheet1", row: 1, column: 1, rowCount: own.indicators.length + 1 });
    const header = table.values[0] as string[];
    expect(header.slice(0, 4)).toEqual(["类别", "序号", "指标名称", "单位"]);
    const col = (name: string) => header.indexOf(name);
    const rate = own.columnInfo.find((c) => c.meaning === "rate")!.header;
    const rateHeader = header.find((h) => h.endsWith(rate))!;
    expect(col(rateHeader)).toBeGreaterThan(0);
    const gdp = table.values.find((r) => r[2] === "地区生产总值（GDP）增长")!;
    expect([gdp[col(rateHeader)], gdp[col(`${rateHeader}（原文）`)], gdp[col(`${rateHeader}（类型）`)]]).toEqual([7, "7", "年增速"]);
    const urban = table.values.find((r) => r[2] === "常住人口城镇化率")!;
    expect([urban[col(`${rateHeader}（原文）`)], urban[col(`${rateHeader}（类型）`)]]).toEqual(["[4]", "累计"]);
    // none of the review table's rows
    expect(table.values.slice(1).map((r) => r[2])).toEqual(own.indicators.map((i) => i.name));
    await shot("4-inserted-indicators");
  });

  test("asks before writing over the user's cells, and leaves them when told no", async () => {
    await page.evaluate(() => {
      const fake = (window as any).__planbookFake;
      fake.setCell("Sheet1", "Z3", "我的数据");
      fake.select("Sheet1", "Z1");
    });
    await page.click("#insert-targets");
    await page.waitForSelector("#confirm:not([hidden])");
    expect(await page.textContent("#confirm-text")).toContain("已有内容");
    await shot("5-confirm-overwrite");
    await page.click("#confirm-no");
    expect(await page.textContent("#status")).toContain("已取消");
    expect(await page.evaluate(() => (window as any).__planbookFake.cellValues("Sheet1", "Z3")[0][0])).toBe("我的数据");
    expect(await workbookTables()).toHaveLength(1);
  });

  test("inserts the project register on a new sheet", async () => {
    const projects = await api<ProjectsResponse>(`/api/plans/${planId}/projects`);
    await page.check('input[name="where"][value="newSheet"]');
    expect(projects.projects.length).toBeGreaterThan(0); // the seed has project boxes
    const status = await statusAfter(() => page.click("#insert-projects"));
    expect(status).toContain(`已插入 ${projects.projects.length} 行`);
    const tables = await workbookTables();
    const register = tables.find((t) => t.sheet !== "Sheet1")!;
    expect(register.rowCount).toBe(projects.projects.length + 1);
    expect(register.values.slice(1).map((r) => r[4])).toEqual(projects.projects.map((p) => p.name));
  });

  test("a work report's targets are previewed list by list with value, unit, comparator and line, and one list inserted", async () => {
    const report = await planOf((p) => p.kind === "work-report" && p.region === "荆门市");
    const targets = await api<TargetsResponse>(`/api/plans/${report.id}/targets`);
    await page.click("#tab-plans");
    await page.click(`#plan-list li[data-plan-id="${report.id}"]`);
    await page.waitForSelector("#preview[data-state=ready] #preview-title");
    const lists = { annualTargets: targets.annualTargets, lastYearResults: targets.lastYearResults, tasks: targets.tasks };
    for (const [key, list] of Object.entries(lists)) {
      expect(await page.locator(`[data-list=${key}] tbody tr`).count()).toBe(list.length);
    }
    const jobs = targets.annualTargets.find((t) => t.metric === "城镇新增就业")!;
    const row = await page.locator("[data-list=annualTargets] tbody tr", { hasText: "城镇新增就业" }).locator("td").allTextContents();
    expect(row).toEqual(["城镇新增就业", "5.5", "万人", "≥ 以上", jobs.raw, `第 ${jobs.line} 行`]);
    await page.locator("[data-list=annualTargets]").scrollIntoViewIfNeeded();
    await shot("8-work-report-targets");
    await page.selectOption("#target-list", "annualTargets");
    const status = await statusAfter(() => page.click("#insert-targets"));
    expect(status).toContain(`已插入 ${targets.annualTargets.length} 行`);
    const inserted = (await workbookTables()).at(-1)!;
    expect(inserted.values.slice(1).map((r) => r[1])).toEqual(targets.annualTargets.map((t) => t.metric));
    await page.click(`#plan-list li[data-plan-id="${planId}"]`);
    await page.waitForSelector("#preview[data-state=ready] #indicator-table");
  });

  test("one workbook action at a time: while a refresh runs, insert and refresh are disabled and the status says what runs", async () => {
    await page.click("#tab-tables");
    await page.evaluate(() => {
      const w = window as any;
      w.__planbookHold = new Promise<void>((resolve) => (w.__planbookRelease = resolve));
    });
    await page.click("#refresh-all");
    await page.waitForSelector("body[data-busy=true]");
    expect(await page.textContent("#status")).toMatch(/^正在刷新/);
    for (const button of ["#refresh-all", "#insert-indicators", "#insert-projects", "#insert-targets"]) {
      expect(await page.isDisabled(button)).toBe(true);
    }
    const tablesBefore = (await workbookTables()).length;
    const status = await statusAfter(() =>
      page.evaluate(() => {
        const w = window as any;
        w.__planbookHold = undefined;
        w.__planbookRelease();
      }),
    );
    expect(status).toMatch(/已刷新 3 个表格/);
    await page.waitForSelector("body:not([data-busy])");
    for (const button of ["#refresh-all", "#insert-indicators", "#insert-projects", "#insert-targets"]) {
      expect(await page.isDisabled(button)).toBe(false);
    }
    expect(await workbookTables()).toHaveLength(tablesBefore);
  });

  test("after the document changes on disk: a newer-revision badge, one table refreshed, then all", async () => {
    const before = await api<PlanResponse>(`/api/plans/${planId}`);
    // Cut the document after its first third: the indicator table stays, most project boxes go.
    const file = join(work, "watched", WATCHED_SEED);
    const lines = readFileSync(file, "utf8").split("\n");
    writeFileSync(file, lines.slice(0, Math.ceil(lines.length / 3)).join("\n"));
    let after = before;
    for (let i = 0; i < 100 && after.plan.revision === before.plan.revision; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await server.watcherIdle();
      after = await api<PlanResponse>(`/api/plans/${planId}`);
    }
    expect(after.plan.revision).toBe(before.plan.revision + 1);

    // the tab asks the library again when opened: both tables of this plan are stale
    await page.click("#tab-plans");
    await page.click("#tab-tables");
    const stale = page.locator(`#table-list li[data-stale=true]`);
    await stale.first().waitFor();
    expect(await stale.count()).toBe(2);
    expect(await stale.first().locator("[data-badge=newer]").textContent()).toBe(`有新版本：第 ${after.plan.revision} 版`);
    expect(await page.textContent("#tables-summary")).toContain("2 个表格在规划库中有新版本");
    await shot("6a-newer-revision-badge");

    const [indicatorTable] = await workbookTables();
    const status = await statusAfter(() => page.locator(`#table-list li[data-table-id="${indicatorTable.id}"] [data-action=refresh-one]`).click());
    expect(status).toBe("已刷新 1 个表格。");
    expect(await page.getAttribute(`#table-list li[data-table-id="${indicatorTable.id}"]`, "data-stale")).toBe("false");
    expect(await page.locator(`#table-list li[data-table-id="${indicatorTable.id}"] [data-badge=current]`).count()).toBe(1);
    expect(await stale.count()).toBe(1); // the register still waits

    expect(await statusAfter(() => page.click("#refresh-all"))).toMatch(/已刷新 \d+ 个表格/);
    expect(await stale.count()).toBe(0);
    const freshIndicators = await api<IndicatorsResponse>(`/api/plans/${planId}/indicators`);
    const freshProjects = await api<ProjectsResponse>(`/api/plans/${planId}/projects`);
    const tables = await workbookTables();
    const indicatorRows = freshIndicators.tables.find((t) => t.title === own.title)!.indicators.length;
    expect(tables.find((t) => t.id === indicatorTable.id)!.rowCount).toBe(Math.max(indicatorRows, 1) + 1);
    const register = tables.find((t) => t.sheet !== "Sheet1" && t.name.startsWith("项目_"));
    expect(register).toBeDefined(); // inserted by the test before
    expect(register!.rowCount).toBe(Math.max(freshProjects.projects.length, 1) + 1);
    expect(register!.values.slice(1).map((r) => r[4]).filter((v) => v !== "")).toEqual(freshProjects.projects.map((p) => p.name));
    const listed = await page.locator("#table-list li").allTextContents();
    expect(listed.join("\n")).toContain(`第 ${after.plan.revision} 版`);
    expect(listed.join("\n")).toContain("上次刷新");
    await shot("6-refreshed");
  });
});

describe("the worksheet functions, loaded on their own with a stand-in CustomFunctions runtime", () => {
  let harness: Page;
  let jingmen: IndicatorTable;
  const call = (id: string, ...args: unknown[]) => harness.evaluate(([fn, a]) => (window as any).__call(fn, ...(a as unknown[])), [id, args] as const) as Promise<CallOutcome>;

  beforeAll(async () => {
    harness = await browser.newPage();
    await harness.addInitScript({ content: CUSTOM_FUNCTIONS_STAND_IN });
    await harness.goto(`${server.url}${HARNESS_PATH}`);
    await harness.addScriptTag({ url: "/functions.js" });
    const plan = await planOf((p) => p.region === "荆门市" && p.period.label === "十四五");
    jingmen = (await api<IndicatorsResponse>(`/api/plans/${plan.id}/indicators`)).tables.find((t) => t.role === "targets")!;
  });
  afterAll(() => harness?.close());

  test("functions.json is generated from the source and names exactly the functions the bundle associates", async () => {
    const registered = await harness.evaluate(() => Object.keys((window as any).__registered).sort());
    expect(registered).toEqual(["PROJECTS", "TABLE", "TARGETS", "VALUE"]);
    const metadata = JSON.parse(readFileSync(join(dist, "functions.json"), "utf8")) as { functions: Array<{ id: string; parameters: Array<{ name: string; optional?: boolean }>; result: { dimensionality?: string } }> };
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(registered);
    const value = metadata.functions.find((f) => f.id === "VALUE")!;
    expect(value.parameters.map((p) => [p.name, Boolean(p.optional)])).toEqual([["region", false], ["plan", false], ["indicator", false], ["field", true]]);
    expect(metadata.functions.find((f) => f.id === "TABLE")!.result.dimensionality).toBe("matrix");
    // every file the manifest names is served
    for (const path of ["/functions.js", "/functions.json", "/taskpane.html"]) expect((await fetch(`${server.url}${path}`)).status).toBe(200);
  });

  test("200 =PLANBOOK.VALUE calls issued together make one HTTP request, and recalculating makes none", async () => {
    const rows = jingmen.indicators.filter((i) => i.unit && i.attribute);
    const calls = Array.from({ length: 200 }, (_, i) => ["荆门市", "十四五", rows[i % rows.length].name, i % 2 ? "属性" : "单位"]);
    const before = requests.length;
    const outcomes = (await harness.evaluate((list) => Promise.all(list.map((args) => (window as any).__call("VALUE", ...args))), calls)) as CallOutcome[];
    expect(requests.slice(before)).toEqual(["POST /api/lookup"]);
    outcomes.forEach((outcome, i) => {
      const row = rows[i % rows.length];
      expect(outcome).toEqual({ ok: true, value: i % 2 ? row.attribute : row.unit });
    });
    const again = (await harness.evaluate((list) => Promise.all(list.map((args) => (window as any).__call("VALUE", ...args))), calls)) as CallOutcome[];
    expect(again).toEqual(outcomes);
    expect(requests.length).toBe(before + 1); // answered from the session cache
  });

  test("numbers where printed plain, the qualifier in 比较, words as printed", async () => {
    const outcomes = await Promise.all([
      call("VALUE", "荆门市", "十四五", "常住人口城镇化率"),
      call("VALUE", "荆门", "十四五", "GDP增长", "年均"),
      call("VALUE", "荆门市", "十四五", "全员劳动生产率增长", "年均比较"),
      call("VALUE", "荆门市", "十四五", "居民人均可支配收入增长", "年均"),
      call("VALUE", "荆门市", "2024年", "城镇新增就业", "比较"),
    ]);
    expect(outcomes.map((o) => o.value)).toEqual([65, 7, ">", "与GDP增长同步", "≥"]);
  });

  test("spills match the tables: header row, one row per indicator, project or target", async () => {
    const table = await call("TABLE", "荆门市", "十四五");
    const rows = table.value as unknown[][];
    expect(rows).toHaveLength(jingmen.indicators.length + 1);
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([jingmen.columns.length + 1])); // + 单位
    expect(rows.slice(1).map((r) => r[2])).toEqual(jingmen.indicators.map((i) => i.name));
    const projects = await call("PROJECTS", "荆门市", "十四五");
    const register = await api<ProjectsResponse>(`/api/plans/${(await planOf((p) => p.region === "荆门市" && p.period.label === "十四五")).id}/projects`);
    expect((projects.value as unknown[][]).length).toBe(register.projects.length + 1);
    const report = await planOf((p) => p.kind === "work-report" && p.region === "荆门市");
    const targets = await call("TARGETS", "荆门市", 2024);
    expect((targets.value as unknown[][]).slice(1).map((r) => r[0])).toEqual((await api<TargetsResponse>(`/api/plans/${report.id}/targets`)).annualTargets.map((t) => t.metric));
  });

  test("monitoring fields: =PLANBOOK.VALUE(\"荆门市\",\"十四五\",\"地区生产总值增长\",\"2023年实际\") is 6.7, in one request with the other VALUE calls", async () => {
    const before = requests.length;
    const outcomes = (await harness.evaluate(() => {
      const call = (window as any).__call;
      return Promise.all([
        call("VALUE", "荆门市", "十四五", "地区生产总值增长", "2023年实际"),
        call("VALUE", "荆门市", "十四五", "地区生产总值增长", "2023年状态"),
        call("VALUE", "荆门市", "十四五", "地区生产总值增长", "2023年来源"),
        call("VALUE", "荆门市", "十四五", "地区生产总值增长", "2024年目标"),
        call("VALUE", "荆门", "十四五", "GDP增长", "状态"),
        call("VALUE", "荆门市", "十四五", "常住人口城镇化率", "基期"),
        call("VALUE", "荆门市", "十四五", "森林覆盖率", "2023年实际"),
        call("VALUE", "荆门市", "十四五", "地区生产总值增长", "2019年实际"),
        call("VALUE", "荆门市", "十四五", "地区生产总值增长", "2023年颜色"),
      ]);
    })) as CallOutcome[];
    expect(requests.slice(before)).toEqual(["POST /api/lookup"]);
    expect(outcomes.slice(0, 6)).toEqual([
      { ok: true, value: 6.7 },
      { ok: true, value: "低于年均目标" },
      { ok: true, value: "荆门市2024年政府工作报告第9行" },
      { ok: true, value: 7 },
      { ok: true, value: "滞后" },
      { ok: true, value: 60.1 },
    ]);
    expect(outcomes[6]).toEqual({ ok: false, code: "#N/A", message: "未找到2023年实际：森林覆盖率在荆门市“十四五”各年政府工作报告、统计公报和导入的实际值中都没有2023年的数据" });
    expect(outcomes[7]).toEqual({ ok: false, code: "#N/A", message: "2019年不在荆门市“十四五”规划期（2021—2025年）内" });
    expect(outcomes[8]).toMatchObject({ ok: false, code: "#VALUE!", message: expect.stringContaining("带年份的字段可写") });
    // and the metadata Excel reads says so
    const metadata = JSON.parse(readFileSync(join(dist, "functions.json"), "utf8")) as { functions: Array<{ id: string; parameters: Array<{ name: string; description?: string }> }> };
    expect(metadata.functions.find((f) => f.id === "VALUE")!.parameters[3].description).toContain("2023年实际");
  });

  test("errors come back as Excel errors with a message", async () => {
    expect(await call("VALUE", "荆门市", "十四五", "不存在的指标")).toEqual({ ok: false, code: "#N/A", message: expect.stringMatching(/^未找到指标：不存在的指标/) });
    expect(await call("VALUE", "荆门市", "十四五", "森林覆盖率", "颜色")).toEqual({ ok: false, code: "#VALUE!", message: expect.stringContaining("不认识的字段") });
    expect(await call("VALUE", "荆门市", "", "森林覆盖率")).toEqual({ ok: false, code: "#VALUE!", message: "请填写规划期" });
    expect(await call("TABLE", "荆门市", "十九五")).toMatchObject({ ok: false, code: "#N/A" });
  });

  test("in the pane's page the same functions share the pane's connection: 全部刷新 makes them ask again", async () => {
    const args = ["荆门市", "十四五", "森林覆盖率", "目标"];
    const first = (await page.evaluate((a) => (window as any).__call("VALUE", ...a), args)) as CallOutcome;
    expect(first).toEqual({ ok: true, value: 32.05 });
    const before = requests.filter((r) => r.startsWith("POST /api/lookup")).length;
    await page.evaluate((a) => (window as any).__call("VALUE", ...a), args);
    expect(requests.filter((r) => r.startsWith("POST /api/lookup")).length).toBe(before); // cached
    await page.click("#tab-tables");
    await statusAfter(() => page.click("#refresh-all"));
    await page.evaluate((a) => (window as any).__call("VALUE", ...a), args);
    expect(requests.filter((r) => r.startsWith("POST /api/lookup")).length).toBe(before + 1);
  });
});

describe("规划实施监测: inserted from a five-year plan, its badge and refresh following the reports", () => {
  let plan: PlanListResponse["plans"][number];
  let monitoringTable: TableDump;
  const REPORT = "jingmen-2024-government-work-report.txt";
  const tableNow = async () => (await workbookTables()).find((t) => t.id === monitoringTable.id)!;
  const cellOf = (table: TableDump, name: string, header: string) => table.values.find((r) => r[1] === name)![(table.values[0] as string[]).indexOf(header)];
  const statusStyle = (table: TableDump, name: string) =>
    page.evaluate(
      ([sheet, row, column]) => (window as any).__planbookFake.cellStyles(sheet, `${column}${row}`)[0][0],
      [table.sheet, table.row + table.values.findIndex((r) => r[1] === name) + 1, columnLetters(table.column + (table.values[0] as string[]).indexOf("状态"))] as const,
    );

  beforeAll(async () => {
    plan = await planOf((p) => p.region === "荆门市" && p.period.label === "十四五" && p.kind === "five-year-plan");
  });

  test("the plan's preview shows its monitoring; 插入规划实施监测 puts it in one Excel Table with exact cells and coloured statuses", async () => {
    const monitoring = await api<Monitoring>(`/api/monitoring?region=${encodeURIComponent("荆门市")}&plan=${encodeURIComponent("十四五")}`);
    await page.click("#tab-plans");
    await page.click(`#plan-list li[data-plan-id="${plan.id}"]`);
    await page.waitForSelector("#monitoring-preview[data-state=ready]");
    expect(await page.textContent("#monitoring-summary")).toBe(`数据截至 2023 年 · ${monitoring.indicators.length} 项指标：滞后 1 · 无数据 ${monitoring.indicators.length - 1}`);
    const previewed = await page.locator("#monitoring-preview-table tbody tr").evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent ?? "")));
    expect(previewed).toHaveLength(monitoring.indicators.length);
    expect(previewed[0]).toEqual(["地区生产总值（GDP）增长", "滞后", "2023年 6.7", "荆门市2024年政府工作报告第9行"]);
    expect(previewed.slice(1).every((r) => r[1] === "无数据" && r[2] === "")).toBe(true);
    await page.locator("#monitoring-section").scrollIntoViewIfNeeded();
    await shot("13-monitoring-preview");

    await page.check('input[name="where"][value="newSheet"]');
    const before = await workbookTables();
    expect(await statusAfter(() => page.click("#insert-monitoring"))).toContain(`已插入 ${monitoring.indicators.length} 行`);
    [monitoringTable] = (await workbookTables()).slice(before.length);
    expect(monitoringTable).toMatchObject({ sheet: "荆门市十四五 实施监测", name: expect.stringMatching(/^实施监测_/), rowCount: monitoring.indicators.length + 1 });
    const header = monitoringTable.values[0] as string[];
    expect(header.slice(0, 7)).toEqual(["序号", "指标", "单位", "属性", "监测方式", "基期值（2020年）", "规划目标（2025年）"]);
    expect(header.slice(7, 22)).toEqual([2021, 2022, 2023, 2024, 2025].flatMap((y) => [`${y}年目标`, `${y}年实际`, `${y}年来源`]));
    expect(header.slice(22)).toEqual(["状态", "进度", "依据", "各年对照", "说明", `规划出处（${plan.title}）`]);
    const gdp = Object.fromEntries(header.map((h, c) => [h, monitoringTable.values.find((r) => r[1] === "地区生产总值（GDP）增长")![c]]));
    expect(gdp).toMatchObject({
      单位: "%", 属性: "预期性", 监测方式: "年均增速", "基期值（2020年）": -5, "规划目标（2025年）": "年均7%",
      "2021年实际": "", "2022年实际": "", "2023年目标": "", "2023年实际": 6.7, "2023年来源": "实际：荆门市2024年政府工作报告第9行",
      "2024年目标": 7, "2024年实际": "", "2024年来源": "目标：荆门市2024年政府工作报告第49行",
      状态: "滞后", 依据: "2023年增长6.7%，规划年均7%", 各年对照: "2023年：低于年均目标",
    });
    expect(gdp[`规划出处（${plan.title}）`]).toBe("第272行");
    const others = monitoringTable.values.slice(1).filter((r) => r[1] !== "地区生产总值（GDP）增长");
    expect(others).toHaveLength(monitoring.indicators.length - 1);
    for (const row of others) {
      expect(row[header.indexOf("状态")]).toBe("无数据");
      // no actual for any of them; the one year target the 2024 report names is a qualitative one
      const yearCells = Object.fromEntries(header.flatMap((h, c) => (/^\d{4}年/.test(h) && row[c] !== "" ? [[h, row[c]]] : [])));
      expect(yearCells).toEqual(row[1] === "居民人均可支配收入增长" ? { "2024年目标": "与经济增长基本同步", "2024年来源": "目标：荆门市2024年政府工作报告第49行" } : {});
    }
    expect(await statusStyle(monitoringTable, "地区生产总值（GDP）增长")).toEqual({ fill: "#FFC7CE", font: "#9C0006", bold: true });
    expect(await statusStyle(monitoringTable, "森林覆盖率")).toEqual({ fill: "#EDEDED", font: "#595959", bold: false });
    await showTable(monitoringTable, "16-monitoring-table");

    await page.click("#tab-tables");
    const item = page.locator(`#table-list li[data-table-id="${monitoringTable.id}"]`);
    expect(await item.textContent()).toContain("规划实施监测：荆门市 十四五");
    expect(await item.locator("[data-badge=current]").textContent()).toBe("已是最新");
  });

  test("a changed report (a new revision) shows as new data; refreshing that table updates its cells, status and colour", async () => {
    const changed = join(work, REPORT);
    writeFileSync(changed, readFileSync(join(ROOT, "seeds", REPORT), "utf8").replace("全年累计增长6.7%", "全年累计增长7.2%"));
    expect((await library.ingestFile(changed)).status).toBe("revised");
    await page.click("#tab-plans");
    await page.click("#tab-tables");
    const item = page.locator(`#table-list li[data-table-id="${monitoringTable.id}"]`);
    await item.locator("[data-badge=newer]").waitFor();
    expect(await item.getAttribute("data-stale")).toBe("true");
    expect(await item.locator("[data-badge=newer]").textContent()).toBe("有新数据：荆门市2024年政府工作报告 第 2 版");
    expect(await page.textContent("#tables-summary")).toContain("有新版本或新数据");
    await item.scrollIntoViewIfNeeded();
    await shot("14-monitoring-newer-data");
    expect(await tableNow()).toEqual(monitoringTable); // nothing changes in the workbook until the clerk refreshes

    expect(await statusAfter(() => item.locator("[data-action=refresh-one]").click())).toBe("已刷新 1 个表格。");
    const fresh = await tableNow();
    expect([cellOf(fresh, "地区生产总值（GDP）增长", "2023年实际"), cellOf(fresh, "地区生产总值（GDP）增长", "状态"), cellOf(fresh, "地区生产总值（GDP）增长", "2023年来源")]).toEqual([
      7.2,
      "进度正常",
      "实际：荆门市2024年政府工作报告第9行（第2版）",
    ]);
    expect(cellOf(fresh, "地区生产总值（GDP）增长", "各年对照")).toBe("2023年：达到年均目标");
    expect(await statusStyle(fresh, "地区生产总值（GDP）增长")).toEqual({ fill: "#E2EFDA", font: "#375623", bold: false });
    expect(fresh.values.slice(1).map((r) => r[1])).toEqual(monitoringTable.values.slice(1).map((r) => r[1]));
    expect(await item.locator("[data-badge=current]").textContent()).toBe("已是最新");
    await shot("15-monitoring-refreshed");
  });

  test("a clerk's imported actual is new data too; 插入实施监测 in the plan list inserts another plan's monitoring", async () => {
    storeActuals(library, [{ region: "荆门市", periodLabel: "十四五", indicator: "常住人口城镇化率", year: 2023, raw: "62.5", value: 62.5, unit: "%", file: "荆门监测.xlsx", sheet: "年度数据", cell: "F12", importedAt: "2026-01-05T08:00:00Z" }]);
    await page.click("#tab-plans");
    await page.click("#tab-tables");
    const item = page.locator(`#table-list li[data-table-id="${monitoringTable.id}"]`);
    await item.locator("[data-badge=newer]").waitFor();
    expect(await item.locator("[data-badge=newer]").textContent()).toBe("有新数据：导入 荆门监测.xlsx");
    await statusAfter(() => item.locator("[data-action=refresh-one]").click());
    const fresh = await tableNow();
    // 60.1 → 65 by 2025: the path stands at 63.04 in 2023, so 62.5 is 滞后
    expect([cellOf(fresh, "常住人口城镇化率", "2023年实际"), cellOf(fresh, "常住人口城镇化率", "2023年来源"), cellOf(fresh, "常住人口城镇化率", "状态")]).toEqual([62.5, "实际：导入：荆门监测.xlsx 年度数据!F12", "滞后"]);

    const ezhou = await planOf((p) => p.region === "鄂州市" && p.kind === "five-year-plan");
    await page.click("#tab-plans");
    const before = await workbookTables();
    const status = await statusAfter(() => page.locator(`#plan-list li[data-plan-id="${ezhou.id}"] [data-action=insert-monitoring]`).click());
    expect(status).toMatch(/^已插入 \d+ 行/);
    const [added] = (await workbookTables()).slice(before.length);
    expect(added.name).toMatch(/^实施监测_/);
    expect(added.sheet).toBe(`鄂州市${ezhou.period.label} 实施监测`);
    expect(added.values.slice(1).every((r) => r[(added.values[0] as string[]).indexOf("状态")] === "无数据")).toBe(true); // no report of 鄂州 in the library
    expect(await page.locator("#preview-title").textContent()).not.toBe(ezhou.title); // the button did not open the preview
  });
});

describe("when the service stops, hangs or is down at start: a reason and 重试, never an endless spinner", () => {
  test("stopped while opening a plan: the preview says why; 重试 after the restart shows it", async () => {
    const plan = await planOf((p) => p.region === "咸宁市");
    await page.click("#tab-plans");
    await server.close();
    await page.click(`#plan-list li[data-plan-id="${plan.id}"]`);
    await page.waitForSelector("#preview[data-state=error]", { timeout: 30_000 });
    expect(await page.textContent("#preview .pb-error-block")).toContain("无法连接 Planbook 服务");
    expect(await page.textContent("#connection")).toBe("未连接");
    await page.locator("#preview").scrollIntoViewIfNeeded();
    await shot("9-stopped-while-opening");
    await startService();
    await page.click("#preview [data-action=retry]");
    await page.waitForSelector("#preview[data-state=ready] #preview-title");
    expect(await page.textContent("#preview-title")).toBe(plan.title);
    expect(await page.textContent("#connection")).toBe("已连接");
  });

  test("a service that accepts but never answers: the wait ends at the timeout with a message and 重试", async () => {
    await page.evaluate(() => ((document.getElementById("settings") as HTMLDetailsElement).open = true));
    await page.fill("#timeout-seconds", "2");
    await page.click("#save-url");
    await page.waitForSelector("#plan-list-state[data-state=ready]", { state: "attached" });
    const plan = await planOf((p) => p.region === "鄂州市");
    await server.close();
    const stalled = await startStalledService();
    try {
      await page.click(`#plan-list li[data-plan-id="${plan.id}"]`);
      expect(await page.textContent("#preview .pb-loading")).toBe("正在读取规划…");
      // the stalled service never answers: only the pane's own 2-second timeout can end the wait (the message names it)
      await page.waitForSelector("#preview[data-state=error]", { timeout: 15_000 });
      expect(await page.textContent("#preview .pb-error-block")).toContain("在 2 秒内没有应答");
      await page.locator("#preview").scrollIntoViewIfNeeded();
      await shot("10-timeout");
    } finally {
      await stalled.close();
    }
    await startService();
    await page.click("#preview [data-action=retry]");
    await page.waitForSelector("#preview[data-state=ready] #preview-title");
    expect(await page.textContent("#preview-title")).toBe(plan.title);
  });

  test("down when the pane starts (Excel without worksheet functions): the list says why and 重试 fills it", async () => {
    const fresh = await browser.newPage({ viewport: { width: 420, height: 700 }, locale: "zh-CN" });
    try {
      // Excel 2016: the fake workbook, no CustomFunctions; every API request refused, as by a stopped service
      await fresh.addInitScript({ content: fakeHostScript().replace(CUSTOM_FUNCTIONS_STAND_IN, "").replace("customFunctions: true", "customFunctions: false") });
      await fresh.route("**/api/**", (route) => route.abort("connectionrefused"));
      await fresh.goto(`${server.url}/taskpane.html`);
      await fresh.waitForSelector("body[data-ready=true]");
      expect(await fresh.textContent("#plan-list-state .pb-error-block")).toContain("无法连接 Planbook 服务");
      expect(await fresh.textContent("#connection")).toBe("未连接");
      expect(await fresh.getAttribute("body", "data-functions")).toBe("no");
      await fresh.screenshot({ path: join(ARTIFACTS, "addin-11-down-at-start.png"), fullPage: true });
      await fresh.unroute("**/api/**");
      await fresh.click("#plan-list-state [data-action=retry]");
      await fresh.waitForSelector("#plan-list-state[data-state=ready]", { state: "attached" });
      const plans = await api<PlanListResponse>("/api/plans");
      expect(await fresh.locator("#plan-list li[data-plan-id]").count()).toBe(plans.total);
      expect(await fresh.textContent("#connection")).toContain("已连接");
      // and the pane works as before; a search hit's value goes in as that indicator's one-row table
      await fresh.click(`#plan-list li[data-plan-id="${plans.plans[0].id}"]`);
      await fresh.waitForSelector("#preview[data-state=ready] #preview-title");
      await fresh.click("#tab-search");
      await fresh.fill("#search-q", "森林覆盖率");
      await fresh.click("#search-form button[type=submit]");
      await fresh.waitForSelector("#search-results[data-state=ready]");
      const hit = fresh.locator("#search-results li[data-plan-id]").first();
      const name = (await hit.locator("div").first().textContent())!;
      await hit.locator("[data-action=insert-value]").click();
      await fresh.waitForFunction(() => (document.getElementById("status") as HTMLElement).dataset.kind === "success");
      const [table] = (await fresh.evaluate(() => {
        const fake = (window as any).__planbookFake;
        return fake.tables().map((t: any) => ({ ...t, values: fake.tableValues(t.id) }));
      })) as TableDump[];
      expect(table.rowCount).toBe(2);
      expect(table.values[1][2]).toBe(name);
      await fresh.screenshot({ path: join(ARTIFACTS, "addin-12-without-functions.png"), fullPage: true });
    } finally {
      await fresh.close();
    }
  });

  test("逐表插入全部: every indicator table of a plan, each its own Excel Table on its own sheet", async () => {
    const plan = await planOf((p) => p.region === "荆门市" && p.period.label === "十四五");
    const tables = (await api<IndicatorsResponse>(`/api/plans/${plan.id}/indicators`)).tables;
    await page.click("#tab-plans");
    await page.click(`#plan-list li[data-plan-id="${plan.id}"]`);
    await page.waitForSelector("#preview[data-state=ready] #insert-all-indicators");
    const before = await workbookTables();
    const status = await statusAfter(() => page.click("#insert-all-indicators"));
    expect(status).toContain(`已插入 ${tables.length} 张表`);
    const added = (await workbookTables()).slice(before.length);
    expect(added).toHaveLength(tables.length);
    expect(new Set(added.map((t) => t.sheet)).size).toBe(tables.length);
    expect(added.map((t) => t.rowCount - 1)).toEqual(tables.map((t) => t.indicators.length));
    expect(added.map((t) => t.values.slice(1).map((r) => r[2]))).toEqual(tables.map((t) => t.indicators.map((i) => i.name)));
  });

  test("a failed refresh keeps the old data and says why in the pane", async () => {
    const before = await workbookTables();
    await server.close(); // the service goes away
    await page.click("#tab-tables");
    const status = await statusAfter(() => page.click("#refresh-all"));
    expect(status).toContain("失败");
    expect(await workbookTables()).toEqual(before);
    expect(await page.locator("#table-list .pb-error-text").first().textContent()).toContain("无法连接");
    expect(await page.locator("#connection").textContent()).toBe("未连接");
    await shot("7-refresh-failed");
  });
});
