import { mkdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { SCHEMA_VERSION, type Plan } from "../model";
import { isDocument, parseFile } from "../parse";
import { renderToFile, resolveTemplate, templateIsPerPlan } from "../render";
import { planbookVersion } from "../version";
import { CliError, type Command } from "./command";

async function readPlan(path: string): Promise<Plan> {
  if (extname(path).toLowerCase() === ".json") {
    let plan: Plan;
    try {
      plan = JSON.parse(await readFile(path, "utf8")) as Plan;
    } catch (e) {
      throw new CliError(`${path}: not a Plan JSON file (${(e as Error).message.split("\n")[0]})`);
    }
    if (plan?.schemaVersion !== SCHEMA_VERSION || !Array.isArray(plan.indicatorTables)) throw new CliError(`${path}: not a Plan JSON file (schemaVersion ${SCHEMA_VERSION} expected)`);
    return plan;
  }
  try {
    return await parseFile(path);
  } catch (e) {
    throw new CliError((e as Error).message);
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
  if (Number.isNaN(d.getTime())) throw new CliError(`generate: --generated-at "${text}" is not an ISO date/time (e.g. 2025-03-01T08:00:00Z)`, 2);
  return d;
}

export const generateCommand: Command = {
  name: "generate",
  summary: "render Plans into Excel workbooks through a template",
  usage: [
    "usage: planbook generate INPUT… [--template NAME|FILE] [--out DIR|FILE] [--generated-at ISO]",
    "",
    "  INPUT             planning documents (.txt, .docx) or Plan JSON files (from planbook parse)",
    "  --template, -t    a built-in template (plan-report, project-register, comparison) or an .xlsx; default plan-report",
    "  --out, -o         plan-report: a directory, one <input>.xlsx per input (default: current directory);",
    "                    other templates: one workbook, a file or a directory (default: <template>.xlsx)",
    "  --generated-at    the time stamped into the workbooks; the same inputs and time give byte-identical files",
    "",
    "Templates are described in templates/README.md. Warnings go to stderr.",
  ].join("\n"),
  options: { template: { type: "string", short: "t" }, out: { type: "string", short: "o" }, "generated-at": { type: "string" } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new CliError("generate: give at least one document or Plan JSON (planbook generate INPUT…)", 2);
    const template = typeof values.template === "string" ? values.template : "plan-report";
    const generatedAt = parseGeneratedAt(values["generated-at"] as string | undefined);
    let perPlan: boolean;
    try {
      resolveTemplate(template);
      perPlan = await templateIsPerPlan(template);
    } catch (e) {
      throw new CliError(`generate: ${(e as Error).message}`);
    }
    const version = planbookVersion();
    // a shell glob such as seeds/* also brings README.md: what is neither a document nor Plan JSON is skipped, and said so
    const inputs = positionals.filter((file) => {
      const keep = isDocument(file) || extname(file).toLowerCase() === ".json";
      if (!keep) io.warn(`generate: skipped ${file}: not a planning document (.txt, .docx) or Plan JSON`);
      return keep;
    });
    if (inputs.length === 0) throw new CliError(`generate: no documents or Plan JSON among ${positionals.join(", ")}`, 2);
    const plans: Plan[] = [];
    for (const [i, file] of inputs.entries()) {
      io.progress(`[${i + 1}/${inputs.length}] reading ${file}`);
      plans.push(await readPlan(file));
    }
    const out = typeof values.out === "string" ? resolve(io.cwd, values.out) : io.cwd;
    const targets: Array<{ plans: Plan[]; path: string }> = [];
    const templateName = basename(template, ".xlsx");
    if (perPlan) {
      await mkdir(out, { recursive: true });
      inputs.forEach((file, i) => targets.push({ plans: [plans[i]], path: join(out, `${basename(file, extname(file))}.xlsx`) }));
    } else if (values.out === undefined || (await isDirectory(out)) || String(values.out).endsWith("/")) {
      await mkdir(out, { recursive: true });
      targets.push({ plans, path: join(out, `${templateName}.xlsx`) });
    } else targets.push({ plans, path: out });
    for (const [i, t] of targets.entries()) {
      if (targets.length > 1) io.progress(`[${i + 1}/${targets.length}] writing ${t.path}`);
      let result;
      try {
        result = await renderToFile(t.plans, { template, out: t.path, generatedAt, version });
      } catch (e) {
        throw new CliError(`generate: ${(e as Error).message.split("\n")[0]}`);
      }
      for (const w of result.warnings) io.warn(`${basename(t.path)}: ${w}`);
      io.out(result.path);
    }
    return 0;
  },
};
