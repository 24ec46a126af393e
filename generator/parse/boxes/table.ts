import type { Project } from "../../model";
import type { SourceLine } from "../context";
import { squeezeSpaces } from "../paragraphs";
import { parseQuantity } from "../quantity";
import { readGrid } from "../tables/readers";
import { nameDetails } from "./split";

/** A project table inside a box, read by the same layout readers as indicator tables. */
export function readBoxGrid(lines: SourceLine[]): string[][] | null {
  const grid = readGrid(lines);
  return grid && grid.rows.length > 1 ? grid.rows.map((r) => r.cells) : null;
}

interface Columns {
  name: number;
  content: number;
  location: number;
  investment: number;
  annualInvestment: number;
  period: number;
  investmentUnit: string | null;
}

const LOCATION = /所在地|建设地点|地点|县市区|区域|位置|属地/u;
const PERIOD = /建设年限|起止年限|建设期|年限|起止年份|建设周期/u;
const ANNUAL = /年度|计划投资|年投资/u;
const INVESTMENT = /总投资|投资/u;
const CONTENT = /建设内容|规模|主导产业|发展重点|内容|方向/u;

function unitOf(header: string): string | null {
  const m = /[（(]\s*(亿元|万元|元)\s*[）)]/u.exec(header);
  return m ? m[1] : null;
}

/** the words each field's header is known by; a cell holding two of them is two columns run together */
const FIELD_WORDS = [/序号/u, /名称/u, /总投资|投资/u, /建设内容|规模/u, PERIOD, LOCATION];

/** "序号 项目名称", "总投资建设内容（亿元）": a page read without its rules ran two columns into one */
function runTogether(h: string): boolean {
  let fields = 0;
  for (const re of FIELD_WORDS) if (re.test(h)) fields++;
  return fields >= 2;
}

/**
 * Columns by header. The name is the 名称 column, else a column naming parks or projects that is
 * not a place. Null when a header cell names two fields: what is under it cannot be told apart.
 */
function mapColumns(header: string[]): Columns | null {
  if (header.some(runTogether)) return null;
  const find = (re: RegExp, not: number[] = []) => header.findIndex((h, i) => !not.includes(i) && re.test(h));
  const location = find(LOCATION);
  const period = find(PERIOD);
  const annualInvestment = find(ANNUAL, [period]);
  const investment = find(INVESTMENT, [annualInvestment, period]);
  let name = find(/名称/u, [location]);
  if (name < 0) name = find(/项目|工程|园|区名|平台|设施/u, [location, investment, annualInvestment, period]);
  if (name < 0) name = location === 0 ? 1 : 0;
  if (name >= header.length) return null;
  const content = find(CONTENT, [name, location, investment, annualInvestment, period]);
  return {
    name,
    content,
    location,
    investment,
    annualInvestment,
    period,
    investmentUnit: investment >= 0 ? unitOf(header[investment]) : null,
  };
}

/** An indicator table's header (指标 with year columns) rather than a project register's. */
export function isIndicatorHeader(header: string[]): boolean {
  return header.some((h) => /指标/u.test(h)) && header.some((h) => /20\d\d|属性|年均|累计/u.test(h));
}

/** Grid → projects, fields by header. A blank place cell takes the one above (merged cells). */
export function projectsFromGrid(grid: string[][], firstLine: number): Project[] {
  const header = grid[0].map((h) => squeezeSpaces(h));
  const cols = mapColumns(header);
  if (!cols) return [];
  const out: Project[] = [];
  let place = "";
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    const cell = (i: number) => (i >= 0 && i < row.length ? squeezeSpaces(row[i]) : "");
    const name = cell(cols.name);
    if (cols.location >= 0 && cell(cols.location)) place = cell(cols.location);
    if (!name) continue;
    const p: Project = { name, ...nameDetails(name) };
    const content = cell(cols.content);
    if (content) p.content = content;
    if (cols.location >= 0 && place) p.location = place;
    const inv = parseQuantity(cell(cols.investment));
    if (inv) {
      p.investment = inv;
      if (cols.investmentUnit) p.investmentUnit = cols.investmentUnit;
    }
    const annual = parseQuantity(cell(cols.annualInvestment));
    if (annual) p.annualInvestment = annual;
    const period = cell(cols.period);
    if (period) p.period = period;
    p.line = firstLine;
    out.push(p);
  }
  return out;
}
