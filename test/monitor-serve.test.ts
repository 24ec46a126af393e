/** GET /api/monitoring: the same Monitoring as the CLI, ETagged, described in OpenAPI, fresh after an import or a new revision. */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openLibrary, type Library } from "../generator/library";
import { storeActuals } from "../generator/library/actuals";
import type { Monitoring } from "../generator/model";
import { startServer } from "../generator/serve";
import { fetchText, tempDir } from "./library-support";

const FIXTURES = join(__dirname, "fixtures", "monitoring");
const tmp = tempDir("monitor-serve");
let library: Library;
let server: Awaited<ReturnType<typeof startServer>>;
const url = (region: string, plan: string) => `${server.url}/api/monitoring?region=${encodeURIComponent(region)}&plan=${encodeURIComponent(plan)}`;

beforeAll(async () => {
  library = openLibrary(join(tmp.dir, "library.db"));
  for (const f of readdirSync(FIXTURES)) {
    copyFileSync(join(FIXTURES, f), join(tmp.dir, f));
    await library.ingestFile(join(tmp.dir, f));
  }
  server = await startServer({ library, port: 0, http: true });
});
afterAll(async () => {
  await server.close();
  library.close();
  tmp.remove();
});

test("answers the plan's monitoring with an ETag, and 304 while nothing changed", async () => {
  const reply = await fetchText(url("青禾市", "十四五"));
  expect(reply.status).toBe(200);
  const m = reply.json() as Monitoring;
  expect(m).toMatchObject({ region: "青禾市", plan: { periodLabel: "十四五" }, years: [2021, 2022, 2023, 2024, 2025], asOf: 2025 });
  expect(m.summary).toEqual({ 已完成: 3, 进度正常: 1, 滞后: 4, 无数据: 2, 定性: 1, 无法比较: 2 });
  const grain = m.indicators.find((i) => i.name === "粮食总产量")!;
  expect(grain.years.find((y) => y.year === 2025)!.actual).toMatchObject({ value: 173, unit: "亿斤", source: { type: "document", line: 13 } });
  const etag = reply.headers.etag as string;
  expect(etag).toBeTruthy();
  expect((await fetchText(url("青禾市", "十四五"), { headers: { "If-None-Match": etag } })).status).toBe(304);

  // a clerk's import moves the library's generation: a new answer, a new ETag
  storeActuals(library, [{ region: "青禾市", periodLabel: "十四五", indicator: "森林覆盖率", year: 2024, raw: "41.2", value: 41.2, unit: "%", file: "监测.xlsx", sheet: "年度数据", cell: "H70", importedAt: "2026-01-01T00:00:00Z" }]);
  const after = await fetchText(url("青禾市", "十四五"), { headers: { "If-None-Match": etag } });
  expect(after.status).toBe(200);
  expect(after.headers.etag).not.toBe(etag);
  const forest = (after.json() as Monitoring).indicators.find((i) => i.name === "森林覆盖率")!;
  // path 2024: 40 + 1.5 × 4/5 = 41.2: reached exactly
  expect(forest).toMatchObject({ status: "进度正常", years: expect.arrayContaining([expect.objectContaining({ year: 2024, shown: 41.2 })]) });
});

test("a re-ingested report's new revision is in the next answer", async () => {
  const file = join(tmp.dir, "qinghe-2026-government-work-report.txt");
  writeFileSync(file, readFileSync(file, "utf8").replace("粮食总产量34.6亿斤", "粮食总产量35.4亿斤"));
  expect((await library.ingestFile(file)).status).toBe("revised");
  const m = (await fetchText(url("青禾市", "十四五"))).json() as Monitoring;
  const grain = m.indicators.find((i) => i.name === "粮食总产量")!;
  expect(grain.years.find((y) => y.year === 2025)!.actual).toMatchObject({ value: 177, source: { revision: 2 } });
  expect(grain.status).toBe("已完成");
});

test("errors are {error, message}; the route is in the OpenAPI document", async () => {
  const missing = await fetchText(url("青禾市", "十五五"));
  expect(missing.status).toBe(404);
  expect(missing.json()).toEqual({ error: "not-found", message: "找不到青禾市的“十五五”规划；库中青禾市的五年规划有：十四五" });
  const bad = await fetchText(`${server.url}/api/monitoring?region=${encodeURIComponent("青禾市")}`);
  expect(bad.status).toBe(400);
  expect(bad.json()).toEqual({ error: "bad-query", message: '"plan" is required' });
  const doc = (await fetchText(`${server.url}/api/openapi.json`)).json();
  expect(doc.paths["/api/monitoring"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["region", "plan"]);
  expect(doc.components.schemas.Monitoring.properties.indicators.items.properties.status.enum).toEqual(["已完成", "进度正常", "滞后", "无数据", "定性", "无法比较"]);
});
