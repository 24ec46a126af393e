import { SEARCH_LIMIT_MAX } from "../library";
import { CliError, type Command } from "./command";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./ingest";
import { renderTable } from "./table";

export const searchCommand: Command = {
  name: "search",
  summary: "find indicators and projects across all plans by name",
  usage: [
    "usage: planbook search TEXT [--type indicator|project] [--limit N] [--json] [--library PATH]",
    "",
    "  Matches any part of a name (森林覆盖率, 覆盖率, 水库), best matches first.",
    LIBRARY_USAGE,
  ].join("\n"),
  options: { ...LIBRARY_OPTION, type: { type: "string", short: "t" }, limit: { type: "string", short: "n" }, json: { type: "boolean" } },
  async run({ values, positionals }, io) {
    const text = positionals.join(" ").trim();
    if (!text) throw new CliError("search: give the text to find (planbook search 森林覆盖率)", 2);
    const type = values.type as string | undefined;
    if (type !== undefined && type !== "indicator" && type !== "project") throw new CliError(`search: --type is indicator or project, not "${type}"`, 2);
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMIT_MAX) throw new CliError(`search: --limit is a whole number from 1 to ${SEARCH_LIMIT_MAX}`, 2);
    const library = openLibraryFromArgs(values, io);
    try {
      const hits = library.search(text, type, limit);
      if (values.json) io.out(JSON.stringify(hits, null, 2));
      else if (hits.length === 0) io.out(`nothing matches "${text}"`);
      else
        io.out(
          renderTable(
            [{ header: "TYPE" }, { header: "REGION" }, { header: "PERIOD" }, { header: "NAME", max: 50 }, { header: "IN", max: 36 }, { header: "PLAN" }],
            hits.map((h) => [h.type, h.region ?? "—", h.period.label, h.name, h.context, h.planId]),
          ),
        );
      return 0;
    } finally {
      library.close();
    }
  },
};
