import { openLibrary } from "../library";
import { RunStore, type RunRecord } from "../schedule";
import { CliError, type Command } from "./command";
import { libraryPathForCli, localTime } from "./schedule";

export const runsCommand: Command = {
  name: "runs",
  summary: "list recorded runs of scheduled jobs, newest first",
  usage: [
    "usage: planbook runs [--job NAME] [--limit N] [--json] [--library PATH]",
    "",
    "  --job NAME      only this job's runs",
    "  --limit N       at most N runs (default 20)",
    "  --json          the run records as JSON",
    "  --library PATH  the plan library (default: $PLANBOOK_LIBRARY or .planbook/library.db)",
  ].join("\n"),
  options: {
    job: { type: "string" },
    limit: { type: "string", short: "n" },
    json: { type: "boolean" },
    library: { type: "string", short: "l" },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new CliError("runs: takes no arguments (did you mean --job NAME?)", 2);
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new CliError(`runs: --limit must be a whole number above 0, not "${values.limit}"`, 2);
    const library = openLibrary(libraryPathForCli(values.library, io));
    try {
      const runs = new RunStore(library.db).list({ job: typeof values.job === "string" ? values.job : undefined, limit });
      if (values.json) io.out(JSON.stringify(runs, null, 2));
      else io.out(runs.length ? formatRuns(runs) : "no runs recorded yet");
      return 0;
    } finally {
      library.close();
    }
  },
};

function formatRuns(runs: RunRecord[]): string {
  const header = ["id", "job", "status", "started", "took", "email", "output / error"];
  const rows = runs.map((r) => [
    String(r.id),
    r.job,
    r.status,
    localTime(new Date(r.startedAt)),
    r.finishedAt ? `${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)}s` : "-",
    r.emailStatus === "sent" ? `sent ${r.emailedTo.join(",")}` : (r.emailStatus ?? "-"),
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
  return [line(header), ...rows.map(line)].join("\n");
}
