import { SEARCH_LIMIT_MAX } from "../library";
import { CliError, type Command } from "./command";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./library-args";
import { renderTable } from "./table";
import { oneLine, toJson } from "./terminal";

export const searchCommand: Command = {
  name: "search",
  summary: "按名称在所有规划中查找指标和项目",
  usage: [
    "用法：planbook search TEXT [--type indicator|project] [--limit N] [--json] [--library PATH]",
    "",
    "  名称中任意一段都能匹配（森林覆盖率、覆盖率、水库），最相关的在前。",
    "  --type T     只找指标（indicator）或只找项目（project）",
    `  --limit N    最多 N 条（1–${SEARCH_LIMIT_MAX}，默认 50）`,
    "  --json       以 JSON 输出",
    LIBRARY_USAGE,
  ].join("\n"),
  options: { ...LIBRARY_OPTION, type: { type: "string", short: "t" }, limit: { type: "string", short: "n" }, json: { type: "boolean" } },
  async run({ values, positionals }, io) {
    const text = positionals.join(" ").trim();
    if (!text) throw new CliError("search：请给出要查找的文字（如 planbook search 森林覆盖率）", 2);
    const type = values.type as string | undefined;
    if (type !== undefined && type !== "indicator" && type !== "project") throw new CliError(`search：--type 只能是 indicator（指标）或 project（项目），而不是 "${oneLine(type)}"`, 2);
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMIT_MAX) throw new CliError(`search：--limit 应为 1 到 ${SEARCH_LIMIT_MAX} 的整数`, 2);
    const library = openLibraryFromArgs(values, io, "read");
    try {
      const hits = library.search(text, type, limit);
      if (values.json) io.out(toJson(hits));
      else if (hits.length === 0) io.out(`没有找到“${oneLine(text)}”`);
      else
        io.out(
          renderTable(
            [{ header: "类型" }, { header: "地区" }, { header: "规划期" }, { header: "名称", max: 50 }, { header: "所在", max: 36 }, { header: "规划" }],
            hits.map((h) => [h.type === "indicator" ? "指标" : "项目", h.region ?? "—", h.period.label, h.name, h.context, h.planId]),
          ),
        );
      return 0;
    } finally {
      library.close();
    }
  },
};
