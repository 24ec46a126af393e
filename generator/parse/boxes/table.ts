import type { Project, ProjectGroup } from "../../model";
import type { GridRow } from "../tables/grid";
import type { SourceLine } from "../context";
import { squeezeSpaces } from "../paragraphs";
import { parseQuantity } from "../quantity";
import { readGrid } from "../tables/readers";
import { nameDetails } from "./split";

/** A project table inside a box, read by the same layout readers as indicator tables; each row keeps its line. */
export function readBoxGrid(lines: SourceLine[]): GridRow[] | null {
  const grid = readGrid(lines);
  return grid && grid.rows.length > 1 ? grid.rows : null;
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

/** a group's number in the 序号 column: 一, 二、, （三） */
const GROUP_SEQ = /^(?:[一二三四五六七八九十]{1,3}[、.．]?|[（(][一二三四五六七八九十]{1,3}[）)])$/u;
/** a group printed as a row of its own: "一、交通" alone in a cell merged across */
const GROUP_ACROSS = /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])\s*(\S.{0,20})$/u;

/**
 * A row that names a group of the projects under it: a Chinese number in the 序号 column and a
 * name with nothing else, or "一、交通" alone in the row. Its name, or null for a project row.
 */
function groupRow(cells: string[], seq: number, name: number): string | null {
  const filled = cells.map((c, i) => [c, i] as const).filter(([c]) => c);
  if (filled.length === 2 && seq >= 0 && GROUP_SEQ.test(cells[seq] ?? "") && cells[name]) return cells[name];
  if (filled.length === 1) {
    const m = GROUP_ACROSS.exec(filled[0][0]);
    if (m) return m[1];
  }
  return null;
}

/**
 * Grid → groups of projects, fields by header, each project with its own line. Rows that name a
 * group (一 | 交通) open a group; projects before any are in an unnamed one. A blank place cell
 * takes the one above (merged cells).
 */
export function projectsFromGrid(grid: GridRow[]): ProjectGroup[] {
  const header = grid[0].cells.map((h) => squeezeSpaces(h));
  const cols = mapColumns(header);
  if (!cols) return [{ name: null, projects: [] }];
  const seqCol = header.findIndex((h) => /^(?:序号|编号)$/u.test(h));
  const groups: ProjectGroup[] = [];
  let out: Project[] | null = null;
  let place = "";
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r].cells.map((c) => squeezeSpaces(c));
    const cell = (i: number) => (i >= 0 && i < row.length ? row[i] : "");
    const group = groupRow(row, seqCol, cols.name);
    if (group !== null) {
      out = [];
      groups.push({ name: group, projects: out });
      continue;
    }
    const name = cell(cols.name);
    if (cols.location >= 0 && cell(cols.location)) place = cell(cols.location);
    if (!name) continue;
    if (!out) {
      out = [];
      groups.push({ name: null, projects: out });
    }
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
    p.line = grid[r].line;
    out.push(p);
  }
  return groups.length ? groups : [{ name: null, projects: [] }];
}
