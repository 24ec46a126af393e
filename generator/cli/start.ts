import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import type { Library } from "../library";
import type { Plan } from "../model";
import { CliError, type CliIO, type Command } from "./command";
import { collectDocuments, ingestAll, LIBRARY_OPTION, openLibraryFromArgs, tallyLine } from "./ingest";
import { parsePort, runService } from "./serve";

type RenderToFile = (plans: Plan[], options: { template: string; out: string }) => unknown;

/** The workbook generator is optional here: `start` writes the seed workbooks only when generator/render offers renderToFile. */
async function loadRenderer(): Promise<RenderToFile | null> {
  // a computed specifier keeps this module compiling before generator/render exists
  const specifier = ["..", "render"].join("/");
  try {
    const mod = (await import(specifier)) as { renderToFile?: unknown };
    return typeof mod.renderToFile === "function" ? (mod.renderToFile as RenderToFile) : null;
  } catch {
    return null;
  }
}

async function writeSeedWorkbooks(library: Library, planIds: string[], outDir: string, io: CliIO): Promise<void> {
  const renderToFile = await loadRenderer();
  if (!renderToFile) {
    io.out("workbooks: the generator (generator/render) is not available yet; skipped");
    return;
  }
  await mkdir(outDir, { recursive: true });
  for (const id of new Set(planIds)) {
    const plan = library.getPlan(id);
    if (!plan) continue;
    const out = join(outDir, `${basename(plan.source.path, extname(plan.source.path))}.xlsx`);
    try {
      await renderToFile([plan], { template: "plan-report", out });
      io.out(`workbook  ${out}`);
    } catch (e) {
      io.warn(`workbook for ${plan.source.path}: ${(e as Error).message.split("\n")[0]}`);
    }
  }
}

export const startCommand: Command = {
  name: "start",
  summary: "ingest seeds/, write their workbooks into out/, and serve over HTTPS (npm start)",
  usage: [
    "usage: planbook start [--library PATH]",
    "",
    "  Ingests seeds/, writes a workbook per seed into out/ (when the generator is built), then",
    "  serves the API and the add-in over HTTPS on port 3000 ($PLANBOOK_PORT), watching seeds/.",
  ].join("\n"),
  options: { ...LIBRARY_OPTION },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new CliError(`start: unexpected argument "${positionals[0]}"`, 2);
    const port = parsePort(io.env.PLANBOOK_PORT, 3000, "PLANBOOK_PORT");
    const seeds = resolve(io.cwd, "seeds");
    if (!existsSync(seeds)) throw new CliError(`start: no seeds/ folder in ${io.cwd} (run it from the Planbook folder)`);
    const library = openLibraryFromArgs(values, io);
    try {
      const tally = await ingestAll(library, await collectDocuments([seeds]), io);
      io.out(tallyLine(tally));
      await writeSeedWorkbooks(library, tally.results.map((r) => r.planId), resolve(io.cwd, "out"), io);
      const manifest = resolve(io.cwd, "manifest.xml");
      return await runService(
        library,
        { port, distDir: resolve(io.cwd, "dist"), watchDir: seeds },
        io,
        existsSync(manifest) ? manifest : undefined,
      );
    } finally {
      library.close();
    }
  },
};
