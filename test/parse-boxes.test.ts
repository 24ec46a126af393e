import type { Project, ProjectBox } from "../generator/model";
import { extractProjectBoxes } from "../generator/parse/boxes";
import { splitProjectList } from "../generator/parse/boxes/split";
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

describe("list splitting rules", () => {
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
