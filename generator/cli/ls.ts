import { CliError, type Command } from "./command";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./ingest";
import { renderTable } from "./table";

export const lsCommand: Command = {
  name: "ls",
  summary: "list the plans in the library",
  usage: [
    "usage: planbook ls [--region R] [--kind K] [--period P] [--json] [--library PATH]",
    "",
    "  --region R   e.g. 荆门市",
    "  --kind K     five-year-plan | work-report | work-report-digest | unknown",
    "  --period P   e.g. 十四五, 2024年",
    "  --json       the PlanSummary list as JSON",
    LIBRARY_USAGE,
  ].join("\n"),
  options: { ...LIBRARY_OPTION, region: { type: "string" }, kind: { type: "string" }, period: { type: "string" }, json: { type: "boolean" } },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new CliError(`ls: unexpected argument "${positionals[0]}" (filters are --region, --kind, --period)`, 2);
    const library = openLibraryFromArgs(values, io);
    try {
      const plans = library.listPlans({
        region: values.region as string | undefined,
        kind: values.kind as string | undefined,
        period: values.period as string | undefined,
      });
      if (values.json) {
        io.out(JSON.stringify(plans, null, 2));
        return 0;
      }
      if (plans.length === 0) {
        io.out(`no plans${values.region || values.kind || values.period ? " match" : " yet (planbook ingest FILE|DIR…)"}`);
        return 0;
      }
      io.out(
        renderTable(
          [
            { header: "ID" },
            { header: "REV", align: "right" },
            { header: "REGION" },
            { header: "KIND" },
            { header: "PERIOD" },
            { header: "INDICATORS", align: "right" },
            { header: "PROJECTS", align: "right" },
            { header: "TARGETS", align: "right" },
            { header: "TITLE", max: 50 },
          ],
          plans.map((p) => [p.id, p.revision, p.region ?? "—", p.kind, p.period.label, p.indicatorCount, p.projectCount, p.targetCount, p.title]),
        ),
      );
      return 0;
    } finally {
      library.close();
    }
  },
};
