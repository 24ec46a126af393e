/** The pane's API client against a stub fetch: paging through the plan list. */
import { PLAN_PAGE_LIMIT, PLAN_PAGE_SIZE, PlanbookApi } from "../addin/api/client";
import { planListNote } from "../addin/taskpane/views/plans";
import type { PlanSummary } from "../generator/model";

function summary(i: number): PlanSummary {
  return {
    id: `plan-${i}`, revision: 1, region: "荆门市", kind: "five-year-plan", period: { label: "十四五", start: 2021, end: 2025 },
    title: `规划 ${i}`, sha256: "0", sourcePath: `p${i}.txt`, indicatorCount: 0, projectCount: 0, targetCount: 0, ingestedAt: "2025-01-01T00:00:00Z",
  };
}

/**
 * A service holding `count` plans (or claiming `claimedTotal`), paged as generator/serve/api.ts
 * pages them: page and pageSize from the query, the slice, and the total.
 */
function stubService(count: number, options: { claimedTotal?: number; maxPageSize?: number } = {}) {
  const all = Array.from({ length: count }, (_, i) => summary(i + 1));
  const urls: string[] = [];
  const fetchImpl = async (input: string): Promise<Response> => {
    urls.push(input);
    const query = new URL(input, "https://planbook.test").searchParams;
    const page = Number(query.get("page") ?? 1);
    const pageSize = Math.min(Number(query.get("pageSize") ?? 50), options.maxPageSize ?? 200);
    const body = { plans: all.slice((page - 1) * pageSize, page * pageSize), total: options.claimedTotal ?? all.length, page, pageSize };
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return { fetchImpl, urls, all };
}

describe("PlanbookApi.plans", () => {
  test("fetches every page until total is reached", async () => {
    const service = stubService(450);
    const api = new PlanbookApi("https://planbook.test", service.fetchImpl);
    const response = await api.plans({ region: "荆门市" });
    expect(response.total).toBe(450);
    expect(response.plans.map((p) => p.id)).toEqual(service.all.map((p) => p.id));
    expect(service.urls).toHaveLength(3);
    expect(service.urls.map((u) => new URL(u).searchParams.get("page"))).toEqual(["1", "2", "3"]);
    for (const url of service.urls) {
      expect(new URL(url).searchParams.get("pageSize")).toBe(String(PLAN_PAGE_SIZE));
      expect(new URL(url).searchParams.get("region")).toBe("荆门市"); // the filter goes with every page
    }
  });

  test("one request when everything fits one page; exactly full pages need no empty extra", async () => {
    const small = stubService(7);
    expect((await new PlanbookApi("", small.fetchImpl).plans()).plans).toHaveLength(7);
    expect(small.urls).toHaveLength(1);
    const exact = stubService(PLAN_PAGE_SIZE * 2);
    expect((await new PlanbookApi("", exact.fetchImpl).plans()).plans).toHaveLength(PLAN_PAGE_SIZE * 2);
    expect(exact.urls).toHaveLength(2);
  });

  test("a service with smaller pages is still read to the end", async () => {
    const service = stubService(130, { maxPageSize: 50 });
    const response = await new PlanbookApi("", service.fetchImpl).plans();
    expect(response.plans).toHaveLength(130);
    expect(service.urls).toHaveLength(3);
  });

  test("stops at the page cap and reports the true total, which the pane states", async () => {
    const service = stubService(PLAN_PAGE_SIZE * PLAN_PAGE_LIMIT + 5);
    const response = await new PlanbookApi("", service.fetchImpl).plans();
    expect(service.urls).toHaveLength(PLAN_PAGE_LIMIT);
    expect(response.plans).toHaveLength(PLAN_PAGE_SIZE * PLAN_PAGE_LIMIT);
    expect(response.total).toBe(PLAN_PAGE_SIZE * PLAN_PAGE_LIMIT + 5);
    expect(planListNote(response.plans.length, response.total)).toBe("显示前 10000 个，共 10005 个。");
  });

  test("a total that overstates the plans ends at the first empty page", async () => {
    const service = stubService(250, { claimedTotal: 999 });
    const response = await new PlanbookApi("", service.fetchImpl).plans();
    expect(response.plans).toHaveLength(250);
    expect(service.urls).toHaveLength(3);
  });

  test("a plan appearing twice across pages (the list shifted between requests) is listed once", async () => {
    const service = stubService(300);
    const shifting = async (input: string) => {
      const page = new URL(input, "https://planbook.test").searchParams.get("page");
      const response = await service.fetchImpl(input);
      if (page !== "2") return response;
      const body = await response.json();
      // a new plan was ingested at the front after page 1: page 2 starts with page 1's last plan
      body.plans = [service.all[PLAN_PAGE_SIZE - 1], ...body.plans.slice(0, -1)];
      body.total = 301;
      return new Response(JSON.stringify(body), { status: 200 });
    };
    const response = await new PlanbookApi("", shifting).plans();
    expect(new Set(response.plans.map((p) => p.id)).size).toBe(response.plans.length);
  });
});

test("every request reports whether the service answered, so the pane's status follows it", async () => {
  const seen: boolean[] = [];
  let up = true;
  const api = new PlanbookApi("https://planbook.test", async () => {
    if (!up) throw new TypeError("Failed to fetch");
    return new Response(JSON.stringify({ status: "ok", version: "1", plans: 3, time: "t" }), { status: 200, headers: { "Content-Type": "application/json" } });
  });
  api.onReachability = (reachable) => seen.push(reachable);
  await api.health();
  up = false;
  await expect(api.health()).rejects.toThrow(/无法连接/);
  up = true;
  await api.health();
  expect(seen).toEqual([true, false, true]);
});
