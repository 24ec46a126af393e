/**
 * Render bench: a 100 000-project project-register through the template engine (streamed), against
 * raw exceljs streaming of the same cells and SheetJS writing them in memory. Each contender runs
 * in its own child process so its peak RSS is its own.
 * Targets (issue 4): < 4 s, < 250 MB peak RSS, ≤ 1.3× raw exceljs, faster than SheetJS.
 *
 * Then (issue 12) a 10 000-row fill of an indicator template with an Excel Table and a bar chart
 * over its template row (the in-memory writer), beside the same template without the chart and raw
 * exceljs writing the same cells and Table: carrying the chart over may add at most 10 %.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { report } from "./report";
import { SCHEMA_VERSION, type Plan } from "../generator/model";
import { renderToFile } from "../generator/render";
import { projectRows } from "../generator/render/views";
import { chartTableTemplate, indicatorPlan, rawExceljs } from "./fixtures/chart-table";

const PROJECTS = 100_000;
const PLANS = 100;
const CONTENDERS = ["planbook", "exceljs", "sheetjs"] as const;
const INDICATOR_ROWS = 10_000;
const CHART_CONTENDERS = ["chart-table", "table-only", "raw-table"] as const;
type Contender = (typeof CONTENDERS)[number] | (typeof CHART_CONTENDERS)[number];

function syntheticPlans(): Plan[] {
  const plans: Plan[] = [];
  const perPlan = PROJECTS / PLANS;
  for (let p = 0; p < PLANS; p++) {
    const region = `测试市${p}`;
    const groups = Array.from({ length: 10 }, (_, g) => ({
      name: `分组${g}`,
      projects: Array.from({ length: perPlan / 10 }, (_, i) => ({
        name: `${region}第${g}组重点建设项目${i}号（年产${i}万吨）`,
        location: `${region}开发区`,
        investment: { raw: String(10 + (i % 90)), value: 10 + (i % 90), comparator: "=" as const, cumulative: false, text: null, unit: null, kind: "level" as const },
        investmentUnit: "亿元",
        period: "2021-2025",
      })),
    }));
    plans.push({
      schemaVersion: SCHEMA_VERSION,
      id: `bench${p}`,
      source: { path: `bench${p}.txt`, sha256: "0".repeat(64), encoding: "utf-8", bytes: 0 },
      kind: "five-year-plan",
      title: `${region}国民经济和社会发展第十四个五年规划纲要`,
      region,
      period: { label: "十四五", start: 2021, end: 2025 },
      outline: [],
      indicatorTables: [],
      projectBoxes: [{ label: `专栏 ${p}-1`, title: "重点项目", kind: "projects", section: "第五章 产业", line: 1, groups }],
      targets: [],
      annualTargets: [],
      lastYearResults: [],
      tasks: [],
      warnings: [],
    });
  }
  return plans;
}

/** The register's cells as plain rows, the same values the template writes. */
function registerRows(plans: Plan[]): unknown[][] {
  return plans.flatMap(projectRows).map((r) => [r.region, r.plan, r.periodLabel, r.boxLabel, r.boxTitle, r.group, r.name, r.location, r.investment, r.investmentUnit, r.period, r.section]);
}

const HEADER = ["地区", "规划", "规划期", "专栏", "专栏名称", "分组", "项目名称", "地点", "总投资", "单位", "建设年限", "所在章节"];
const BODY_STYLE: Partial<ExcelJS.Style> = { font: { name: "宋体", size: 10 }, alignment: { vertical: "middle", wrapText: true }, border: { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } } };

