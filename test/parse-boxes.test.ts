import type { Project, ProjectBox } from "../generator/model";
import { extractProjectBoxes } from "../generator/parse/boxes";
import { readProjectList, splitProjectList } from "../generator/parse/boxes/split";
import { answerKey, contextOf, parseFixture, readText, SAMPLES, SEEDS } from "./helpers/parse-fixture";

type KeyProject = string | { name: string; content?: string; investment?: string; investmentUnit?: string; period?: string };
interface KeyBox {
  label: string;
  title: string;
  kind: string;
  groups: Array<{ name: string | null; projects: KeyProject[] }>;
}

/** The parse output in the answer key's shape: a plain name, or the table fields the key prints. */
function asKey(box: ProjectBox, like: KeyBox | undefined): KeyBox {
  return {
    label: box.label,
    title: box.title,
    kind: box.kind,
    groups: box.groups.map((g, gi) => ({
      name: g.name,
      projects: g.projects.map((p: Project, pi) => {
        const wanted = like?.groups[gi]?.projects[pi];
        if (typeof wanted !== "object") return p.name;
        return { name: p.name, content: p.content, investment: p.investment?.raw, investmentUnit: p.investmentUnit, period: p.period };
      }),
    })),
  };
}

function box(boxes: ProjectBox[], label: string): ProjectBox {
  const found = boxes.find((b) => b.label === label);
  if (!found) throw new Error(`${label} not found among ${boxes.map((b) => b.label).join(", ")}`);
  return found;
}

/** every group of a box as name → project names, for comparing a whole box at once */
function groupsOf(b: ProjectBox): Record<string, string[]> {
  return Object.fromEntries(b.groups.map((g) => [g.name ?? "", g.projects.map((p) => p.name)]));
}

function names(b: ProjectBox, group: string | null): string[] {
  const g = b.groups.find((x) => x.name === group);
  if (!g) throw new Error(`group ${group} not in ${b.label}: ${b.groups.map((x) => x.name).join(", ")}`);
  return g.projects.map((p) => p.name);
}

describe("project boxes: the samples' answer keys", () => {
  for (const sample of SAMPLES) {
    test(`${sample}: every box, group and project`, () => {
      const key = answerKey(sample).projectBoxes as KeyBox[];
      const got = parseFixture(`test/fixtures/samples/${sample}.txt`).projectBoxes;
      expect(got.map((b, i) => asKey(b, key[i]))).toEqual(key);
    });
  }

  test("A1's table box maps its money unit from the header and parses the investment", () => {
    const b = box(parseFixture("test/fixtures/samples/A1_qinglan_14fyp.txt").projectBoxes, "专栏 4-1");
    const first = b.groups[0].projects[0];
    expect(first.investment).toMatchObject({ raw: "46.8", value: 46.8, comparator: "=" });
    expect(first.investmentUnit).toBe("亿元");
    expect(b.section).toBe("第四章 完善现代化基础设施体系 / 第二节 提升水利能源保障能力");
  });

  test("capacity and phase stay in the name and are exposed as fields", () => {
    const projects = parseFixture("test/fixtures/samples/A1_qinglan_14fyp.txt").projectBoxes[0].groups[0].projects;
    expect(projects[0]).toMatchObject({ name: "青澜粮油集团年产20万吨稻米精深加工", capacity: "年产20万吨" });
    expect(projects[1]).toMatchObject({ name: "北岭镇食用菌工厂化生产基地（二期）", phase: "二期" });
  });
});

