import { mkdir } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { parseFile } from "../parse";
import { writeFileAtomic } from "../util/atomic";
import { CliError, type Command } from "./command";

export const parseCommand: Command = {
  name: "parse",
  summary: "read planning documents and print their Plans as JSON",
  usage: [
    "usage: planbook parse FILE… [--out DIR]",
    "",
    "  one FILE        its Plan JSON on stdout",
    "  several FILEs   or --out DIR: one <name>.json per file in DIR (default: the current directory)",
    "",
    "Warnings go to stderr as file:line: message. Exit 1 when a file cannot be read at all.",
  ].join("\n"),
  options: { out: { type: "string", short: "o" } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new CliError("parse: give at least one document (planbook parse FILE…)", 2);
    const outDir = typeof values.out === "string" ? values.out : positionals.length > 1 ? io.cwd : null;
    if (outDir) await mkdir(outDir, { recursive: true });
    for (const [i, file] of positionals.entries()) {
      if (positionals.length > 1) io.progress(`[${i + 1}/${positionals.length}] ${file}`);
      let plan;
      try {
        plan = await parseFile(file);
      } catch (e) {
        throw new CliError((e as Error).message);
      }
      for (const w of plan.warnings) io.warn(`${file}:${w.line ?? 0}: ${w.message}`);
      const json = JSON.stringify(plan, null, 2) + "\n";
      if (outDir) await writeFileAtomic(join(outDir, `${basename(file, extname(file))}.json`), json);
      else io.out(json);
    }
    return 0;
  },
};
