/*
 * The vocabulary the box readers judge list items and clauses by. Every entry is a word class of
 * planning prose (adverbs, verbs that govern works, nouns that end a named work), never a phrase
 * taken from one document; the rules that use them are in clause.ts, runs.ts and split.ts.
 */

/**
 * A pattern that must end the text, tried once, at the end (as a lookbehind), rather than at every
 * position of the text as `(?:…)$` is: the same strings match, and the box readers ask it of every item.
 */
export const atEnd = (body: string) => new RegExp(`$(?<=${body})`, "u");

/** adverbs in front of a governing verb: "重点实施", "加快推进", "积极谋划建设", "规范发展" */
export const ADVERBS = [
  "进一步", "高标准", "高质量", "重点", "积极", "大力", "全力", "全面", "着力", "持续", "深入", "扎实", "有序", "稳步",
  "继续", "力争", "同步", "协同", "争取", "配合", "率先", "优先", "抓紧", "规范", "统筹", "加快", "支持",
];
/** verbs that govern a list of works, longest first so "开工建设" wins over "开工" */
export const WORK_VERBS = [
  "开工建设", "规划建设", "谋划建设", "搭建", "改造提升", "提档升级", "新建和改扩建", "改扩建", "实施", "推进", "推动", "建设",
  "建成", "建好", "续建", "新建", "改建", "扩建", "迁建", "开工", "启动", "谋划", "规划", "完成", "抓好", "举办",
];
/** verbs that govern a list of works only in the frame "加快…建设" / "支持…建设"; otherwise they describe */
export const FRAME_VERBS = ["加快", "支持"];
/** words joining two governing verbs: "引进和培育", "建设及运营" */
export const VERB_LINKS = ["和", "及", "并"];

/**
 * A clause that describes rather than lists, by how it starts once its adverbs are gone: a
 * preposition ("以…为龙头", "依托…"), a verb of goals rather than works ("发展", "培育", "打造",
 * "引进"), a target ("到2025年", "力争").
 */
export const DESCRIPTIVE_START = /^(?:以|开发|利用|包括|围绕|依托|按照|到\d|坚持|充分|立足|聚焦|面向|结合|通过|加强|加大|提升|提高|完善|优化|深化|强化|发展|鼓励|引导|促进|构建|形成|巩固|培育|培养|打造|推广|落实|探索|健全|创新|做大|做强|做优|做精|做响|满足|即|突出|瞄准|实现|确保|主要|其中|同时|并|带动|辐射|引进|创建|统筹|壮大|升级|开展|组织|承办|布局|位于|定位|主体为|向|在|对|把|将|由|从|为|与|和|及)/u;
/** words that only a description uses: a leading role ("为龙头"), a target ("达到"), a class of things ("等企业") */
export const DESCRIPTIVE_WORDS =
  /为龙头|为重点|为核心|为依托|为主体|为引领|为目标|为主线|为重要|为主导|为主题|为一体|达到|达\d|突破|增长|提高到|覆盖率|比重|实现|全覆盖|水平|等(?:相关|各类|其他)?(?:[^、，；]{0,4}?)(?:产品|企业|领域|产业|行业|业态|技术|资源|品种|品牌|人才|服务业|消费|热点|机构|模式)/u;
/**
 * a clause that ends on a goal ("…集群化、链条式发展", "…研发", "…化工园区转型升级", "…专业市场提质
 * 改造升级") describes a direction, not a work; judged only where no 等-tail names what the list is
 */
export const DESCRIPTIVE_END =
  atEnd(String.raw`(?:发展|转型|攻关|融合|集聚|壮大|增效|研发|研制|应用|推广|(?:转型|提质|改造|产业)升级)|(?:产业|行业|贸易|服务业|业态|市场)[^、，；]{0,4}(?:提质|升级|发展|转型|集群化)[^、，；]{0,4}`);
/** what may follow a governing verb without being a list of works: "推进以纺纱织布为主导的…", "建设一批…" */
export const DESCRIPTIVE_BODY = /^(?:以|向|在|对|把|将|由|从|围绕|依托|具有|一批|一个|若干|与|和|及|集)/u;

/** a list's generic tail: "等项目", "等重大项目建设", "项目建设", "开工建设", "开展前期工作" ("等地…工程" names places: runs.ts) */
const TAIL_BODY = String.raw`(?:等(?!地)(?:一批)?[^、，；]{0,8}?(?:项目|工程)(?:建设)?|(?:重点|重大)?项目建设|开工建设|(?:开展)?前期工作)`;
export const TAIL = new RegExp(`${TAIL_BODY}$`, "u");
/** whether a text ends in a TAIL, asked at its end only: most items do not, and need no TAIL.exec for where it starts */
export const ENDS_IN_TAIL = atEnd(TAIL_BODY);

/** what a named work ends with; a single item without a list needs one of these to count */
export const FACILITY =
  atEnd(String.raw`(?:项目|工程|园|园区|基地|中心|平台|线|站|厂|馆|院|校|路|桥|港|港区|码头|公路|铁路|高速|高铁|机场|枢纽|管网|水库|设施|小镇|综合体|市场|街区|街|通道|段|泊位|库|电站|楼|公园|景区|体系|系统|城|谷|校区|集聚区|商圈|灌区|画廊|廊道)(?:[（(][^）)]*[）)])?`);
/** what a work done to something ends with: "…综合治理", "…除险加固", "…改造" */
export const WORK_END = atEnd(String.raw`(?:治理|加固|改造|整治|修复|提升|建设|升级|搬迁|迁建|扩建|改建|新建|防治|保护|疏浚|清淤|达标|连通|配置|引水|利用|技改|工程|项目)`);
/** a bare place: "鄂城区", "葛店开发区", "泽林镇" */
export const PLACE = /^[^\d、，；：:（(“]{1,6}(?:区|县|市|镇|乡|街道|社区)$/u;
/** a place at the head of a name, and the name after it: "梁子湖区|老旧小区改造建设工程" */
export const PLACE_HEAD = /^([^\d、，；：:（(“]{1,6}?(?:区|县|市|镇|乡|街道))(.{2,})$/u;
/** a road or line printed as its code: "G240", "S262" */
export const CODE = /^[A-Z]{1,2}\d{1,4}$/u;
/** a count and its measure word: "11座", "三个", "三大" */
export const COUNT = /(?:\d+|[一二两三四五六七八九十百几]+)\s*(?:个|座|条|所|处|家|项|片|大|批)/u;

/** whether an item names a work or facility by its own ending ("…水库", "…综合治理", "G240"), inside quotes too */
export function namesWork(item: string): boolean {
  const inner = item.charCodeAt(0) === 0x201c && item.endsWith("”") ? item.slice(1, -1) : item.replace(/[（(][^）)]*[）)]$/u, "");
  return FACILITY.test(inner) || WORK_END.test(inner) || CODE.test(inner);
}