describe("project boxes: seed documents", () => {
  test("000 (荆门 十四五) has 27 numbered boxes after its indicator box", () => {
    const boxes = parseFixture(SEEDS.jingmen).projectBoxes;
    expect(boxes[0]).toMatchObject({ label: "专栏", kind: "indicators", groups: [] });
    expect(boxes.filter((b) => b.label !== "专栏")).toHaveLength(27);
    expect(box(boxes, "专栏 4-1").kind).toBe("layout");
    expect(box(boxes, "专栏 5-1").kind).toBe("projects");
  });

  test("000 专栏 5-1: every project of every group", () => {
    const b = box(parseFixture(SEEDS.jingmen).projectBoxes, "专栏 5-1");
    expect(b.groups.map((g) => g.name)).toEqual(["石油化工", "磷化工", "精细化工"]);
    expect(names(b, "石油化工")).toEqual([
      "荆门石化百万吨特色产品基地和百万吨化工产品基地",
      "荆门石化蒸馏装置隐患治理改造",
      "烷基化企地合资合作",
      "巨邦石油化工年产12万吨环保溶剂及3万吨特种白油精制",
      "旺林新材料年产20万吨不饱和聚酯树脂及6万吨顺酐",
    ]);
    expect(names(b, "磷化工")).toEqual(["新洋丰中磷40万吨/年水溶肥", "新洋丰合成氨技改", "大峪口60万吨/年新型复合肥", "绿景环保100万吨/年磷石膏综合利用"]);
    expect(names(b, "精细化工")).toEqual([
      "固润科技绿色环保光固化新材料产业基地",
      "永健新材料年产16000吨三乙氧基硅烷偶联剂",
      "中迅长青年产61650吨D乳酸甲酯及其衍生物系列产品",
      "尚助化学5万吨助剂产品",
      "纽苏莱年产3.6万吨苯腈",
    ]);
  });

  test("000: paragraphs split by a page break are joined (专栏 5-2, 5-3) and prose beside the list is not a project", () => {
    const boxes = parseFixture(SEEDS.jingmen).projectBoxes;
    expect(names(box(boxes, "专栏 5-2"), "纺织服装")).toEqual(["动能体育李宁（中国）工业园服装区工程", "荣力服饰量子高端功能性产品", "福力德技改", "金汉江年产3万吨精制棉"]);
    expect(names(box(boxes, "专栏 5-2"), "优质粮油精深加工")).toEqual(["京山市桥米现代农业产业园提升工程", "洪森20万吨香米智能化生产及电子商务", "荆品油脂年产30万吨高油酸油加工"]);
    const aviation = names(box(boxes, "专栏 5-3"), "通用航空制造");
    expect(aviation).toHaveLength(13);
    expect(aviation.slice(9)).toEqual(["军民融合特种飞行器产业基地", "轻型固定翼及水面飞行器制造中心", "湖北省通用航空产业创新中心", "屈家岭通用航空产业园"]);
    expect(box(boxes, "专栏 5-2").groups).toHaveLength(6);
  });

  test("000 专栏 4-2: a table, place carried down merged cells", () => {
    const b = box(parseFixture(SEEDS.jingmen).projectBoxes, "专栏 4-2");
    const projects = b.groups[0].projects;
    expect(projects).toHaveLength(15);
    expect(projects[1]).toMatchObject({ name: "新材料产业园", location: "沙阳县", content: "特种玻璃、新型建筑材料" });
  });

  test("003 (咸宁 十五五) has 9 boxes after its indicator box", () => {
    const boxes = parseFixture(SEEDS.xianning).projectBoxes;
    expect(boxes[0]).toMatchObject({ label: "专栏 1", kind: "indicators" });
    expect(boxes.slice(1).map((b) => b.label)).toEqual(["专栏 2", "专栏 3", "专栏 4", "专栏 5", "专栏 6", "专栏 7", "专栏 8", "专栏 9", "专栏 10"]);
  });

  test("003 专栏 6 and 7: every project, page breaks bridged", () => {
    const boxes = parseFixture(SEEDS.xianning).projectBoxes;
    expect(names(box(boxes, "专栏 6"), "重要物流枢纽建设工程")).toEqual([
      "咸宁国际陆港物流园（一期）",
      "长江咸宁港嘉鱼物流产业园（一期）",
      "赤壁沿江公铁联运绿色物流中心",
      "鄂湘赣商贸物流中心（一期）",
      "崇阳县综合物流园及配套设施建设",
    ]);
    expect(names(box(boxes, "专栏 7"), "重点水源工程")).toEqual([
      "通山县黄荆口水库",
      "崇阳县木三李水库",
      "通城县鹰咀岩水库",
      "通山县郭源水库",
      "咸安区山里饶水库",
      "赤壁市毛棚口水库",
      "通山县横溪水库",
    ]);
    expect(box(boxes, "专栏 7").groups.map((g) => g.name)).toEqual(["防洪减灾工程", "重点水源工程", "引调水工程", "大中型灌区工程", "数字孪生水利工程"]);
    // page breaks inside 专栏 5, 9 and 10 must not create groups of their own
    expect(box(boxes, "专栏 5").groups.map((g) => g.name)).toEqual(["粮油产业", "生猪（家禽及蛋制品）产业", "特色淡水产品产业", "桂花产业", "茶叶产业", "蔬菜水果产业", "竹产业"]);
    expect(box(boxes, "专栏 9").groups.map((g) => g.name)).toEqual(["立德树人", "基础教育", "职业教育", "高等教育", "教师队伍", "智慧教育"]);
    expect(box(boxes, "专栏 10").groups).toHaveLength(5);
  });

  test("004 (鄂州 十四五) has 23 boxes; 专栏2-3 and nested headings in 3-1", () => {
    const boxes = parseFixture(SEEDS.ezhou).projectBoxes;
    expect(boxes).toHaveLength(23);
    const water = box(boxes, "专栏 2-3");
    expect(water.groups).toEqual([
      { name: "防洪减灾工程", projects: expect.any(Array) },
      { name: "水资源配置工程", projects: expect.any(Array) },
    ]);
    expect(names(water, "防洪减灾工程")).toEqual(["花马湖防洪能力提升工程", "长江中下游崩岸治理工程", "洋澜湖泵站改扩建工程", "长港河系统治理工程"]);
    expect(names(water, "水资源配置工程")).toEqual(["应急备用水源工程", "城乡供水管网工程", "华容区农村饮水安全巩固提升工程"]);
    const transport = box(boxes, "专栏 3-1");
    expect(transport.groups.map((g) => g.name)).toEqual([
      "公路/高速公路", "公路/普通公路", "铁路/国铁线网", "铁路/货运铁路", "铁路/城市轨道交通", "水路/航运建设", "水路/港口建设", "航空/民用航空",
    ]);
    expect(names(transport, "铁路/城市轨道交通")).toEqual(["武鄂黄市域铁路鄂州段", "武汉轨道交通30号线红莲湖东段"]);
    expect(box(boxes, "专栏 6-1").kind).toBe("layout");
  });

  test("no project name carries 等项目, a dangling 、, a full stop or the next paragraph", () => {
    for (const path of [...Object.values(SEEDS), ...SAMPLES.map((s) => `test/fixtures/samples/${s}.txt`)]) {
      for (const b of parseFixture(path).projectBoxes) {
        for (const g of b.groups) {
          for (const p of g.projects) {
            expect(p.name).not.toMatch(/等项目|^、|、$|。|第[一二三四五六七八九十]+[章节篇]|专栏/u);
            expect(p.name.length).toBeLessThanOrEqual(80);
          }
        }
      }
    }
  });
});

