/**
 * The content of the made format fixtures, written once as HTML and data so every format says
 * the same thing: a fictional 十四五 plan of 桐溪县 with a two-page indicator table (categories
 * merged down their rows and printed in the middle), and 专栏 boxes.
 */

export const CATEGORIES: Array<{ name: string; rows: Array<[string, string, string, string, string, string]> }> = [
  { name: "经济发展", rows: [] },
  { name: "创新驱动", rows: [] },
  { name: "民生福祉", rows: [] },
  { name: "绿色生态", rows: [] },
];

/** 40 indicator rows: [name, unit, 2020, 2025, rate, attribute], ten per category. */
export function indicatorRows(): Array<{ category: string; seq: string; cells: [string, string, string, string, string, string] }> {
  const out: Array<{ category: string; seq: string; cells: [string, string, string, string, string, string] }> = [];
  let seq = 1;
  for (const [ci, c] of CATEGORIES.entries()) {
    for (let k = 0; k < 10; k++) {
      const base = (10 + ci * 7 + k * 1.5).toFixed(1);
      const target = (12 + ci * 7 + k * 1.8).toFixed(1);
      const rate = k % 3 === 0 ? `[${(Number(target) - Number(base)).toFixed(1)}]` : k % 3 === 1 ? `${(5 + k / 2).toFixed(1)}左右` : "—";
      out.push({ category: c.name, seq: String(seq), cells: [`${c.name}第${k + 1}项指标`, k % 2 ? "%" : "亿元", base, target, rate, k % 4 === 3 ? "约束性" : "预期性"] });
      seq++;
    }
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The plan as one HTML document, the source of the .pdf and .doc fixtures. */
export function planHtml(charset = "utf-8"): string {
  const rows = indicatorRows();
  const body: string[] = [];
  body.push(`<p align="center"><b>桐溪县国民经济和社会发展第十四个五年规划纲要</b></p>`);
  body.push(`<h1>第一章 发展基础</h1>`);
  for (let k = 0; k < 3; k++) body.push(`<p>“十三五”时期，全县经济社会发展取得显著成效，地区生产总值年均增长百分之六点五，城乡居民收入稳步提高，生态环境持续改善，各项社会事业全面进步，人民群众获得感明显增强。</p>`);
  body.push(`<h1>第二章 主要目标</h1>`);
  body.push(`<p>今后五年全县经济社会发展的主要目标如下表。</p>`);
  body.push(`<p align="center"><b>桐溪县“十四五”时期经济社会发展主要指标</b></p>`);
  const header = `<tr><th>类别</th><th>序号</th><th>指标名称</th><th>单位</th><th>2020<br>年</th><th>2025<br>年</th><th>年均增长/累计</th><th>属性</th></tr>`;
  const trs = rows.map((r, i) => {
    const cat = i % 10 === 0 ? `<td rowspan="10" valign="middle">${esc(r.category)}</td>` : "";
    return `<tr>${cat}<td>${r.seq}</td>${r.cells.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`;
  });
  body.push(`<table border="1" cellspacing="0" cellpadding="4" width="100%"><thead>${header}</thead><tbody>${trs.join("")}</tbody></table>`);
  body.push(`<p>注：①[]内为五年累计数。</p>`);
  body.push(`<h1>第三章 产业发展</h1>`);
  body.push(`<p>坚持把发展经济的着力点放在实体经济上，推进产业基础高级化、产业链现代化。</p>`);
  body.push(`<table border="1" cellspacing="0" cellpadding="6" width="100%"><tr><td><p align="center"><b>专栏 3-1 重点产业项目</b></p><p>先进制造：桐溪智能装备产业园、溪口新材料基地等项目。</p><p>现代农业：桐溪茶叶精深加工园、南岭果蔬冷链中心等项目。</p></td></tr></table>`);
  body.push(`<h1>第四章 规划实施</h1>`);
  body.push(`<p>建立健全规划实施监测评估机制，确保规划目标任务如期完成。</p>`);
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>桐溪县十四五规划</title></head><body>${body.join("\n")}</body></html>`;
}

/** A government article page around the same content: navigation, breadcrumbs, chrome and a footer that are not the article. */
export function portalPage(charset: string): string {
  const inner = planHtml(charset).replace(/^[\s\S]*<body>/, "").replace(/<\/body>[\s\S]*$/, "");
  const nav = `<div><ul>${["首页", "政务公开", "政策文件", "规划计划", "统计信息", "互动交流", "办事服务"].map((t) => `<li><a href="#">${t}</a></li>`).join("")}</ul></div>`;
  const crumbs = `<div>当前位置：<a href="#">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">规划计划</a></div>`;
  const meta = `<div>发布时间：2021-03-01　来源：县发展和改革局　【字号：大 中 小】</div>`;
  const chrome = `<div>【打印本页】【关闭窗口】【分享到】</div>`;
  const related = `<div><p>相关链接</p><ul>${["关于印发某某办法的通知", "县政府常务会议纪要", "县人民政府关于某某工作的意见", "2020年国民经济和社会发展统计公报"].map((t) => `<li><a href="#">${t}</a></li>`).join("")}</ul></div>`;
  const footer = `<footer><p>主办：桐溪县人民政府办公室　承办：县大数据中心　网站标识码：0000000000　ICP备00000000号</p></footer>`;
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>桐溪县国民经济和社会发展第十四个五年规划纲要_桐溪县人民政府</title></head><body>${nav}<div class="w">${crumbs}<div class="c"><h1>桐溪县国民经济和社会发展第十四个五年规划纲要</h1>${meta}<div class="t">${inner}</div>${chrome}</div>${related}</div>${footer}</body></html>`;
}
