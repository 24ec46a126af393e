import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import type { Library } from "../library";
import type { Plan } from "../model";
import { renderToFile } from "../render";
import { planbookVersion } from "../version";
import { CliError, type CliIO, type Command } from "./command";
import { collectDocuments, ingestAll, LIBRARY_OPTION, openLibraryFromArgs, tallyLine } from "./ingest";
import { parsePort, runService } from "./serve";

/** One plan-report workbook per seed, so a newcomer sees the generator's output next to the service. */
async function writeSeedWorkbooks(library: Library, planIds: string[], outDir: string, io: CliIO): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (const id of new Set(planIds)) {
    const plan = library.getPlan(id);
    if (!plan) continue;
    const out = join(outDir, `${basename(plan.source.path, extname(plan.source.path))}.xlsx`);
    try {
      await renderToFile([plan], { template: "plan-report", out, version: planbookVersion() });
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
    "  Ingests seeds/, writes a plan-report workbook per seed into out/, then",
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
