import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { join } from "node:path";
import { openLibrary, type Library } from "../generator/library";
import type { ErrorResponse, PlanListResponse } from "../generator/model";
import { startServer } from "../generator/serve";
import { allDocuments, fetchText, openDescriptors, openSocket, rawRequest, syntheticPlan, tempDir, waitFor, type Reply } from "./library-support";

describe("the service over HTTPS with generated development certificates", () => {
  const tmp = tempDir("serve");
  let library: Library;
  let server: Awaited<ReturnType<typeof startServer>>;
  let ca: Buffer;
  const get = (path: string, headers: Record<string, string> = {}, method = "GET") => fetchText(`${server.url}${path}`, { headers, ca, method });
  const expectError = (reply: Reply, status: number, code: string) => {
    expect(reply.status).toBe(status);
    expect(reply.headers["content-type"]).toMatch(/^application\/json/);
    const body = reply.json() as ErrorResponse;
    expect(body).toEqual({ error: code, message: expect.any(String) });
    expect(body.message).not.toMatch(/\n\s+at /);
  };

  beforeAll(async () => {
    library = openLibrary(join(tmp.dir, "library.db"));
    for (const file of allDocuments()) await library.ingestFile(file);
    library.ingestPlan(
      syntheticPlan({ id: "hand-made", region: "甲市", indicators: [{ name: "森林覆盖率", target: "42" }], projects: { "专栏 1": ["甲市第二水库", "长江大桥"], "专栏 2": ["产业园"] } }),
    );
    const dist = join(tmp.dir, "dist");
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(dist, "taskpane.html"), "<!doctype html><title>Planbook</title>");
    writeFileSync(join(dist, "assets", "app.js"), "console.log('add-in')");
    writeFileSync(join(tmp.dir, "secret.txt"), "SECRET");
    symlinkSync(join(tmp.dir, "secret.txt"), join(dist, "link.txt"));
    // far more than the socket buffers hold, so a client can hang up while it is still being read
    writeFileSync(join(dist, "big.js"), Buffer.alloc(32 * 1024 * 1024, 0x20));
    // what a build never makes, left in dist/ by hand or by a tool
    writeFileSync(join(dist, ".env"), "SECRET=1");
    mkdirSync(join(dist, ".git"));
    writeFileSync(join(dist, ".git", "config.js"), "SECRET");
    writeFileSync(join(dist, "server.key"), "SECRET");
    writeFileSync(join(dist, "library.db"), "SECRET");
    server = await startServer({ library, port: 0, http: false, certDir: join(tmp.dir, "certs"), distDir: dist });
    expect(server.url).toMatch(/^https:\/\/localhost:\d+$/);
    ca = readFileSync(join(tmp.dir, "certs", "ca.crt"));
  });
  afterAll(async () => {
    await server.close();
    library.close();
    tmp.remove();
  });

  it("answers health with a certificate the generated CA vouches for", async () => {
    const reply = await get("/api/health");
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ status: "ok", version: expect.any(String), plans: library.countPlans(), failed: 0, readonly: false, time: expect.any(String) });
    await expect(fetchText(`${server.url}/api/health`)).rejects.toThrow(/self.signed|certificate/i);
  });

  it("lists plans with filters and bounded pages", async () => {
    const all = (await get("/api/plans")).json() as PlanListResponse;
    expect(all.total).toBe(library.countPlans());
    expect(all.plans.map((p) => p.id)).toEqual(library.listPlans().map((p) => p.id));
    expect(all).toMatchObject({ page: 1, pageSize: 50 });
    const page2 = (await get("/api/plans?pageSize=2&page=2")).json() as PlanListResponse;
    expect(page2.plans.map((p) => p.id)).toEqual(all.plans.slice(2, 4).map((p) => p.id));
    const region = all.plans[0].region!;
    const filtered = (await get(`/api/plans?region=${encodeURIComponent(region)}&kind=${all.plans[0].kind}`)).json() as PlanListResponse;
    expect(filtered.plans.length).toBeGreaterThan(0);
    expect(filtered.plans.every((p) => p.region === region && p.kind === all.plans[0].kind)).toBe(true);
    expectError(await get("/api/plans?pageSize=100000"), 400, "bad-query");
    expectError(await get("/api/plans?page=0"), 400, "bad-query");
    expectError(await get("/api/plans?page=abc"), 400, "bad-query");
    expectError(await get("/api/plans?kind=novel"), 400, "bad-query");
    expectError(await get(`/api/plans?region=${"长".repeat(101)}`), 400, "bad-query");
  });

  it("serves a plan, its indicators, projects and targets as stored", async () => {
    for (const summary of library.listPlans()) {
      const plan = library.getPlan(summary.id)!;
      const base = `/api/plans/${summary.id}`;
      const overview = (await get(base)).json();
      expect(overview.plan).toEqual(summary);
      expect(overview.boxes.map((b: { label: string }) => b.label)).toEqual(plan.projectBoxes.map((b) => b.label));
      expect((await get(`${base}/indicators`)).json()).toEqual({ plan: summary, tables: plan.indicatorTables });
      const projects = (await get(`${base}/projects`)).json();
      expect(projects.total).toBe(summary.projectCount);
      expect(projects.projects.every((p: { boxKind: string }) => p.boxKind === "projects")).toBe(true);
      // a layout box's places: listed when their box is asked for, never counted as projects
      for (const layout of plan.projectBoxes.filter((b) => b.kind === "layout")) {
        const places = (await get(`${base}/projects?box=${encodeURIComponent(layout.label)}`)).json();
        const inBox = plan.projectBoxes.filter((b) => b.label === layout.label).flatMap((b) => b.groups.flatMap((g) => g.projects.map((p) => p.name)));
        expect(places.projects.map((p: { name: string }) => p.name)).toEqual(inBox);
      }
      const targets = (await get(`${base}/targets`)).json();
      expect(targets).toEqual({ plan: summary, targets: plan.targets, annualTargets: plan.annualTargets, lastYearResults: plan.lastYearResults, tasks: plan.tasks });
    }
    const boxed = (await get(`/api/plans/hand-made/projects?box=${encodeURIComponent("专栏 1")}&q=${encodeURIComponent("水库")}`)).json();
    expect(boxed.projects).toEqual([expect.objectContaining({ name: "甲市第二水库", box: "专栏 1", boxTitle: "专栏 1重点项目", group: null })]);
    expect(boxed.total).toBe(1);
    const revisions = (await get("/api/plans/hand-made/revisions")).json();
    expect(revisions.revisions.map((r: { revision: number }) => r.revision)).toEqual([1]);
    expectError(await get("/api/plans/hand-made/diff?from=1&to=2"), 400, "bad-query");
    expectError(await get("/api/plans/hand-made?revision=7"), 404, "not-found");
    expectError(await get("/api/plans/hand-made?revision=x"), 400, "bad-query");
    expectError(await get("/api/plans/hand-made/nothing"), 404, "not-found");
  });

  it("searches and compares across plans", async () => {
    const search = (await get(`/api/search?q=${encodeURIComponent("森林覆盖率")}&type=indicator&limit=200`)).json();
    expect(search.query).toBe("森林覆盖率");
    // the library's hits, each indicator hit with its row added (test/serve-lookup.test.ts checks the rows)
    expect(search.results).toEqual(library.search("森林覆盖率", "indicator", 200).map((hit) => ({ ...hit, indicator: expect.objectContaining({ line: expect.any(Number) }) })));
    expect(search.results.map((h: { planId: string }) => h.planId)).toContain("hand-made");
    const projects = (await get(`/api/search?q=${encodeURIComponent("二水")}&type=project`)).json();
    expect(projects.results).toContainEqual(expect.objectContaining({ planId: "hand-made", name: "甲市第二水库", type: "project" }));
    expect(projects.results.every((h: { name: string; type: string }) => h.name.includes("二水") && h.type === "project")).toBe(true);
    const compare = (await get(`/api/compare?indicator=${encodeURIComponent("地区生产总值增长")}`)).json();
    expect(compare).toEqual(library.compare("地区生产总值增长"));
    expectError(await get("/api/search"), 400, "bad-query");
    expectError(await get("/api/search?q=a&q=b"), 400, "bad-query");
    expectError(await get("/api/search?q=abc&type=table"), 400, "bad-query");
    expectError(await get("/api/search?q=abc&limit=100000"), 400, "bad-query");
    expectError(await get(`/api/search?q=${"x".repeat(101)}`), 400, "bad-query");
    expectError(await get("/api/compare"), 400, "bad-query");
  });

  it("tags every answer with an ETag and answers If-None-Match with 304", async () => {
    const id = library.listPlans()[0].id;
    for (const path of ["/api/plans", `/api/plans/${id}`, `/api/plans/${id}/indicators`, `/api/plans/${id}/projects`, `/api/plans/${id}/targets`, "/api/search?q=%E6%B0%B4%E5%BA%93", "/api/compare?indicator=GDP", "/api/openapi.json", "/taskpane.html"]) {
      const first = await get(path);
      expect(first.status).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[^"]+"$/);
      const again = await get(path, { "If-None-Match": etag });
      expect(again.status).toBe(304);
      expect(again.body).toBe("");
      expect((await get(path, { "If-None-Match": `"other", W/${etag}` })).status).toBe(304);
      expect((await get(path, { "If-None-Match": '"stale"' })).status).toBe(200);
    }
    expect((await get("/api/health")).headers.etag).toMatch(/^"/);
  });

  it("changes the ETag when a new revision is stored, so the next pull is fresh", async () => {
    const before = await get("/api/plans/fresh/indicators");
    expect(before.status).toBe(404);
    library.ingestPlan(syntheticPlan({ id: "fresh", region: "新市", indicators: [{ name: "森林覆盖率", target: "30" }] }));
    const first = await get("/api/plans/fresh/indicators");
    expect(first.json().tables[0].indicators[0].target.raw).toBe("30");
    library.ingestPlan(syntheticPlan({ id: "fresh", region: "新市", indicators: [{ name: "森林覆盖率", target: "31" }] }));
    const second = await get("/api/plans/fresh/indicators", { "If-None-Match": first.headers.etag as string });
    expect(second.status).toBe(200);
    expect(second.json().tables[0].indicators[0].target.raw).toBe("31");
    expect(second.json().plan.revision).toBe(2);
    const old = await get("/api/plans/fresh/indicators?revision=1");
    expect(old.json().tables[0].indicators[0].target.raw).toBe("30");
    const diff = (await get("/api/plans/fresh/diff")).json();
    expect(diff.indicators.changed).toEqual([expect.objectContaining({ name: "森林覆盖率", changes: [{ field: "target", from: "30", to: "31" }] })]);
  });

  it("rejects malformed ids and never leaves the add-in folder", async () => {
    for (const path of ["/api/plans/abc$def", "/api/plans/..%2F..%2Fetc%2Fpasswd", "/api/plans/%2e%2e.x", "/api/plans/%ZZ/indicators", `/api/plans/${"a".repeat(65)}`]) {
      expectError(await get(path), 400, "bad-id");
    }
    expectError(await get("/api/plans/0123456789abcdef"), 404, "not-found");
    // a dot segment, encoded or not, is resolved like a browser would: it never names a plan or a file
    for (const path of ["/api/plans/%2e%2e", "/api/plans/%2e%2e/%2e%2e/%2e%2e/secret.txt", "/api/plans/../../secret.txt"]) {
      const reply = await get(path);
      expect([400, 404]).toContain(reply.status);
      expect(reply.body).not.toContain("SECRET");
    }
    for (const path of ["/%2e%2e/secret.txt", "/assets/%2e%2e%2f%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/../secret.txt", "/assets/../../secret.txt", "/link.txt", "/%00"]) {
      const reply = await get(path);
      expect([400, 404]).toContain(reply.status);
      expect(reply.body).not.toContain("SECRET");
      expect(reply.json()).toEqual({ error: expect.any(String), message: expect.any(String) });
    }
  });

  it("serves only what a build makes: no dot-file, dot-folder, key or database left in dist/ (issue 13, item 12)", async () => {
    for (const path of ["/.env", "/%2eenv", "/.git/config.js", "/assets/../.env", "/server.key", "/library.db"]) {
      const reply = await get(path);
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain("SECRET");
    }
    expect((await get("/assets/app.js")).status).toBe(200);
  });

  it("never shows a machine's absolute paths: sourcePath is the library-relative path or the file name (issue 13, item 12)", async () => {
    const plans = (await get("/api/plans?pageSize=200")).json() as PlanListResponse;
    expect(plans.plans.length).toBeGreaterThan(5);
    for (const p of plans.plans) {
      expect(p.sourcePath.startsWith("/")).toBe(false);
      expect(p.sourceName).toBe(p.sourcePath.split("/").pop());
    }
    const diff = (await get(`/api/plans/${plans.plans[0].id}/revisions`)).body;
    expect(diff).not.toContain(tmp.dir);
    expect(diff).not.toContain(process.cwd());
  });

  it("serves the built add-in from the same origin", async () => {
    const page = await get("/taskpane.html");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain("Planbook");
    expect((await get("/assets/app.js")).headers["content-type"]).toMatch(/^text\/javascript/);
    expectError(await get("/missing.js"), 404, "not-found");
    expect((await get("/taskpane.html", {}, "HEAD")).body).toBe("");
  });

  it("allows CORS from its own origin and Office's own hosts only", async () => {
    const port = Number(new URL(server.url).port);
    // any Microsoft 365 tenant can publish pages on a subdomain of these: only Office's own hosts are named
    const tenants = ["https://evil.sharepoint.com", "https://contoso.sharepoint.com", "https://evil.office.com", "https://evil-my.sharepoint.com", "https://x.outlook.com", "https://a.officeapps.live.com"];
    const lookalikes = ["https://evil.example", "http://excel.officeapps.live.com", "https://office.com.evil.example", "https://excel.officeapps.live.com.evil.example", "null"];
    const notUs = [`http://localhost:${port}`, `https://localhost:${port + 1}`, `https://evil.example:${port}`, `https://localhost:${port}.evil.example`];
    for (const origin of [...tenants, ...lookalikes, ...notUs]) {
      const reply = await get("/api/health", { Origin: origin });
      expectError(reply, 403, "origin-not-allowed");
      expect(reply.headers["access-control-allow-origin"]).toBeUndefined();
    }
    for (const origin of [server.url, `https://127.0.0.1:${port}`, "https://excel.officeapps.live.com", "https://office.live.com", "https://www.office.com"]) {
      const reply = await get("/api/health", { Origin: origin });
      expect(reply.status).toBe(200);
      expect(reply.headers["access-control-allow-origin"]).toBe(origin);
      const preflight = await get("/api/plans", { Origin: origin, "Access-Control-Request-Method": "GET" }, "OPTIONS");
      expect(preflight.status).toBe(204);
      expect(preflight.headers["access-control-allow-methods"]).toContain("GET");
    }
  });

  it("answers only requests whose Host names it, so a rebound DNS name cannot read the library", async () => {
    const port = Number(new URL(server.url).port);
    const id = library.listPlans()[0].id;
    const raw = (host: string | null, path = "/api/plans", version = "1.1") =>
      rawRequest(server.url, `GET ${path} HTTP/${version}\r\n${host === null ? "" : `Host: ${host}\r\n`}Connection: close\r\n\r\n`, ca);
    // what a page on evil.example sends once its name resolves to 127.0.0.1: same-origin, so no Origin header
    for (const host of [`evil.example:${port}`, "evil.example", `localhost.evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `localhost:${port + 1}`, `localhost:${port}@evil.example`, ""]) {
      for (const path of ["/api/plans", `/api/plans/${id}/indicators`, "/taskpane.html"]) {
        const reply = await raw(host, path);
        expectError(reply, 421, "misdirected-request");
        expect(reply.body).not.toContain(id);
      }
    }
    expectError(await raw(null, "/api/plans", "1.0"), 421, "misdirected-request");
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const reply = await raw(host);
      expect(reply.status).toBe(200);
      expect(reply.json().total).toBe(library.countPlans());
    }
  });

  it("closes a file whose download the client abandons, and keeps serving", async () => {
    const big = realpathSync(join(server.distDir!, "big.js"));
    const socket = await openSocket(server.url, ca);
    const firstChunk = new Promise<void>((resolve) => socket.once("data", () => resolve()));
    socket.write(`GET /big.js HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\n\r\n`);
    await firstChunk;
    // the server is mid-body, blocked on a client that reads no more
    await waitFor(async () => openDescriptors(big) === 1, 5_000, "the server to open big.js");
    socket.destroy();
    await waitFor(async () => openDescriptors(big) === 0, 5_000, "the server to close big.js after the client hung up");

    const whole = await fetchText(`${server.url}/big.js`, { ca });
    expect(whole.status).toBe(200);
    expect(Number(whole.headers["content-length"])).toBe(32 * 1024 * 1024);
    expect((await get("/taskpane.html")).status).toBe(200);
    expect(openDescriptors(big)).toBe(0);
  });

  it("keeps one cached answer per question, whatever parameters the question does not read", async () => {
    const id = library.listPlans()[0].id;
    const first = await get(`/api/plans/${id}/indicators`);
    expect(first.status).toBe(200);
    const before = server.cacheStats();
    for (let i = 0; i < 200; i++) {
      const reply = await get(`/api/plans/${id}/indicators?x=${i}&utm_source=${"y".repeat(i % 50)}`);
      expect(reply.headers.etag).toBe(first.headers.etag);
    }
    // the same plan id spelt with escapes, and the same parameter value spelt differently, are the same question
    await get(`/api/plans/${encodeURIComponent(id).replace(/^./, (c) => `%${c.charCodeAt(0).toString(16)}`)}/indicators`);
    await get(`/api/search?q=${encodeURIComponent("水库")}&type=project`);
    const withSearch = server.cacheStats();
    expect(withSearch.entries).toBe(before.entries + 1);
    await get(`/api/search?type=project&q=水库&page=9`);
    expect(server.cacheStats()).toEqual(withSearch);
    // a parameter the route reads still makes a different question
    await get(`/api/search?q=${encodeURIComponent("大桥")}&type=project`);
    expect(server.cacheStats().entries).toBe(withSearch.entries + 1);
  });

  it("answers other methods, unknown routes and huge URLs with JSON errors", async () => {
    const post = await get("/api/plans", {}, "POST");
    expectError(post, 405, "method-not-allowed");
    expect(post.headers.allow).toBe("GET, HEAD, OPTIONS");
    expectError(await get("/api/nothing"), 404, "not-found");
    expectError(await get("/api/health/extra"), 404, "not-found");
    expectError(await get(`/api/search?q=${"a".repeat(3000)}`), 414, "uri-too-long");
  });

  it("publishes an OpenAPI document naming every route", async () => {
    const doc = (await get("/api/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of ["/api/health", "/api/plans", "/api/plans/{id}", "/api/plans/{id}/indicators", "/api/plans/{id}/projects", "/api/plans/{id}/targets", "/api/search", "/api/compare"]) {
      expect(doc.paths[path]?.get?.responses?.["200"]).toBeDefined();
    }
  });

  it("finishes a request in flight when shut down, then stops accepting", async () => {
    const indicators = Array.from({ length: 40000 }, (_, i) => ({ name: `指标${i}`, target: String(i), unit: "%" }));
    library.ingestPlan(syntheticPlan({ id: "huge", region: "大市", indicators }));
    const url = new URL(`${server.url}/api/plans/huge/indicators`);
    // the client reads nothing until shutdown has begun, so the response is still being written
    const body = new Promise<string>((resolve, reject) => {
      const req = httpsRequest(url, { ca, agent: false }, (res) => {
        res.pause();
        started(res);
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
    let started!: (res: import("node:http").IncomingMessage) => void;
    const response = await new Promise<import("node:http").IncomingMessage>((r) => (started = r));
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(closed).toBe(false);
    await expect(fetchText(`${server.url}/api/health`, { ca })).rejects.toThrow();
    response.resume();
    const parsed = JSON.parse(await body);
    expect(parsed.tables[0].indicators).toHaveLength(40000);
    await closing;
    expect(closed).toBe(true);
  });
});

describe("the service when the library fails", () => {
  it("answers 500 with a JSON error and no stack trace", async () => {
    const tmp = tempDir("serve-fail");
    const library = openLibrary(join(tmp.dir, "library.db"));
    const server = await startServer({ library, port: 0, http: true });
    try {
      expect(server.url).toMatch(/^http:\/\//);
      expect((await fetchText(`${server.url}/api/plans`)).status).toBe(200);
      library.close();
      const reply = await fetchText(`${server.url}/api/plans?page=2`);
      expect(reply.status).toBe(500);
      expect(reply.json()).toEqual({ error: "internal", message: "the service could not answer this request" });
      expect(reply.body).not.toMatch(/at .*\.ts|Error:/);
      const noDist = await fetchText(`${server.url}/taskpane.html`);
      expect(noDist.status).toBe(404);
      expect(noDist.json().message).toMatch(/not built/);
    } finally {
      await server.close();
      tmp.remove();
    }
  });
});
