import { mkdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { PLAN_KIND_LABELS, SCHEMA_VERSION, type Plan } from "../model";
import { isDocument, parseFile } from "../parse";
import { renderToFile, resolveTemplate, templateIsPerPlan } from "../render";
import { planbookVersion } from "../version";
import { CliError, type CliIO, type Command } from "./command";
import { errorLine } from "./errors";
import { oneLine } from "./terminal";

async function readPlan(path: string): Promise<Plan> {
  if (extname(path).toLowerCase() === ".json") {
    let plan: Plan;
    try {
      plan = JSON.parse(await readFile(path, "utf8")) as Plan;
    } catch (e) {
      throw new CliError(`${oneLine(path)}：不是 Plan JSON 文件（${oneLine(errorLine(e, "读取").replace(/^读取失败：/, ""))}）`);
    }
    if (plan?.schemaVersion !== SCHEMA_VERSION || !Array.isArray(plan.indicatorTables)) throw new CliError(`${oneLine(path)}：不是 Plan JSON 文件（应为 schemaVersion ${SCHEMA_VERSION}，可由 planbook parse 生成）`);
    return plan;
  }
  try {
    return await parseFile(path);
  } catch (e) {
    throw new CliError(oneLine((e as Error).message.split("\n")[0]));
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function parseGeneratedAt(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new CliError(`generate：--generated-at "${oneLine(text)}" 不是 ISO 日期时间（例如 2025-03-01T08:00:00Z）`, 2);
  return d;
}

/** Characters Windows and macOS refuse in a file name, and the separators. */
function safeName(text: string): string {
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").trim() || "plan";
}

export interface Target {
  plans: Plan[];
  path: string;
  /** the input the workbook is made from (per-plan templates) */
  input?: string;
}

/**
 * Two inputs never write one path: d1/plan.txt and d2/plan.txt both want plan.xlsx. Every
 * workbook whose name is taken by another is named by its plan (region-period-kind), and a
 * number is added while that is still taken. Returns the renamings, for the warnings.
 */
export function uniqueTargets(targets: Target[]): Array<{ from: string; to: string; input: string }> {
  const count = new Map<string, number>();
  for (const t of targets) count.set(t.path, (count.get(t.path) ?? 0) + 1);
  const taken = new Set(targets.filter((t) => count.get(t.path) === 1).map((t) => t.path));
  const renamed: Array<{ from: string; to: string; input: string }> = [];
  for (const t of targets) {
    if (count.get(t.path) === 1) continue;
    const plan = t.plans[0];
    const stem = safeName([plan.region ?? "未知地区", plan.period.label, PLAN_KIND_LABELS[plan.kind] ?? plan.kind].join("-"));
    let candidate = join(dirname(t.path), `${stem}.xlsx`);
    for (let n = 2; taken.has(candidate); n++) candidate = join(dirname(t.path), `${stem}-${n}.xlsx`);
    taken.add(candidate);
    renamed.push({ from: t.path, to: candidate, input: t.input ?? "" });
    t.path = candidate;
  }
  return renamed;
}

async function ensureFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new CliError(`generate：${errorLine(e, `创建输出文件夹 ${oneLine(dir)} `)}`);
  }
}

export const generateCommand: Command = {
  name: "generate",
  summary: "用模板把规划生成为 Excel 工作簿",
  usage: [
    "用法：planbook generate INPUT… [--template NAME|FILE] [--out DIR|FILE] [--generated-at ISO]",
    "",
    "  INPUT             规划文档（.txt、.docx 等）或 Plan JSON 文件（planbook parse 的输出）",
    "  --template, -t    内置模板（plan-report、project-register、comparison）或一个 .xlsx；默认 plan-report",
    "  --out, -o         一个文件夹，或只生成一个工作簿时的 .xlsx 文件；文件夹不存在时会创建",
    "                    plan-report 每个输入一个工作簿，以输入的文件名命名（重名时改用 地区-规划期-类别）；",
    "                    其他模板生成一个工作簿（默认 <模板名>.xlsx）",
    "  --generated-at    写入工作簿的生成时间；输入和时间相同，生成的文件逐字节相同",
    "",
    "模板的写法见 templates/README.md。警告输出到标准错误。",
  ].join("\n"),
  options: { template: { type: "string", short: "t" }, out: { type: "string", short: "o" }, "generated-at": { type: "string" } },
  async run({ values, positionals }, io: CliIO) {
    if (positionals.length === 0) throw new CliError("generate：请给出至少一个文档或 Plan JSON（planbook generate INPUT…）", 2);
    const template = typeof values.template === "string" ? values.template : "plan-report";
    const generatedAt = parseGeneratedAt(values["generated-at"] as string | undefined);
    let perPlan: boolean;
    try {
      resolveTemplate(template);
      perPlan = await templateIsPerPlan(template);
    } catch (e) {
      throw new CliError(`generate：${oneLine((e as Error).message.split("\n")[0])}`);
    }
    const version = planbookVersion();
    // a shell glob such as seeds/* also brings README.md: what is neither a document nor Plan JSON is skipped, and said so
    const inputs = positionals.filter((file) => {
      const keep = isDocument(file) || extname(file).toLowerCase() === ".json";
      if (!keep) io.warn(`generate：已跳过 ${oneLine(file)}：不是规划文档或 Plan JSON`);
      return keep;
    });
    if (inputs.length === 0) throw new CliError(`generate：${positionals.map(oneLine).join("、")} 中没有规划文档或 Plan JSON`, 2);
    const out = typeof values.out === "string" ? resolve(io.cwd, values.out) : io.cwd;
    const outIsFile = typeof values.out === "string" && extname(values.out).toLowerCase() === ".xlsx" && !String(values.out).endsWith("/") && !(await isDirectory(out));
    const workbooks = perPlan ? inputs.length : 1;
    if (outIsFile && workbooks > 1) {
      throw new CliError(`generate：--out ${oneLine(String(values.out))} 是一个文件，但要生成 ${workbooks} 个工作簿；请给一个文件夹（如 --out out/）`, 2);
    }
    const plans: Plan[] = [];
    for (const [i, file] of inputs.entries()) {
      io.progress(`[${i + 1}/${inputs.length}] 读取 ${oneLine(file)}`);
      plans.push(await readPlan(file));
    }
    const targets: Target[] = [];
    const templateName = basename(template, ".xlsx");
    if (outIsFile) targets.push({ plans: perPlan ? [plans[0]] : plans, path: out, input: inputs[0] });
    else if (perPlan) inputs.forEach((file, i) => targets.push({ plans: [plans[i]], path: join(out, `${basename(file, extname(file))}.xlsx`), input: file }));
    else targets.push({ plans, path: join(out, `${templateName}.xlsx`) });
    // every name decided before anything is written
    for (const r of uniqueTargets(targets)) io.warn(`generate：${oneLine(r.input)} 与其他输入同名，写为 ${oneLine(basename(r.to))}（而不是 ${oneLine(basename(r.from))}）`);
    for (const dir of new Set(targets.map((t) => dirname(t.path)))) await ensureFolder(dir);
    for (const [i, t] of targets.entries()) {
      if (targets.length > 1) io.progress(`[${i + 1}/${targets.length}] 写入 ${oneLine(t.path)}`);
      let result;
      try {
        result = await renderToFile(t.plans, { template, out: t.path, generatedAt, version });
      } catch (e) {
        throw new CliError(`generate：${oneLine(errorLine(e, `写入 ${t.path} `))}`);
      }
      for (const w of result.warnings) io.warn(`${oneLine(basename(t.path))}：${oneLine(w)}`);
      io.out(result.path);
    }
    return 0;
  },
};
