/**
 * The task pane's entry: connects to the service and to Excel, then wires the tabs, the preview,
 * search and the insert / refresh buttons to the actions. The same page is the worksheet
 * functions' shared runtime (../functions/functions), so both use one connection (../session).
 */
import type { SearchHit } from "../../generator/model";
import { storeBaseUrl, storedBaseUrl, storedTimeoutSeconds, storeTimeoutSeconds } from "../api/client";
import { valueFormula, writeFormulaAtSelection } from "../excel/formula";
import { readProvenance, type SourceStamp, type TableQuery } from "../excel/provenance";
import "../functions/functions"; // registers =PLANBOOK.… where Excel has custom functions: the pane is their shared runtime
import { api, batcher, storage } from "../session";
import { describeError, insertQuery, refreshAll } from "./actions";
import { queryKey, sourcesOfQuery } from "./kinds";
import { byId } from "./dom";
import { ActionGate, applyBusy } from "./gate";
import { connectHost, type ExcelHost } from "./host";
import { errorBlock } from "./views/load";
import { PlansView } from "./views/plans";
import { PreviewView } from "./views/preview";
import { SearchView } from "./views/search";
import { confirmInPane, showStatus } from "./views/status";
import { renderTables } from "./views/tables";

// Until Office has answered, the pane can browse but not write.
let host: ExcelHost = { canWrite: false, label: "", run: () => Promise.reject(new Error("not in Excel")), settings: { get: () => null, set: () => {}, saveAsync: (cb) => cb?.({ status: "succeeded" }) }, capabilities: { autofitColumns: false, customFunctions: false } };
const gate = new ActionGate((running) => applyBusy(running !== null));
/** each plan's latest revision, for the 工作簿中的表格 badges; null until the service has said */
let latest: Map<string, number> | null = null;
let latestError: string | null = null;
/** for tables computed from many documents (规划实施监测): what the library computes them from now, by query */
let sources = new Map<string, SourceStamp[]>();

const fail = (error: unknown) => showStatus(describeError(error), "error");
/** a view that failed to load shows the reason and 重试 where it stands: the status line points there instead of saying it twice */
const failShown = () => showStatus("没有读到：原因和“重试”按钮在上方。", "error");
const preview = new PreviewView(api, { insert: (query) => void insert(query), insertEach: (queries) => void insertEach(queries), fail: failShown });
const plans = new PlansView(api, (planId) => void openPlan(planId), (query) => void insert(query));
new SearchView(api, {
  openPlan: (planId) => void openPlan(planId),
  compare: (name) => void insert({ kind: "compare", indicator: name }),
  insert: (query) => void insert(query),
  insertValue: (hit) => void insertValue(hit),
  fail: failShown,
});

async function openPlan(planId: string): Promise<void> {
  plans.markSelected(planId);
  if (await preview.open(planId)) showStatus("预览如下：插入的就是这里显示的内容。");
}

function insertWhere(): "selection" | "newSheet" {
  const checked = document.querySelector<HTMLInputElement>('input[name="where"]:checked');
  return checked?.value === "newSheet" ? "newSheet" : "selection";
}

/** Runs a workbook action through the gate, or says what is still under way. */
async function exclusive(label: string, action: () => Promise<void>): Promise<void> {
  const running = gate.current;
  if (running) return showStatus(`${running}，请等它完成后再操作。`, "progress");
  await gate.run(label, async () => {
    try {
      await action();
    } catch (error) {
      fail(error);
    }
  });
}

