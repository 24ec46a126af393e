/**
 * The pane's workflow (addin/taskpane/actions.ts) over the fake workbook and fake document
 * settings, with the service stubbed so a download can be held open: what happens to the list
 * of Planbook tables when an insert and a refresh overlap, and the gate that keeps them apart.
 */
import { PlanbookApi } from "../addin/api/client";
import { mergeProvenance, readProvenance, type TableProvenance } from "../addin/excel/provenance";
import { EXCELAPI_1_1 } from "../addin/excel/write";
import { insertQuery, refreshAll } from "../addin/taskpane/actions";
import { ActionGate } from "../addin/taskpane/gate";
import type { ExcelHost } from "../addin/taskpane/host";
import type { CompareResponse } from "../generator/model";
import { createFakeExcel, createFakeSettings } from "./addin-fake-excel";

/** A service answering /api/compare with two rows; hold() keeps one indicator's download waiting. */
function stubService() {
  const held = new Map<string, () => void>();
  const holds = new Map<string, Promise<void>>();
  const fetchImpl = async (input: string): Promise<Response> => {
    const indicator = new URL(input, "https://planbook.test").searchParams.get("indicator") ?? "";
    await holds.get(indicator);
    const body: CompareResponse = {
      indicator,
      normalized: indicator,
      rows: [1, 2].map((n) => ({
        planId: `plan-${n}`, revision: 1, region: "荆门市", kind: "five-year-plan", period: { label: "十四五", start: 2021, end: 2025 },
        indicator: { name: indicator, unit: "%", baseline: null, target: null, rate: null, attribute: "预期性", category: null },
        baseYear: 2020, targetYear: 2025,
      })),
    };
    return new Response(JSON.stringify(body), { status: 200 });
  };
  return {
    api: new PlanbookApi("", fetchImpl),
    /** the next download of `indicator` waits until the returned function is called; then fails when `fail` */
    hold(indicator: string, fail = false): () => void {
      holds.set(indicator, new Promise<void>((resolve, reject) => held.set(indicator, fail ? () => reject(new TypeError("network down")) : resolve)));
      return () => {
        held.get(indicator)?.();
        holds.delete(indicator);
      };
    },
  };
}

function workbook(): ExcelHost & { fake: ReturnType<typeof createFakeExcel> } {
  const fake = createFakeExcel();
  return { fake, canWrite: true, label: "测试", run: (cb) => fake.run(cb), settings: createFakeSettings(), capabilities: EXCELAPI_1_1 };
}

/** until every promise callback queued so far has run (the held download is then the only thing waiting) */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("two overlapping actions keep both tables in the document's list", () => {
  test("a table inserted while a refresh waits on the network survives the refresh's write", async () => {
    const service = stubService();
    const host = workbook();
    const first = await insertQuery(service.api, host, { kind: "compare", indicator: "地区生产总值" }, "newSheet");
    expect(readProvenance(host.settings)).toHaveLength(1);

    const release = service.hold("地区生产总值");
    const refreshing = refreshAll(service.api, host);
    await settle(); // the refresh has read the list and waits for its download
    const second = await insertQuery(service.api, host, { kind: "compare", indicator: "常住人口" }, "newSheet");
    expect(readProvenance(host.settings).map((r) => r.tableId)).toEqual([first.record!.tableId, second.record!.tableId]);
    release();
    const summary = await refreshing;

    expect(summary).toMatchObject({ refreshed: 1, failed: 0 });
    const stored = readProvenance(host.settings);
    expect(stored.map((r) => r.tableName)).toEqual([first.record!.tableName, second.record!.tableName]);
    expect(stored[0].refreshedAt >= first.record!.refreshedAt).toBe(true);
    expect(stored[1]).toEqual(second.record); // untouched by the refresh, which never knew it
    expect(summary.records).toEqual(stored); // and the pane is shown both
    expect(host.fake.tables()).toHaveLength(2);
  });

  test("a refresh that finishes while an insert waits on the network keeps its results", async () => {
    const service = stubService();
    const host = workbook();
    await insertQuery(service.api, host, { kind: "compare", indicator: "地区生产总值" }, "newSheet");
    const release = service.hold("常住人口");
    const inserting = insertQuery(service.api, host, { kind: "compare", indicator: "常住人口" }, "newSheet");
    await settle();
    const refreshed = await refreshAll(service.api, host);
    const afterRefresh = readProvenance(host.settings)[0];
    expect(afterRefresh.refreshedAt).toBe(refreshed.records[0].refreshedAt);
    release();
    const second = await inserting;
    expect(readProvenance(host.settings)).toEqual([afterRefresh, second.record]);
  });

  test("a refresh that fails while a table is inserted records the failure and keeps the new table", async () => {
    const service = stubService();
    const host = workbook();
    const first = await insertQuery(service.api, host, { kind: "compare", indicator: "甲" }, "newSheet");
    const release = service.hold("甲", true);
    const refreshing = refreshAll(service.api, host);
    await settle();
    const second = await insertQuery(service.api, host, { kind: "compare", indicator: "乙" }, "newSheet");
    release();
    expect(await refreshing).toMatchObject({ refreshed: 0, failed: 1 });
    const stored = readProvenance(host.settings);
    expect(stored.map((r) => r.tableId)).toEqual([first.record!.tableId, second.record!.tableId]);
    expect(stored[0].lastError).toContain("无法连接");
    expect(stored[1].lastError).toBeNull();
  });
});

describe("mergeProvenance", () => {
  const record = (id: string, rowCount = 1): TableProvenance => ({
    tableId: id, tableName: `PB_${id}`, sheetName: "Sheet1", query: { kind: "targets", planId: "p" }, title: "t",
    revision: 1, refreshedAt: "2025-01-01T00:00:00Z", rowCount, lastError: null,
  });

  test("replaces by tableId in place, keeps the others, appends new ones", () => {
    const current = [record("A"), record("B"), record("C")];
    expect(mergeProvenance(current, [record("B", 9), record("D")])).toEqual([record("A"), record("B", 9), record("C"), record("D")]);
    expect(mergeProvenance([], [record("A")])).toEqual([record("A")]);
    expect(mergeProvenance(current, [])).toEqual(current);
  });
});

describe("ActionGate: one workbook action at a time", () => {
  test("a second action is refused while the first runs, and allowed after", async () => {
    const changes: Array<string | null> = [];
    const gate = new ActionGate((running) => changes.push(running));
    let finish!: () => void;
    const ran: string[] = [];
    const first = gate.run("正在刷新表格", () => new Promise<void>((resolve) => ((finish = resolve), ran.push("refresh"))));
    expect(gate.current).toBe("正在刷新表格");
    expect(await gate.run("正在插入表格", async () => void ran.push("insert"))).toBe(false);
    expect(ran).toEqual(["refresh"]);
    finish();
    expect(await first).toBe(true);
    expect(gate.current).toBeNull();
    expect(await gate.run("正在插入表格", async () => void ran.push("insert"))).toBe(true);
    expect(ran).toEqual(["refresh", "insert"]);
    expect(changes).toEqual(["正在刷新表格", null, "正在插入表格", null]);
  });

  test("a failing action releases the gate and passes its error on", async () => {
    const gate = new ActionGate();
    await expect(gate.run("正在插入表格", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(gate.current).toBeNull();
    expect(await gate.run("正在刷新表格", async () => {})).toBe(true);
  });
});
