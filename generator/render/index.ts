/**
 * Plans + a template → a workbook. The renderer knows the Plan model and nothing about the documents
 * Plans come from (DESIGN.md). Templates are ordinary .xlsx files with `{{fields}}` and `jx:`
 * commands in cell comments; templates/README.md documents the language.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import type { Monitoring, Plan, SynonymList } from "../model";
import { loadSynonyms } from "../util/synonyms";
import { withAtomicPath } from "../util/atomic";
import { comparisonView } from "./comparison";
import { TemplateError } from "./commands";
import { fieldRoots, renderBook } from "./engine";
import { exceljsTransformer } from "./exceljs";
import type { Scope } from "./expression";
import type { Transformer } from "./sheet-model";
import { monitoringView } from "./monitoring";
import { nameTables, omitEmptySheets } from "./sheet-rules";
import { beijingTime, planView } from "./views";
import { withColumns } from "./project-views";

export { TemplateError } from "./commands";

export interface RenderOptions {
  /** a built-in template's name (see builtInTemplates()) or a path to an .xlsx */
  template: string;
  out: string;
  /** stamped into the workbook and its zip entries; the same value gives byte-identical files */
  generatedAt?: Date;
  version?: string;
  /** the data of a template whose fields are under `monitoring` (the built-in `monitoring`): computed only when the template asks */
  monitoring?: Monitoring | (() => Monitoring | Promise<Monitoring>);
  /** the indicator-name synonyms comparisons use; the installed templates/synonyms.txt (or PLANBOOK_SYNONYMS) by default */
  synonyms?: SynonymList;
}

function templatesDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "templates");
    if (existsSync(join(candidate, "plan-report.xlsx"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error("the built-in templates folder (templates/) was not found beside this installation");
}

export function builtInTemplates(): string[] {
  return readdirSync(templatesDir())
    .filter((f) => f.endsWith(".xlsx") && !f.startsWith("~$") && !f.startsWith("."))
    .map((f) => f.slice(0, -".xlsx".length))
    .sort();
}

/** A built-in name ("plan-report") or a path to an .xlsx → the template file's path. */
export function resolveTemplate(nameOrPath: string): string {
  if (extname(nameOrPath).toLowerCase() === ".xlsx" || nameOrPath.includes("/") || nameOrPath.includes("\\")) {
    const path = resolve(nameOrPath);
    if (!existsSync(path)) throw new TemplateError(`template ${nameOrPath}: no such file`);
    return path;
  }
  const names = builtInTemplates();
  if (!names.includes(nameOrPath)) throw new TemplateError(`unknown template "${nameOrPath}" (built-in: ${names.join(", ")}; or give a path to an .xlsx)`);
  return join(templatesDir(), `${nameOrPath}.xlsx`);
}

/** What the fields of a template refer to: `plan` (one workbook per Plan) or the whole list. */
export async function templateIsPerPlan(nameOrPath: string, transformer: Transformer = exceljsTransformer): Promise<boolean> {
  const roots = fieldRoots(await transformer.load(resolveTemplate(nameOrPath)));
  return roots.has("plan");
}

export function scopeFor(plans: Plan[], generatedAt: Date, version: string, synonyms: SynonymList = loadSynonyms(), monitoring: Monitoring | null = null): Scope {
  const views = plans.map(planView);
  // the register's columns are those some project of any plan fills; with several plans each plan's
  // rows follow them too (the rows are the same objects), so a plan's columns are the register's
  const one = views[0];
  const projects = plans.length > 1 ? withColumns(views.flatMap((v) => v.projects)) : { rows: one?.projects ?? [], columns: one?.projectColumns ?? [], details: one?.projectDetails ?? [] };
  const layouts = plans.length > 1 ? withColumns(views.flatMap((v) => v.layouts)) : { rows: one?.layouts ?? [], columns: one?.layoutColumns ?? [], details: one?.layoutDetails ?? [] };
  for (const v of plans.length > 1 ? views : []) {
    Object.assign(v, { projectColumns: projects.columns, projectDetails: projects.details, layoutColumns: layouts.columns, layoutDetails: layouts.details });
  }
  return {
    plan: views[0] ?? null,
    plans: views,
    projects: projects.rows,
    projectColumns: projects.columns,
    projectDetails: projects.details,
    layouts: layouts.rows,
    layoutColumns: layouts.columns,
    layoutDetails: layouts.details,
    comparison: comparisonView(plans, synonyms),
    monitoring: monitoring ? monitoringView(monitoring) : null,
    generatedAt: beijingTime(generatedAt),
    version,
  };
}

export async function renderToFile(
  plans: Plan[],
  opts: RenderOptions,
  transformer: Transformer = exceljsTransformer,
): Promise<{ path: string; warnings: string[] }> {
  const generatedAt = opts.generatedAt ?? new Date();
  const templatePath = resolveTemplate(opts.template);
  const book = await transformer.load(templatePath);
  const warnings = [...book.lost];
  const roots = fieldRoots(book);
  if (roots.has("plan") && plans.length > 1) warnings.push(`${book.label} shows one Plan per workbook; only the first of ${plans.length} is in ${opts.out}`);
  let monitoring: Monitoring | null = null;
  if (roots.has("monitoring")) {
    if (!opts.monitoring) throw new TemplateError(`${book.label} 是规划实施监测模板，需要监测数据：请用 planbook monitor --region … --plan … --out FILE.xlsx`);
    monitoring = typeof opts.monitoring === "function" ? await opts.monitoring() : opts.monitoring;
  }
  const scope = scopeFor(plans, generatedAt, opts.version ?? "dev", opts.synonyms ?? loadSynonyms(), monitoring);
  const output = renderBook(nameTables(omitEmptySheets(book, scope), scope), scope);
  const path = resolve(opts.out);
  const kept = await withAtomicPath(path, (tmp) =>
    transformer.write(output, tmp, { streaming: transformer.canStream(book), generatedAt, creator: `Planbook ${opts.version ?? ""}`.trim() }),
  );
  return { path, warnings: [...warnings, ...(kept ?? [])] };
}
