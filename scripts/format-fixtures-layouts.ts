/**
 * Content for the PDF layout fixtures, written as HTML LibreOffice prints:
 *   loose-table  an indicator table printed without any ruling line over two pages, its header not
 *                repeated on the second, names long enough to wrap in their cells, the years set over
 *                "年" ("2020<br>年"), each category printed once in the middle of its rows
 *   two-column   a work-report digest set in two columns, its targets in the paragraphs of both
 */

export interface LooseRow {
  category: string;
  seq: string;
  name: string;
  unit: string;
  base: string;
  target: string;
  rate: string;
  attribute: string;
}

const CATEGORIES = ["经济发展", "创新驱动", "民生福祉", "绿色生态"];

/** 32 rows, eight per category; every third name long enough to wrap in its cell. */
export function looseRows(): LooseRow[] {
  const out: LooseRow[] = [];
  let seq = 1;
  for (const [ci, category] of CATEGORIES.entries()) {
    for (let k = 0; k < 8; k++) {
      const base = (20 + ci * 5 + k * 1.25).toFixed(2);
      const target = (25 + ci * 5 + k * 1.5).toFixed(1);
      const name = k % 3 === 2 ? `${category}第${k + 1}项指标（按常住人口计算的城乡居民综合水平）` : `${category}第${k + 1}项指标`;
      const rate = k % 4 === 0 ? `[${(Number(target) - Number(base)).toFixed(2)}]` : k % 4 === 1 ? `${6 + k}左右` : k % 4 === 2 ? "—" : `>${k}`;
      out.push({ category, seq: String(seq++), name, unit: k % 2 ? "%" : "万人", base, target, rate, attribute: k % 3 === 1 ? "约束性" : "预期性" });
    }
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function looseTableHtml(): string {
  const rows = looseRows();
  const prose = (n: number) =>
    Array.from({ length: n }, () => `<p>全县上下坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹发展和安全，经济社会发展主要指标总体符合预期，为实现第二个百年奋斗目标奠定坚实基础。</p>`).join("\n");
  // the header is an ordinary row (not <thead>), so LibreOffice does not repeat it on the next page
  const header = `<tr><td>类别</td><td>序号</td><td width="30%">指标名称</td><td>单位</td><td>2020<br>年</td><td>2025<br>年</td><td>年均增长<br>[累计]</td><td>属性</td></tr>`;
  const trs = rows.map((r, i) => {
    const cat = i % 8 === 0 ? `<td rowspan="8" valign="middle">${esc(r.category)}</td>` : "";
    return `<tr>${cat}${[r.seq, r.name, r.unit, r.base, r.target, r.rate, r.attribute].map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`;
  });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>松溪县十四五规划</title></head><body>
<p align="center" style="font-size:20pt"><b>松溪县国民经济和社会发展第十四个五年规划纲要</b></p>
<h1>第一章 发展基础</h1>
${prose(8)}
<h1>第二章 主要目标</h1>
<p>今后五年全县经济社会发展的主要指标如下表。</p>
<p align="center"><b>松溪县“十四五”时期经济社会发展主要指标</b></p>
<table border="0" cellspacing="0" cellpadding="4" width="100%">${header}${trs.join("")}</table>
<p>注：[]内为五年累计数。</p>
<h1>第三章 规划实施</h1>
${prose(2)}
</body></html>`;
}

/** The targets the digest states, in order: [metric as the parser names it, value as printed]. */
export const TWO_COLUMN_TARGETS: Array<[string, string]> = [
  ["地区生产总值增长", "6.5%左右"],
  ["城镇新增就业", "1.2万人以上"],
  ["居民消费价格涨幅", "3%左右"],
  ["粮食产量", "20万吨以上"],
];

export function twoColumnHtml(): string {
  const para = (n: number) =>
    `<p>（${n}）全县上下坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展，统筹发展和安全，奋力谱写中国式现代化县域新篇章。</p>`;
  const body = [
    para(1),
    para(2),
    para(3),
    `<p>今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，城镇新增就业1.2万人以上，居民消费价格涨幅3%左右，粮食产量20万吨以上。</p>`,
    para(4),
    para(5),
    para(6),
    para(7),
    para(8),
    para(9),
    para(10),
    para(11),
    para(12),
  ];
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>松溪县2024年政府工作报告解读</title></head><body>
<p align="center" style="font-size:18pt"><b>松溪县2024年政府工作报告解读</b></p>
<multicol cols="2" gutter="28">${body.join("\n")}</multicol>
</body></html>`;
}

/**
 * A page of merged cells for the .doc reader: a group header over three columns, categories
 * merged down, a cell merged across in a data row, and a 专栏 box holding a project table.
 */
export function mergesHtml(): string {
  const td = (t: string, attrs = "") => `<td${attrs}>${esc(t)}</td>`;
  const rows = [
    `<tr>${td("类别", ' rowspan="2"')}${td("序号", ' rowspan="2"')}${td("指标名称", ' rowspan="2"')}${td("规划目标", ' colspan="3"')}${td("属性", ' rowspan="2"')}</tr>`,
    `<tr>${td("2020年")}${td("2025年")}${td("年均增长")}</tr>`,
    `<tr>${td("经济发展", ' rowspan="3"')}${td("1")}${td("地区生产总值")}${td("2048")}${td("2900")}${td("7%左右")}${td("预期性")}</tr>`,
    `<tr>${td("2")}${td("常住人口城镇化率")}${td("62.5")}${td("67")}${td("—")}${td("预期性")}</tr>`,
    `<tr>${td("3")}${td("数字经济核心产业增加值占比")}${td("与全省同步", ' colspan="3"')}${td("预期性")}</tr>`,
    `<tr>${td("绿色生态", ' rowspan="2"')}${td("4")}${td("森林覆盖率")}${td("31.75")}${td("32.05")}${td("[0.3]")}${td("约束性")}</tr>`,
    `<tr>${td("5")}${td("单位地区生产总值能耗降低")}${td("—")}${td("—")}${td("完成省下达目标")}${td("约束性")}</tr>`,
  ];
  const projects = `<table border="1" cellspacing="0" cellpadding="3" width="100%"><tr>${td("项目名称")}${td("建设内容")}${td("总投资（亿元）")}${td("建设年限")}</tr><tr>${td("松溪水库扩容工程")}${td("新增库容1200万立方米")}${td("8.5")}${td("2021-2024")}</tr><tr>${td("城区防洪堤加固")}${td("加固堤防12公里")}${td("3.2")}${td("2022-2023")}</tr></table>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>松溪县十四五规划（节选）</title></head><body>
<p align="center"><b>松溪县国民经济和社会发展第十四个五年规划纲要（节选）</b></p>
<h1>第一章 主要目标</h1>
<p align="center"><b>松溪县“十四五”时期经济社会发展主要指标</b></p>
<table border="1" cellspacing="0" cellpadding="3" width="100%">${rows.join("")}</table>
<h1>第二章 水利建设</h1>
<p>完善水利基础设施，提升防洪减灾能力。</p>
<table border="1" cellspacing="0" cellpadding="6" width="100%"><tr><td><p align="center"><b>专栏 2-1 水利重点项目</b></p>${projects}<p>以上项目总投资11.7亿元。</p></td></tr></table>
<h1>第三章 规划实施</h1>
<p>建立健全规划实施监测评估机制。</p>
</body></html>`;
}