describe("project boxes: faithful items", () => {
  test("004 专栏 2-4: named works after ； are read beside a description; a shared ending over places is one project", () => {
    const b = groupsOf(box(parseFixture(SEEDS.ezhou).projectBoxes, "专栏 2-4"));
    expect(b["老旧小区改造"]).toEqual(["集镇老旧小区改造项目", "鄂城区、华容区、梁子湖区老旧小区改造建设工程"]);
    expect(b["城镇垃圾处理"]).toEqual(["垃圾分类收运系统项目", "老填埋场存量垃圾治理项目", "生活垃圾中有害垃圾收运、临时存放设施建设项目", "废旧家电回收处理体系建设项目"]);
    expect(b["万户电改"]).toEqual(["鄂城区、华容区、梁子湖区、葛店开发区、临空经济区万户电改工程"]);
    expect(b["城镇供水供气"]).toEqual(["主城区供水管网及老旧小区供水设施改造工程", "城东水厂工程", "梁子湖区农村供水保障工程"]);
  });

  test("004: governing verbs go from an item's head (加快, 重点支持, 积极培育, 规范发展); directions and fragments are not projects", () => {
    const boxes = parseFixture(SEEDS.ezhou).projectBoxes;
    expect(names(box(boxes, "专栏 4-1"), "技术创新平台")).toEqual(["湖北省鄂州生命科学产业技术研究院", "华中科技大学鄂州工研院", "中科院鄂州量子工业技术研究院", "湖北省中药产业技术研究院"]);
    expect(names(box(boxes, "专栏 4-2"), "人才引进平台")).toEqual(["海归创业园", "台商产业园"]);
    const services = groupsOf(box(boxes, "专栏 4-5"));
    expect(services["现代金融业"]).toEqual(["鄂州金融港"]);
    expect(services["生活服务业"]).toEqual([]);
    expect(services["大健康产业"].slice(0, 5)).toEqual(["健康医疗大数据平台", "红莲湖国际医疗中心", "梧桐湖国际健康物联网", "三江港健康生态养老园基地", "黄龙水库旅游医药谷"]);
    expect(names(box(boxes, "专栏 4-3"), "生物医药")).toEqual(["铂华基因测序及核酸检测", "葛店大健康产业园", "湖北锐世PET-CT", "中部医疗", "爱民制药中药创新数字化绿色产业升级及医药行业工业互联网平台"]);
    expect(names(box(boxes, "专栏 4-4"), "装备制造业")).toEqual([]);
    expect(names(box(boxes, "专栏 9-4"), "医疗救治能力提升工程")).toEqual(["市区六家公共卫生临床中心", "鄂州市中心医院临空院区", "市妇幼保健院", "市儿童医院", "临空经济区人民医院"]);
    expect(names(box(boxes, "专栏 9-4"), "健康养老服务工程")[0]).toBe("市养老护理院");
    for (const b of boxes) for (const g of b.groups) for (const p of g.projects) expect(p.name).not.toMatch(/^(?:加快|重点|积极|规范|和|与|推进|建设|实施|培育|培养)/u);
  });

  test("004: 等项目 inside a list, 等地 naming places, and works separated by ，", () => {
    const boxes = parseFixture(SEEDS.ezhou).projectBoxes;
    expect(names(box(boxes, "专栏 5-1"), "蓝天工程")).toEqual(["机动车和非道路移动机械环境管理能力建设项目", "鄂州市钢铁行业大气环境综合治理项目", "大气污染成因与精细化管控", "鄂州球团厂搬迁改造"]);
    expect(names(box(boxes, "专栏 5-1"), "净土工程").slice(6)).toEqual(["梁子湖区土壤、地下水、农业农村环境综合治理工程示范项目", "鄂城区采选矿行业废弃地块土壤治理修复、综合利用项目", "华容区鸭儿湖氧化塘污染综合治理项目"]);
    expect(names(box(boxes, "专栏 9-5"), "防灾减灾工程")).toEqual(["自然灾害综合监测预警系统工程", "应急避难场所工程", "智慧消防工程", "公共消防安全基础工程", "西山园林风景管理处伍家垄、西山街道落驾坪社区邵家垮等地地质灾害治理工程"]);
    expect(names(box(boxes, "专栏 6-3"), "现代农业产业园建设项目")).toEqual(["国家级、省级现代农业产业园3个"]);
  });

  test("000 专栏 4-4 / 4-5 (layout printed as prose): the named markets and 商圈, a description kept as content", () => {
    const boxes = parseFixture(SEEDS.jingmen).projectBoxes;
    const markets = box(boxes, "专栏 4-4");
    expect(groupsOf(markets)).toEqual({
      "“两区”": ["杨家桥专业市场集聚区", "国际内陆港专业市场集聚区"],
      "“三点”": ["荆门农副产品专业市场", "荆门家庭时尚用品市场", "东宝钢材市场"],
      县市专业市场建设: ["沙阳县", "钟祥市", "京山市"],
    });
    expect(markets.groups[1].projects[2]).toMatchObject({ name: "东宝钢材市场", content: "位于东宝工业园区内，定位为荆门市及周边县市民用钢材专业市场，发展钢材批发交易、仓储配送、钢材绿色加工" });
    expect(groupsOf(box(boxes, "专栏 4-5"))).toEqual({
      "中心城区“1+2+5+30”商圈空间布局": ["CBD（中央商务区）商圈", "中天街商圈", "虎牙关商圈", "龙凤山商圈", "漳河新区商圈", "人民万福商圈", "杨家桥商圈", "航空新城商圈"],
      "沙阳县“一核三副多点”的商圈布局": ["友邦世界城综合体", "西荆河休闲游乐街", "滨江新区、高阳、官垵三个区级商圈", "南湖社区", "荆潜路以西社区", "太一湖北侧社区", "卷桥社区", "高桥社区", "洪岭社区", "新港社区"],
      // places that name no work of their own stay with the kind of thing they are ("…等商圈", "…三大商圈")
      "钟祥市“一主五副多点”的商圈布局": ["新中百、南湖新区、胡集、旧口、石牌等商圈"],
      "京山市“三圈一廊多体”的商圈布局": ["老城区、东城区、温泉新区三大商圈", "石龙镇—太子山—虎爪山—G234国道—京绿线—绿林镇百里生态画廊"],
    });
  });

  test("000 专栏 13-2 / 13-4: roads by code with what is done as content; works over several named places are one", () => {
    const boxes = parseFixture(SEEDS.jingmen).projectBoxes;
    const roads = box(boxes, "专栏 13-2");
    expect(names(roads, "“三纵两横”国道网")).toEqual(["G240", "G234", "G207", "G347", "G348"]);
    expect(roads.groups[1].projects[0]).toMatchObject({ name: "G240", content: "京山段一级公路改扩建" });
    expect(names(roads, "“八纵六横五连两环”省道网")).toHaveLength(21);
    expect(names(roads, "公路路网完善工程")).toHaveLength(13);
    expect(names(box(boxes, "专栏 13-4"), "水利基础设施").slice(3, 6)).toEqual(["漳水库等大中型灌区续建配套与现代化改造工程", "温峡口、八子门等11座大中型水库除险加固", "竹皮河、淝河等7条中小河流防洪治理"]);
    expect(names(box(boxes, "专栏 13-4"), "管道运输").slice(1)).toEqual(["潜江-沙洋天然气支干线", "“黄梅-荆门”原油管道工程"]);
  });

  test("003 专栏 7: a list closed by 等 and a work is one project; so is one of bare names closed by a kind of thing", () => {
    const water = box(parseFixture(SEEDS.xianning).projectBoxes, "专栏 7");
    expect(names(water, "防洪减灾工程")).toEqual(["长江干流堤防（咸宁段）提档升级", "合镇垸簪洲湾堤整险加固", "富水、淦河、新店河、横石河、青山河等重点中小河流治理", "双石、望江岭、阁壁、天城闸等大中型病险水库水闸除险加固"]);
    expect(names(water, "大中型灌区工程")).toEqual(["隽东灌区", "川石、隽西、车埠等大中型新建灌区", "陆水、三湖连江、石雨塘、渗子湖、鸣水泉等大中型灌区现代化改造"]);
  });
});

