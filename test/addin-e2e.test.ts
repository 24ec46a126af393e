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
import { chromium, type Browser, type Page } from "playwright-core";
import ts from "typescript";
import type { IndicatorsResponse, PlanListResponse, PlanResponse, ProjectsResponse } from "../generator/model";
import { openLibrary, type Library } from "../generator/library";
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
    // A test may set window.__planbookHold to a promise: workbook writes then wait for it, so the
    // test can look at the pane while an action is under way.
    window.__PLANBOOK_TEST_HOST__ = {
      run: async (cb) => { await window.__planbookHold; return fake.run(cb); },
      settings: exports.createFakeSettings(),
      capabilities: { autofitColumns: true },
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

beforeAll(async () => {
  if (!CHROMIUM) throw new Error("Chromium is not installed (apt-get install chromium); the end-to-end test needs it");
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "planbook-addin-e2e-"));
  const dist = join(work, "dist");
  execFileSync(process.execPath, [join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--env", `outDir=${dist}`], { cwd: ROOT, stdio: "pipe" });

  library = openLibrary(join(work, "library.db"));
  for (const seed of readdirSync(join(ROOT, "seeds"))) {
    if (seed.endsWith(".txt") && seed !== WATCHED_SEED) await library.ingestFile(join(ROOT, "seeds", seed));
  }
  const watched = join(work, "watched");
  mkdirSync(watched);
  copyFileSync(join(ROOT, "seeds", WATCHED_SEED), join(watched, WATCHED_SEED));
  server = await startServer({ library, port: 0, http: true, distDir: dist, watchDir: watched, shutdownGraceMs: 500 });
  await server.watcherIdle();

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

test("searches indicators across plans", async () => {
  await page.click("#tab-search");
  await page.fill("#search-q", "生产总值");
  await page.selectOption("#search-type", "indicator");
  await page.click("#search-form button[type=submit]");
  await page.waitForFunction(() => !document.querySelector("#search-results")?.textContent?.includes("正在搜索"));
  const expected = await api<{ results: unknown[] }>(`/api/search?q=${encodeURIComponent("生产总值")}&type=indicator`);
  expect(await page.locator("#search-results li[data-plan-id]").count()).toBe(expected.results.length);
  await shot("2-search");
});

describe("with the watched plan", () => {
  let planId: string;
  let indicators: IndicatorsResponse;

  beforeAll(async () => {
    const plans = await api<PlanListResponse>("/api/plans");
    const watched = plans.plans.find((p) => p.sourcePath.endsWith(WATCHED_SEED));
    if (!watched) throw new Error(`the watched seed ${WATCHED_SEED} was not ingested`);
    planId = watched.id;
    indicators = await api<IndicatorsResponse>(`/api/plans/${planId}/indicators`);
  });

  test("previews the plan: indicators with unit, values and 属性, project boxes with counts", async () => {
    await page.click("#tab-plans");
    await page.click(`#plan-list li[data-plan-id="${planId}"]`);
    await page.waitForSelector("#preview-title");
    const plan = await api<PlanResponse>(`/api/plans/${planId}`);
    expect(await page.textContent("#preview-title")).toBe(plan.plan.title);
    const indicatorCount = indicators.tables.reduce((n, t) => n + t.indicators.length, 0);
    expect(indicatorCount).toBeGreaterThan(0); // the seed has an indicator table
    expect(await page.locator("#indicator-preview tbody tr").count()).toBe(Math.min(indicatorCount, 200));
    const first = indicators.tables[0].indicators[0];
    const cells = await page.locator("#indicator-preview tbody tr").first().locator("td").allTextContents();
    expect(cells).toEqual([first.name, first.unit ?? "", first.baseline?.raw ?? "", first.target?.raw ?? "", first.attribute ?? ""]);
    expect(await page.locator("#box-list li").count()).toBe(plan.boxes.filter((b) => b.count > 0).length);
    await shot("3-preview");
  });

  test("inserts the indicator table at the selection", async () => {
    await page.evaluate(() => (window as any).__planbookFake.select("Sheet1", "B2"));
    const status = await statusAfter(() => page.click("#insert-indicators"));
    const rows = indicators.tables.reduce((n, t) => n + t.indicators.length, 0);
    expect(status).toContain(`已插入 ${rows} 行`);
    const [table] = await workbookTables();
    expect(table).toMatchObject({ sheet: "Sheet1", row: 1, column: 1, rowCount: rows + 1 });
    expect(table.values[0].slice(0, 5)).toEqual(["指标表", "类别", "序号", "指标名称", "单位"]);
    const first = indicators.tables[0].indicators[0];
    expect(table.values[1][3]).toBe(first.name);
    expect(table.values[1][8]).toBe(first.target?.value ?? "");
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
    expect(status).toMatch(/已刷新 2 个表格/);
    await page.waitForSelector("body:not([data-busy])");
    for (const button of ["#refresh-all", "#insert-indicators", "#insert-projects", "#insert-targets"]) {
      expect(await page.isDisabled(button)).toBe(false);
    }
    expect(await workbookTables()).toHaveLength(tablesBefore);
  });

  test("refreshes every table after the document changes on disk", async () => {
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

    await page.click("#tab-tables");
    const status = await statusAfter(() => page.click("#refresh-all"));
    expect(status).toMatch(/已刷新 \d+ 个表格/);
    const freshIndicators = await api<IndicatorsResponse>(`/api/plans/${planId}/indicators`);
    const freshProjects = await api<ProjectsResponse>(`/api/plans/${planId}/projects`);
    const tables = await workbookTables();
    const indicatorTable = tables.find((t) => t.sheet === "Sheet1")!;
    const indicatorRows = freshIndicators.tables.reduce((n, t) => n + t.indicators.length, 0);
    expect(indicatorTable.rowCount).toBe(Math.max(indicatorRows, 1) + 1);
    const register = tables.find((t) => t.sheet !== "Sheet1");
    expect(register).toBeDefined(); // inserted by the test before
    expect(register!.rowCount).toBe(Math.max(freshProjects.projects.length, 1) + 1);
    expect(register!.values.slice(1).map((r) => r[4]).filter((v) => v !== "")).toEqual(freshProjects.projects.map((p) => p.name));
    const listed = await page.locator("#table-list li").allTextContents();
    expect(listed.join("\n")).toContain(`第 ${after.plan.revision} 版`);
    await shot("6-refreshed");
  });

  test("a failed refresh keeps the old data and says why in the pane", async () => {
    const before = await workbookTables();
    await server.close(); // the service goes away
    const status = await statusAfter(() => page.click("#refresh-all"));
    expect(status).toContain("失败");
    expect(await workbookTables()).toEqual(before);
    expect(await page.locator("#table-list .pb-error-text").first().textContent()).toContain("无法连接");
    // the status pill says so too, not the 已连接 it showed at start-up
    expect(await page.locator("#connection").textContent()).toBe("未连接");
    await shot("7-refresh-failed");
  });
});
