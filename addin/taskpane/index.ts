/**
 * The task pane's entry: connects to the service and to Excel, then wires the tabs, the preview
 * and the insert / refresh buttons to the actions.
 */
import { storeBaseUrl, storedBaseUrl } from "../api/client";
import "../functions/functions"; // registers =PLANBOOK.… where Excel has custom functions: the pane is their shared runtime
import { api, batcher, storage } from "../session";
import { readProvenance, type TableQuery } from "../excel/provenance";
import { describeError, insertQuery, refreshAll } from "./actions";
import { byId } from "./dom";
import { ActionGate, applyBusy } from "./gate";
import { connectHost, type ExcelHost } from "./host";
import { PlansView } from "./views/plans";
import { PreviewView } from "./views/preview";
import { SearchView } from "./views/search";
import { confirmInPane, showStatus } from "./views/status";
import { renderTables } from "./views/tables";

// Until Office has answered, the pane can browse but not write.
let host: ExcelHost = { canWrite: false, label: "", run: () => Promise.reject(new Error("not in Excel")), settings: { get: () => null, set: () => {}, saveAsync: (cb) => cb?.({ status: "succeeded" }) }, capabilities: { autofitColumns: false } };
const gate = new ActionGate((running) => applyBusy(running !== null));

const fail = (error: unknown) => showStatus(describeError(error), "error");
const preview = new PreviewView(api, (query) => void insert(query));
const plans = new PlansView(api, (planId) => void openPlan(planId));
new SearchView(api, { openPlan: (planId) => void openPlan(planId), compare: (name) => void insert({ kind: "compare", indicator: name }), fail });

async function openPlan(planId: string): Promise<void> {
  plans.markSelected(planId);
  try {
    await preview.open(planId);
    showStatus("预览如下；确认无误后再插入。");
  } catch (error) {
    fail(error);
  }
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
      showStatus(`已插入 ${outcome.rowCount} 行到 ${outcome.sheetName}!${outcome.address}（表格 ${outcome.tableName}）。`, "success");
    }
    renderTables(readProvenance(host.settings), host.canWrite);
  });
}

async function refresh(): Promise<void> {
  await exclusive("正在刷新表格", async () => {
    const summary = await refreshAll(api, host, (done, total, record) =>
      showStatus(`正在刷新第 ${done + 1}/${total} 个表格：${record.tableName}…`, "progress"),
    );
    renderTables(summary.records, host.canWrite);
    await preview.reload().catch(() => undefined); // a stale preview is harmless; the refresh result is what matters
    if (summary.failed === 0) showStatus(`已刷新 ${summary.refreshed} 个表格。`, "success");
    else showStatus(`${summary.refreshed} 个表格已刷新，${summary.failed} 个失败（原数据保留），原因见“工作簿中的表格”。`, "error");
  });
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
  pill.dataset.state = "pending";
  pill.textContent = "正在连接…";
  try {
    const health = await api.health();
    pill.dataset.state = "ok";
    pill.textContent = `已连接 · ${health.plans} 份规划`;
    pill.title = `服务版本 ${health.version}，${api.baseUrl || location.origin}`;
    await plans.load();
  } catch (error) {
    pill.dataset.state = "error";
    pill.textContent = "未连接";
    fail(error);
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
      if (name === "tables") renderTables(readProvenance(host.settings), host.canWrite);
    });
  }
}

function wireSettings(): void {
  const input = byId<HTMLInputElement>("base-url");
  input.value = api.baseUrl;
  byId("save-url").addEventListener("click", () => {
    storeBaseUrl(storage, input.value);
    api.baseUrl = storedBaseUrl(storage) || input.value.trim().replace(/\/+$/, "");
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
  if (!host.canWrite) showStatus("当前不在 Excel 中：可以浏览和预览，插入需要在 Excel 里打开本加载项。");
  renderTables(readProvenance(host.settings), host.canWrite);
  await connect();
  document.body.dataset.ready = "true";
}

void start();
