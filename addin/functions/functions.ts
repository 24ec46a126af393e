/**
 * The worksheet functions =PLANBOOK.VALUE / TABLE / PROJECTS / TARGETS. functions.json is generated
 * from the JSDoc below at build time (custom-functions-metadata-plugin), which also appends the
 * CustomFunctions.associate calls to this file. Every call goes through the shared batcher
 * (addin/session.ts): one request per recalculation, answers kept for the session. A lookup that
 * finds nothing is #N/A with the service's sentence; a bad field or argument is #VALUE!; a service
 * that cannot be reached or does not answer in time is #N/A saying so — never a hang.
 */
import type { Lookup } from "../../generator/model";
import { ApiError } from "../api/client";
import { batcher } from "../session";
import { customFunctionsRuntime } from "./runtime";

// Shadows the global on purpose: in Excel without custom functions (2016/2019, the pane in a
// browser) there is no CustomFunctions, and the associate calls the build appends must not throw.
const CustomFunctions = customFunctionsRuntime();

async function ask(lookup: Lookup) {
  let answer;
  try {
    answer = await batcher.request(lookup);
  } catch (error) {
    const message = error instanceof ApiError ? error.message : `无法取得数据：${error instanceof Error ? error.message : String(error)}`;
    throw new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
  }
  const result = answer.result;
  if (!result.ok) {
    const code = result.error === "not-found" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    throw new CustomFunctions.Error(code, result.message);
  }
  return result;
}

function text(value: unknown, what: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number") return String(value).trim();
  throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `${what}应是文字或数字`);
}

function required(value: unknown, what: string): string {
  const clean = text(value, what);
  if (!clean) throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `请填写${what}`);
  return clean;
}

/**
 * 规划中的一个数值或信息，如 =PLANBOOK.VALUE("荆门市","十四五","常住人口城镇化率","目标")；规划实施监测中某年的实际、目标和状态，如 =PLANBOOK.VALUE("荆门市","十四五","地区生产总值增长","2023年实际")。
 * @customfunction VALUE
 * @param region 地区，如“荆门市”或“荆门”
 * @param plan 规划期（十四五、十五五、2024年）或规划编号
 * @param indicator 指标名称，如“地区生产总值增长”（写法不同也能认出）
 * @param [field] 字段：目标（默认）、基期、年均、实际、预计、属性、单位、比较、类型、原文、基期年、目标年……；规划实施监测：2023年实际、2023年目标、2023年状态、2023年来源、状态、依据
 * @returns 数值（原文是一个数时）或原文文字
 */
export async function value(region: string, plan: string, indicator: string, field?: string): Promise<any> {
  const lookup: Lookup = { fn: "value", region: text(region, "地区"), plan: required(plan, "规划期"), indicator: required(indicator, "指标名称") };
  const wanted = text(field, "字段");
  if (wanted) lookup.field = wanted;
  const result = await ask(lookup);
  return "value" in result ? result.value : "";
}

/**
 * 整张指标表（含表头），如 =PLANBOOK.TABLE("荆门市","十四五")。
 * @customfunction TABLE
 * @param region 地区，如“荆门市”
 * @param plan 规划期（十四五、十五五、2024年）或规划编号
 * @param [table] 哪张表：目标（默认，本规划的指标表）、回顾（上期完成情况）、第几张（1、2）或表名中的字
 * @returns 指标表，首行为表头
 */
export async function table(region: string, plan: string, table?: string): Promise<any[][]> {
  const lookup: Lookup = { fn: "table", region: text(region, "地区"), plan: required(plan, "规划期") };
  const which = text(table, "表");
  if (which) lookup.table = which;
  return rowsOf(await ask(lookup));
}

/**
 * 项目清单（含表头），如 =PLANBOOK.PROJECTS("荆门市","十四五","专栏 5-1")。
 * @customfunction PROJECTS
 * @param region 地区，如“荆门市”
 * @param plan 规划期（十四五、十五五）或规划编号
 * @param [box] 专栏编号（专栏 5-1）或专栏名称中的字；不填为全部项目
 * @returns 项目清单，首行为表头
 */
export async function projects(region: string, plan: string, box?: string): Promise<any[][]> {
  const lookup: Lookup = { fn: "projects", region: text(region, "地区"), plan: required(plan, "规划期") };
  const which = text(box, "专栏");
  if (which) lookup.box = which;
  return rowsOf(await ask(lookup));
}

/**
 * 政府工作报告的主要预期目标（含表头），如 =PLANBOOK.TARGETS("荆门市",2024)。
 * @customfunction TARGETS
 * @param region 地区，如“荆门市”
 * @param year 年份，如 2024
 * @returns 主要预期目标，首行为表头
 */
export async function targets(region: string, year: any): Promise<any[][]> {
  return rowsOf(await ask({ fn: "targets", region: required(region, "地区"), year: required(year, "年份") }));
}

function rowsOf(result: Awaited<ReturnType<typeof ask>>): Array<Array<number | string>> {
  return "rows" in result ? result.rows : [[""]];
}