describe("list splitting rules", () => {
  test("；-separated works are read where a description stands before them; 、 inside such a work stays", () => {
    expect(splitProjectList("甲乙体系建设，推动丙丁行业转型升级，规划建设一批庚辛中心；壬癸收运系统项目；子丑存量垃圾治理项目；寅卯收运、临时存放设施建设项目。")).toEqual(["壬癸收运系统项目", "子丑存量垃圾治理项目", "寅卯收运、临时存放设施建设项目"]);
  });
  test("bare places before one work, and members before 等+count+work, are one project; 等+kind lists members that name works", () => {
    expect(splitProjectList("甲乙区、丙丁区、戊己区老旧小区改造建设工程。")).toEqual(["甲乙区、丙丁区、戊己区老旧小区改造建设工程"]);
    expect(splitProjectList("推进甲口、乙门等11座大中型水库除险加固。")).toEqual(["甲口、乙门等11座大中型水库除险加固"]);
    expect(splitProjectList("推进甲乙、丙丁、戊己等大中型新建灌区。")).toEqual(["甲乙、丙丁、戊己等大中型新建灌区"]);
    expect(splitProjectList("推进甲乙灌区、丙丁灌区等大中型新建灌区。")).toEqual(["甲乙灌区", "丙丁灌区"]);
    expect(splitProjectList("完成甲学校、乙学校、丙学校等10所城镇学校建设工程。")).toEqual(["甲学校", "乙学校", "丙学校"]);
  });
  test("verbs at an item's head go, with the 建设 that closes their list; verbs of goals make a clause descriptive", () => {
    expect(splitProjectList("加快甲乙临床中心建设、加快丙丁医院临空院区、戊己保健院建设。")).toEqual(["甲乙临床中心", "丙丁医院临空院区", "戊己保健院"]);
    expect(splitProjectList("积极培育甲乙消费、丙丁消费等消费新热点，推进与消费者体验、个性化设计等相关产业加快发展。")).toEqual([]);
    expect(splitProjectList("规范发展甲乙金融、丙丁公司等机构。重点实施戊己金融港等项目。")).toEqual(["戊己金融港"]);
  });
  test("a named label over a description is the entry; a code in a ；-list keeps what is done as content", () => {
    expect(readProjectList("甲乙专业市场：位于丙丁街道，定位为戊己中心。")).toEqual([{ name: "甲乙专业市场", content: "位于丙丁街道，定位为戊己中心" }]);
    expect(readProjectList("纵一：G11，甲乙段一级公路改扩建；纵二：G22。")).toEqual([{ name: "G11", content: "甲乙段一级公路改扩建" }, { name: "G22" }]);
  });

  test("a governing verb and the 等项目建设 tail go; quotes and brackets are never split", () => {
    expect(splitProjectList("重点推进甲园（一期、二期）、乙“一主、两翼”基地等项目建设。")).toEqual(["甲园（一期、二期）", "乙“一主、两翼”基地"]);
  });
  test("descriptive sentences around a list are not projects", () => {
    expect(splitProjectList("以甲集团、乙公司等企业为龙头，发展丙、丁等产品。建设戊产业园、己基地等项目。")).toEqual(["戊产业园", "己基地"]);
  });
  test("on ； and on 、 alike", () => {
    expect(splitProjectList("纵一：随岳高速；纵二：枣潜高速。")).toEqual(["随岳高速", "枣潜高速"]);
  });
});

