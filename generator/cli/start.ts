import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import type { Library } from "../library";
import { renderToFile } from "../render";
import { planbookVersion } from "../version";
import { CliError, type CliIO, type Command } from "./command";
import { errorLine } from "./errors";
import { collectDocuments, ingestAll, parseAllowance, reportSkipped, tallyLine } from "./ingest";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./library-args";
import { portFromArgs, runService, watchFor } from "./serve";
import { oneLine } from "./terminal";

/** One plan-report workbook per seed, so a newcomer sees the generator's output next to the service. */
async function writeSeedWorkbooks(library: Library, planIds: string[], outDir: string, io: CliIO): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (const id of new Set(planIds)) {
    const plan = library.getPlan(id);
    if (!plan) continue;
    const out = join(outDir, `${basename(plan.source.path, extname(plan.source.path))}.xlsx`);
    try {
      await renderToFile([plan], { template: "plan-report", out, version: planbookVersion() });
      io.out(`工作簿    ${oneLine(out)}`);
    } catch (e) {
      io.warn(errorLine(e, `生成 ${oneLine(plan.source.path)} 的工作簿`));
    }
  }
}

export const startCommand: Command = {
  name: "start",
  summary: "导入 seeds/，在 out/ 中为每份文档生成工作簿，再通过 HTTPS 提供服务（npm start）",
  usage: [
    "用法：planbook start [--port N] [--library PATH]",
    "",
    "  导入 seeds/，在 out/ 中为每份文档生成一个 plan-report 工作簿，然后在端口 3000",
    "  （--port 或 $PLANBOOK_PORT 可改）上提供接口和加载项，并监视 seeds/。",
    "  --port N         端口；打印的所有地址（含加载项清单）都用这个端口",
    LIBRARY_USAGE,
  ].join("\n"),
  options: { ...LIBRARY_OPTION, port: { type: "string", short: "p" } },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new CliError(`start：多余的参数 "${oneLine(positionals[0])}"`, 2);
    const port = portFromArgs(values, io);
    const parse = parseAllowance(io.env);
    const seeds = resolve(io.cwd, "seeds");
    if (!existsSync(seeds)) throw new CliError(`start：${io.cwd} 中没有 seeds/ 文件夹（请在 Planbook 所在的文件夹中运行）`);
    const library = openLibraryFromArgs(values, io, "serve");
    try {
      if (library.writable) {
        const collected = await collectDocuments([seeds]);
        reportSkipped(collected, io);
        const tally = await ingestAll(library, collected.files, io, { parse });
        io.out(tallyLine(tally));
        await writeSeedWorkbooks(library, tally.results.map((r) => r.planId), resolve(io.cwd, "out"), io);
      }
      const manifest = resolve(io.cwd, "manifest.xml");
      return await runService(
        library,
        { port, distDir: resolve(io.cwd, "dist"), watchDir: watchFor(library, seeds, io), parse },
        io,
        existsSync(manifest) ? manifest : undefined,
      );
    } finally {
      library.close();
    }
  },
};