async function insert(query: TableQuery): Promise<void> {
  if (!host.canWrite) return showStatus("当前不在 Excel 中运行，只能浏览，不能插入。", "error");
  await exclusive("正在插入表格", async () => {
    showStatus("正在从服务读取数据并写入工作表…", "progress");
    const where = insertWhere();
    let outcome = await insertQuery(api, host, query, where);
    if (outcome.status === "occupied") {
      const overwrite = await confirmInPane(`目标区域 ${outcome.sheetName}!${outcome.address} 里已有内容。要覆盖这些内容吗？选“取消”可以先换一个空白位置。`);
      if (!overwrite) return showStatus("已取消，工作表没有改动。");
      outcome = await insertQuery(api, host, query, where, true);
    }
    if (outcome.status === "inserted") {
      // just computed: the library's sources are these, until the tab asks again
      if (outcome.record?.sources) sources.set(queryKey(query), outcome.record.sources);
      showStatus(`已插入 ${outcome.rowCount} 行到 ${outcome.sheetName}!${outcome.address}（表格 ${outcome.tableName}）。`, "success");
    }
    showTables();
  });
}

/** Every indicator table of a plan, each its own Excel Table on its own new sheet. */
async function insertEach(queries: TableQuery[]): Promise<void> {
  if (!host.canWrite) return showStatus("当前不在 Excel 中运行，只能浏览，不能插入。", "error");
  await exclusive("正在插入表格", async () => {
    let rows = 0;
    for (const [index, query] of queries.entries()) {
      showStatus(`正在插入第 ${index + 1}/${queries.length} 张表…`, "progress");
      const outcome = await insertQuery(api, host, query, "newSheet");
      rows += outcome.rowCount;
    }
    showStatus(`已插入 ${queries.length} 张表（共 ${rows} 行），每张一个 Excel 表格、一个工作表。`, "success");
    showTables();
  });
}

/** One figure: a live formula where Excel runs the add-in's functions, else that indicator's row as a one-row table. */
async function insertValue(hit: SearchHit): Promise<void> {
  if (!hit.region || !host.capabilities.customFunctions || hit.indicator?.role === "review") return insert({ kind: "indicators", planId: hit.planId, table: hit.context, layout: "table", indicator: hit.name });
  if (!host.canWrite) return showStatus("当前不在 Excel 中运行，只能浏览，不能插入。", "error");
  const formula = valueFormula(hit.region, hit.period.label, hit.name, hit.indicator?.target ? "目标" : hit.indicator?.rate ? "年均" : undefined);
  await exclusive("正在写入公式", async () => {
    let result = await host.run((context) => writeFormulaAtSelection(context, formula));
    if (result.status === "occupied") {
      if (!(await confirmInPane(`单元格 ${result.sheetName}!${result.address} 里已有内容。要用公式覆盖吗？`))) return showStatus("已取消，工作表没有改动。");
      result = await host.run((context) => writeFormulaAtSelection(context, formula, true));
    }
    showStatus(`已在 ${result.sheetName}!${result.address} 写入 ${formula}，数值会随规划库更新。`, "success");
  });
}

async function refresh(only?: ReadonlySet<string>): Promise<void> {
  await exclusive("正在刷新表格", async () => {
    batcher.clear(); // the worksheet functions ask again at their next calculation
    const summary = await refreshAll(api, host, (done, total, record) => showStatus(`正在刷新第 ${done + 1}/${total} 个表格：${record.tableName}…`, "progress"), only);
    await loadLatest();
    showTables(summary.records);
    await plans.load().catch(() => undefined); // the list shows each plan's revision: bring it up to date too
    await preview.reload().catch(() => undefined); // a stale preview is harmless; the refresh result is what matters
    if (summary.failed === 0) showStatus(`已刷新 ${summary.refreshed} 个表格。`, "success");
    else showStatus(`${summary.refreshed} 个表格已刷新，${summary.failed} 个失败（原数据保留），原因见“工作簿中的表格”。`, "error");
  });
}

function showTables(records = readProvenance(host.settings)): void {
  renderTables({ records, canWrite: host.canWrite, latest, latestError, sources, refreshOne: (tableId) => void refresh(new Set([tableId])) });
}

/**
 * The library's latest revision of every plan (one request, answered from the ETag cache when
 * unchanged), and for each table computed from many documents what it would be computed from now
 * (one request per distinct query, a 304 when unchanged).
 */
