/** Shared by the test/library*.test.ts and test/serve*.test.ts suites: temp workspaces, synthetic plans, an HTTPS client. */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SCHEMA_VERSION, type Plan } from "../generator/model";
import { parseQuantity } from "../generator/parse";

export const SEEDS = join(__dirname, "..", "seeds");
export const SAMPLES = join(__dirname, "fixtures", "samples");

/** every seed and sample document */
export function allDocuments(): string[] {
  const docs = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".txt") && f !== "README.txt").map((f) => join(dir, f));
  return [...docs(SEEDS), ...docs(SAMPLES)];
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `planbook-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface SyntheticIndicator {
  name: string;
  unit?: string;
  baseline?: string;
  target?: string;
  rate?: string;
}

export interface SyntheticPlanSpec {
  id: string;
  region: string;
  kind?: Plan["kind"];
  period?: string;
  /** makes the sha256, so two specs with different versions are different bytes */
  version?: string;
  indicators?: SyntheticIndicator[];
  projects?: Record<string, string[]>;
  annualTargets?: Array<{ metric: string; raw: string }>;
}

/** A Plan written by hand, for behaviour the parser's current output may not exercise. */
export function syntheticPlan(spec: SyntheticPlanSpec): Plan {
  const kind = spec.kind ?? "five-year-plan";
  const period = spec.period ?? "十四五";
  return {
    schemaVersion: SCHEMA_VERSION,
    id: spec.id,
    source: {
      path: `${spec.id}.txt`,
      sha256: createHash("sha256").update(JSON.stringify(spec)).digest("hex"),
      encoding: "utf-8",
      bytes: 1000,
    },
    kind,
    title: `${spec.region}${period}规划`,
    region: spec.region,
    period: { label: period, start: 2021, end: 2025 },
    outline: [],
    indicatorTables: spec.indicators
      ? [
          {
            title: `${spec.region}主要指标`,
            role: "targets",
            baseYear: 2020,
            targetYear: 2025,
            columns: ["指标名称", "单位", "2020年", "2025年", "年均增长"],
            columnInfo: [
              { header: "指标名称", meaning: "name", year: null },
              { header: "单位", meaning: "unit", year: null },
              { header: "2020年", meaning: "baseline", year: 2020 },
              { header: "2025年", meaning: "target", year: 2025 },
              { header: "年均增长", meaning: "rate", year: null },
            ],
            line: 10,
            notes: [],
            indicators: spec.indicators.map((i, n) => ({
              category: null,
              seq: String(n + 1),
              name: i.name,
              unit: i.unit ?? null,
              parent: null,
              baseline: parseQuantity(i.baseline ?? null),
              target: parseQuantity(i.target ?? null),
              rate: parseQuantity(i.rate ?? null),
              attribute: "预期性",
              flags: [],
              cells: {},
              line: 11 + n,
            })),
          },
        ]
      : [],
    projectBoxes: Object.entries(spec.projects ?? {}).map(([label, names], n) => ({
      label,
      title: `${label}重点项目`,
      kind: "projects",
      section: null,
      line: 100 + n,
      groups: [{ name: null, projects: names.map((name) => ({ name })) }],
    })),
    targets: [],
    annualTargets: (spec.annualTargets ?? []).map((t, n) => ({
      metric: t.metric,
      raw: t.raw,
      year: 2024,
      value: parseQuantity(t.raw) ?? { raw: t.raw, value: null, comparator: null, cumulative: false, text: t.raw, unit: null, kind: "text" },
      text: `${t.metric}${t.raw}`,
      line: 200 + n,
    })),
    lastYearResults: [],
    tasks: [],
    warnings: [],
  };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json(): any;
}

/** GET (or another method) over HTTP or HTTPS, trusting `ca` for the service's development certificate. */
export function fetchText(url: string, options: { method?: string; headers?: Record<string, string>; ca?: Buffer } = {}): Promise<Reply> {
  const target = new URL(url);
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: options.method ?? "GET", headers: options.headers, ca: options.ca, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** A socket to the server at `url`, trusting `ca` over HTTPS: for requests no client library would send. */
export function openSocket(url: string, ca?: Buffer): Promise<Socket> {
  const target = new URL(url);
  const port = Number(target.port);
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
  return new Promise((resolve, reject) => {
    const socket =
      target.protocol === "https:" ? tlsConnect({ host, port, ca, servername: host }, () => resolve(socket)) : netConnect({ host, port }, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Writes `head` exactly as given and reads until the server closes: the request should say Connection: close. */
export async function rawRequest(url: string, head: string, ca?: Buffer): Promise<Reply> {
  const socket = await openSocket(url, ca);
  const chunks: Buffer[] = [];
  socket.on("data", (c: Buffer) => chunks.push(c));
  socket.write(head);
  await new Promise<void>((resolve, reject) => {
    socket.once("end", () => resolve());
    socket.once("close", () => resolve());
    socket.once("error", reject);
  });
  const text = Buffer.concat(chunks).toString("utf8");
  const split = text.indexOf("\r\n\r\n");
  const [statusLine, ...lines] = text.slice(0, split).split("\r\n");
  const headers: IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = text.slice(split + 4);
  return { status: Number(statusLine.split(" ")[1]), headers, body, json: () => JSON.parse(body) };
}

/** Descriptors this process holds open on `file` (Linux: /proc/self/fd). */
export function openDescriptors(file: string): number {
  let n = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      if (readlinkSync(join("/proc/self/fd", fd)) === file) n++;
    } catch {
      // closed while we looked
    }
  }
  return n;
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
