import { mkdir } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { parseFile } from "../parse";
import { writeFileAtomic } from "../util/atomic";
import { CliError, type Command } from "./command";
import { errorLine } from "./errors";
import { oneLine, toJson } from "./terminal";

export const parseCommand: Command = {
  name: "parse",
  summary: "读取规划文档，以 JSON 输出其规划（Plan）",
  usage: [
    "用法：planbook parse FILE… [--out DIR]",
    "",
    "  一个 FILE       其 Plan JSON 输出到标准输出",
    "  多个 FILE       或 --out DIR：在 DIR（默认当前文件夹）中每个文件写一个 <文件名>.json",
    "",
    "解析提示以 文件:行: 说明 的形式输出到标准错误。有文件完全无法读取时退出码为 1。",
  ].join("\n"),
  options: { out: { type: "string", short: "o" } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new CliError("parse：请给出至少一个文档（planbook parse FILE…）", 2);
    const outDir = typeof values.out === "string" ? values.out : positionals.length > 1 ? io.cwd : null;
    if (outDir) {
      try {
        await mkdir(outDir, { recursive: true });
      } catch (e) {
        throw new CliError(`parse：${errorLine(e, `创建输出文件夹 ${oneLine(outDir)} `)}`);
      }
    }
    // d1/plan.txt and d2/plan.txt must not both write plan.json: later ones get a number
    const targets: string[] = [];
    if (outDir) {
      const taken = new Set<string>();
      for (const file of positionals) {
        const stem = basename(file, extname(file));
        let name = `${stem}.json`;
        for (let n = 2; taken.has(name); n++) name = `${stem}-${n}.json`;
        if (name !== `${stem}.json`) io.warn(`parse：${oneLine(file)} 与其他输入同名，写为 ${oneLine(name)}`);
        taken.add(name);
        targets.push(join(outDir, name));
      }
    }
    for (const [i, file] of positionals.entries()) {
      if (positionals.length > 1) io.progress(`[${i + 1}/${positionals.length}] ${oneLine(file)}`);
      let plan;
      try {
        plan = await parseFile(file);
      } catch (e) {
        throw new CliError(oneLine((e as Error).message.split("\n")[0]));
      }
      for (const w of plan.warnings) io.warn(`${oneLine(file)}:${w.line ?? 0}: ${oneLine(w.message)}`);
      const json = toJson(plan) + "\n";
      if (outDir) {
        const target = targets[i];
        try {
          await writeFileAtomic(target, json);
        } catch (e) {
          throw new CliError(`parse：${errorLine(e, `写入 ${target} `)}`);
        }
      } else io.out(json);
    }
    return 0;
  },
};
