import type { Library } from "../library";
import { RunStore, type RunRecord } from "../schedule";
import { CliError, type Command } from "./command";
import { openLibraryFromArgs } from "./library-args";
import { localTime } from "./schedule";
import { oneLine, toJson } from "./terminal";

const STATUS: Record<string, string> = { ok: "成功", failed: "失败", skipped: "已跳过", running: "进行中" };
const EMAIL: Record<string, string> = { off: "不发送", unchanged: "未变", failed: "发送失败" };

/** A read-only library written before any job ran has no run table yet: nothing to list. */
function hasRunStore(library: Library): boolean {
  return Boolean(library.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'job_runs'").get());
}

export const runsCommand: Command = {
  name: "runs",
  summary: "列出定时任务的运行记录，最新的在前",
  usage: [
    "用法：planbook runs [--job NAME] [--limit N] [--json] [--library PATH]",
    "",
    "  --job NAME      只列这个任务的运行",
    "  --limit N       最多 N 条（默认 20）",
    "  --json          以 JSON 输出运行记录",
    "  --library PATH  规划库（默认 $PLANBOOK_LIBRARY 或 .planbook/library.db）",
  ].join("\n"),
  options: {
    job: { type: "string" },
    limit: { type: "string", short: "n" },
    json: { type: "boolean" },
    library: { type: "string", short: "l" },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new CliError("runs：不接受参数（要筛选任务请用 --job NAME）", 2);
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new CliError(`runs：--limit 应为大于 0 的整数，而不是 "${oneLine(String(values.limit))}"`, 2);
    const library = openLibraryFromArgs(values, io, "serve");
    try {
      const runs = library.writable || hasRunStore(library) ? new RunStore(library.db, library.writable).list({ job: typeof values.job === "string" ? values.job : undefined, limit }) : [];
      if (values.json) io.out(toJson(runs));
      else io.out(runs.length ? formatRuns(runs) : "还没有运行记录");
      return 0;
    } finally {
      library.close();
    }
  },
};

function formatRuns(runs: RunRecord[]): string {
  const header = ["编号", "任务", "状态", "开始", "用时", "邮件", "输出 / 错误"];
  const rows = runs.map((r) => [
    String(r.id),
    r.job,
    STATUS[r.status] ?? r.status,
    localTime(new Date(r.startedAt)),
    r.finishedAt ? `${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)}s` : "-",
    r.emailStatus === "sent" ? `已发送 ${r.emailedTo.join(",")}` : (EMAIL[r.emailStatus ?? ""] ?? "-"),
    [r.output, r.error].filter(Boolean).join(" — ") || "-",
  ]);
  // CJK characters take two columns in a terminal
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i]))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + " ".repeat(widths[i] - width(c))))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map((r) => line(r.map(oneLine)))].join("\n");
}