describe("robustness", () => {
  test("shuffled, truncated and byte-flipped documents never throw", () => {
    const text = readText(SEEDS.jingmen);
    const lines = text.split("\n");
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 40; i++) {
      const copy = lines.slice(0, Math.floor(rand() * lines.length));
      for (let k = 0; k < 30; k++) {
        const a = Math.floor(rand() * copy.length);
        const b = Math.floor(rand() * copy.length);
        [copy[a], copy[b]] = [copy[b], copy[a]];
        if (copy[a]) copy[a] = copy[a].slice(0, Math.floor(rand() * copy[a].length)) + "\uFFFD（“、：" ;
      }
      const ctx = contextOf(copy.join("\n"));
      expect(() => extractProjectBoxes(ctx)).not.toThrow();
    }
  });
});

describe("fragments and glued names (issue 11)", () => {
  test("names that name no work stay one item with what they are; a count takes as many items as it counts", () => {
    const ezhou = parseFixture(SEEDS.ezhou).projectBoxes;
    expect(names(box(ezhou, "专栏 6-4"), "美丽乡村建设工程")).toEqual(["葛湖、环南迹湖、环红莲湖、百里长港、环白雉山、环梁子湖六条乡村振兴带", "美丽乡村示范村100个、整治村200个"]);
    expect(names(box(ezhou, "专栏 6-4"), "农村基础设施提升工程")).toEqual(["村内道路、农村安全饮水、农村电网、乡村物流、宽带网络等基础设施"]);
    const xianning = parseFixture(SEEDS.xianning).projectBoxes;
    expect(names(box(xianning, "专栏 10"), "中医药传承创新发展工程")).toContain("骨伤科、康复、脑病等中医优势专科");
    for (const b of [...ezhou, ...xianning]) for (const g of b.groups) for (const p of g.projects) expect(p.name).not.toMatch(/^(?:葛湖|川石|康复|脑病|整治村200个)$/u);
  });

  test("two works glued by 和 are two where each stands alone; a shared owner keeps them one", () => {
    expect(names(box(parseFixture(SEEDS.xianning).projectBoxes, "专栏 6"), "公路扩容补短工程").slice(0, 3)).toEqual(["咸宁城区南外环高速公路", "通城至修水高速公路", "武汉都市圈环线高速汉南过江通道"]);
    expect(names(box(parseFixture(SEEDS.jingmen).projectBoxes, "专栏 11-1"), "基础设施建设工程")).toContain("钟祥市文化馆和图书馆");
    expect(splitProjectList("建设甲乙中心和丙丁区体育文化休闲公园。")).toEqual(["甲乙中心", "丙丁区体育文化休闲公园"]);
    expect(splitProjectList("建设甲乙文化馆和图书馆。")).toEqual(["甲乙文化馆和图书馆"]);
  });
});