async function runContender(which: Contender, dir: string): Promise<{ seconds: number; rssMB: number; bytes: number }> {
  const out = join(dir, `${which}.xlsx`);
  if ((CHART_CONTENDERS as readonly string[]).includes(which)) {
    const plan = indicatorPlan(INDICATOR_ROWS);
    const start = process.hrtime.bigint();
    if (which === "raw-table") await rawExceljs(out, plan);
    else await renderToFile([plan], { template: join(dir, `${which}-template.xlsx`), out, generatedAt: new Date("2025-01-01T00:00:00Z") });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { seconds, rssMB: process.resourceUsage().maxRSS / 1024, bytes: statSync(out).size };
  }
  const plans = syntheticPlans();
  const start = process.hrtime.bigint();
  if (which === "planbook") {
    await renderToFile(plans, { template: "project-register", out, generatedAt: new Date("2025-01-01T00:00:00Z") });
  } else if (which === "exceljs") {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet("项目登记");
    ws.addRow(HEADER).commit();
    for (const values of registerRows(plans)) {
      const row = ws.addRow(values as ExcelJS.CellValue[]);
      row.eachCell((cell) => (cell.style = BODY_STYLE));
      row.commit();
    }
    ws.commit();
    await wb.commit();
  } else {
    const XLSX = (await import("xlsx")) as typeof import("xlsx");
    const sheet = XLSX.utils.aoa_to_sheet([HEADER, ...registerRows(plans)]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, "项目登记");
    XLSX.writeFile(wb, out, { compression: true });
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, rssMB: process.resourceUsage().maxRSS / 1024, bytes: statSync(out).size };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "planbook-render-bench-"));
  try {
    const results = new Map<Contender, { seconds: number; rssMB: number; bytes: number }>();
    for (const which of CONTENDERS) {
      const json = execFileSync(process.execPath, [__filename, "--child", which, dir], { encoding: "utf8", maxBuffer: 1 << 20 });
      results.set(which, JSON.parse(json.trim().split("\n").pop()!));
    }
    const ours = results.get("planbook")!;
    // every contender's figures appear as a baseline beside ours, each with its target
    const raw = results.get("exceljs")!.seconds;
    const sheetjs = results.get("sheetjs")!.seconds;
    const rawFig = { name: "raw exceljs streaming", value: raw, unit: "s" };
    report({ name: `project-register, ${PROJECTS} projects`, value: ours.seconds, unit: "s", baseline: rawFig, target: "< 4 s", met: ours.seconds < 4 });
    report({ name: "project-register peak RSS", value: ours.rssMB, unit: "MB", baseline: { name: "raw exceljs", value: results.get("exceljs")!.rssMB, unit: "MB" }, target: "< 250 MB", met: ours.rssMB < 250, digits: 0 });
    report({ name: "project-register time / raw exceljs", value: ours.seconds / raw, unit: "×", target: "≤ 1.3×", met: ours.seconds / raw <= 1.3 });
    report({ name: "project-register time / SheetJS in memory", value: ours.seconds / sheetjs, unit: "×", baseline: { name: "SheetJS", value: sheetjs, unit: "s" }, target: "< 1×", met: ours.seconds / sheetjs < 1 });
    await chartBench(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median of `runs` children per contender: one run of each in turn, so a busy moment of the machine hits them alike. */
async function chartBench(dir: string): Promise<void> {
  await chartTableTemplate(join(dir, "chart-table-template.xlsx"), true);
  await chartTableTemplate(join(dir, "table-only-template.xlsx"), false);
  const runs = 3;
  const samples = new Map<Contender, Array<{ seconds: number; rssMB: number; bytes: number }>>(CHART_CONTENDERS.map((c) => [c, []]));
  for (let r = 0; r < runs; r++)
    for (const which of CHART_CONTENDERS) {
      const json = execFileSync(process.execPath, [__filename, "--child", which, dir], { encoding: "utf8", maxBuffer: 1 << 20 });
      samples.get(which)!.push(JSON.parse(json.trim().split("\n").pop()!));
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fig = (which: Contender) => ({ seconds: median(samples.get(which)!.map((s) => s.seconds)), rssMB: median(samples.get(which)!.map((s) => s.rssMB)) });
  const [chart, table, raw] = CHART_CONTENDERS.map(fig);
  for (const which of CHART_CONTENDERS) console.log(`${which.padEnd(12)} ${fig(which).seconds.toFixed(2)} s  peak RSS ${fig(which).rssMB.toFixed(0)} MB  (median of ${runs})`);
  const rawFig = { name: "raw exceljs, same cells and Table", value: raw.seconds, unit: "s" };
  report({ name: `indicators + Table + chart, ${INDICATOR_ROWS} rows`, value: chart.seconds, unit: "s", baseline: rawFig, target: "≤ 1.3× raw exceljs", met: chart.seconds <= 1.3 * raw.seconds });
  report({ name: "indicators + Table + chart peak RSS", value: chart.rssMB, unit: "MB", baseline: { name: "raw exceljs", value: raw.rssMB, unit: "MB" }, target: "≤ 1.3× raw exceljs", met: chart.rssMB <= 1.3 * raw.rssMB, digits: 0 });
  report({ name: "chart carry-over: with chart / without", value: chart.seconds / table.seconds, unit: "×", baseline: { name: "the same template without the chart", value: table.seconds, unit: "s" }, target: "≤ 1.10×", met: chart.seconds / table.seconds <= 1.1 });
  report({ name: "chart carry-over: peak RSS with / without", value: chart.rssMB / table.rssMB, unit: "×", baseline: { name: "without the chart", value: table.rssMB, unit: "MB" }, target: "≤ 1.10×", met: chart.rssMB / table.rssMB <= 1.1 });
}

if (require.main === module && process.argv[2] === "--child") {
  runContender(process.argv[3] as Contender, process.argv[4]).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack}\n`);
      process.exitCode = 1;
    },
  );
}