async function loadLatest(): Promise<void> {
  try {
    const response = await api.plans();
    latest = new Map(response.plans.map((p) => [p.id, p.revision]));
    latestError = null;
  } catch (error) {
    // what the library held before is no longer known: no badge rather than a stale "已是最新"
    latest = null;
    latestError = describeError(error);
    sources = new Map();
    return;
  }
  const asked = new Map<string, Promise<SourceStamp[]> | null>();
  for (const record of readProvenance(host.settings)) {
    const key = queryKey(record.query);
    if (!asked.has(key)) asked.set(key, sourcesOfQuery(api, record.query));
  }
  const next = new Map<string, SourceStamp[]>();
  await Promise.all(
    [...asked].map(async ([key, pending]) => {
      // a table whose monitoring cannot be computed now gets no badge; its refresh will say why
      const now = await pending?.catch(() => null);
      if (now) next.set(key, now);
    }),
  );
  sources = next;
}

/** The status pill follows every request, not just the first: a service that stops shows as 未连接 at the next call. */
function followReachability(): void {
  const pill = byId("connection");
  api.onReachability = (reachable) => {
    if (!reachable && pill.dataset.state !== "error") {
      pill.dataset.state = "error";
      pill.textContent = "未连接";
    } else if (reachable && pill.dataset.state === "error") {
      pill.dataset.state = "ok";
      pill.textContent = "已连接";
    }
  };
}

async function connect(): Promise<void> {
  const pill = byId("connection");
  const state = byId("plan-list-state");
  pill.dataset.state = "pending";
  pill.textContent = "正在连接…";
  state.textContent = "";
  state.dataset.state = "loading";
  try {
    const health = await api.health();
    pill.dataset.state = "ok";
    pill.textContent = `已连接 · ${health.plans} 份规划`;
    pill.title = `服务版本 ${health.version}，${api.baseUrl || location.origin}`;
    await plans.load();
    state.dataset.state = "ready";
    await loadLatest();
    showTables();
  } catch (error) {
    pill.dataset.state = "error";
    pill.textContent = "未连接";
    const retry = document.createElement("button");
    retry.className = "pb-button";
    retry.dataset.action = "retry";
    retry.textContent = "重试";
    retry.addEventListener("click", () => void connect());
    state.textContent = "";
    state.append(errorBlock(describeError(error), retry));
    state.dataset.state = "error";
    failShown();
  }
}

function wireTabs(): void {
  const tabs = ["plans", "search", "tables"];
  for (const name of tabs) {
    byId(`tab-${name}`).addEventListener("click", () => {
      for (const other of tabs) {
        byId(`tab-${other}`).setAttribute("aria-selected", String(other === name));
        byId(`panel-${other}`).hidden = other !== name;
      }
      if (name === "tables") {
        showTables();
        void loadLatest().then(() => showTables());
      }
    });
  }
}

function wireSettings(): void {
  const input = byId<HTMLInputElement>("base-url");
  const timeout = byId<HTMLInputElement>("timeout-seconds");
  input.value = api.baseUrl;
  timeout.value = String(storedTimeoutSeconds(storage));
  byId("save-url").addEventListener("click", () => {
    storeBaseUrl(storage, input.value);
    api.baseUrl = storedBaseUrl(storage) || input.value.trim().replace(/\/+$/, "");
    storeTimeoutSeconds(storage, Number(timeout.value));
    api.timeoutMs = (storage ? storedTimeoutSeconds(storage) : Number(timeout.value) || 20) * 1000;
    batcher.clear();
    void connect();
  });
}

async function start(): Promise<void> {
  wireTabs();
  wireSettings();
  followReachability();
  byId("refresh-all").addEventListener("click", () => void refresh());
  host = await connectHost();
  document.body.dataset.host = host.canWrite ? "excel" : "browser";
  document.body.dataset.functions = host.capabilities.customFunctions ? "yes" : "no";
  if (!host.canWrite) showStatus("当前不在 Excel 中：可以浏览和预览，插入需要在 Excel 里打开本加载项。");
  showTables();
  await connect();
  document.body.dataset.ready = "true";
}

void start();
