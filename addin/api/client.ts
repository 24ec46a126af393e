/**
 * The pane's only way to the service. Same origin by default (the service serves the pane);
 * another base URL can be set and is kept in localStorage. Responses are cached by URL with their
 * ETag, so an unchanged plan costs a 304. Failures become ApiError with a message a clerk can act on.
 */
import type {
  CompareResponse,
  ErrorResponse,
  HealthResponse,
  IndicatorsResponse,
  Monitoring,
  Lookup,
  LookupResponse,
  PlanListResponse,
  PlanResponse,
  PlanSummary,
  ProjectsResponse,
  SearchResponse,
  TargetsResponse,
} from "../../generator/model";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
  ) {
    super(message);
  }
}

export interface PlanQuery {
  region?: string;
  kind?: string;
  period?: string;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const BASE_URL_KEY = "planbook.baseUrl";
const TIMEOUT_KEY = "planbook.timeoutSeconds";

/** How long a request may take before the pane says the service is not answering. */
export const DEFAULT_TIMEOUT_SECONDS = 20;

export function storedTimeoutSeconds(storage: Pick<Storage, "getItem"> | null): number {
  const stored = Number(storage?.getItem(TIMEOUT_KEY));
  return Number.isFinite(stored) && stored >= 1 && stored <= 600 ? stored : DEFAULT_TIMEOUT_SECONDS;
}

export function storeTimeoutSeconds(storage: Pick<Storage, "setItem" | "removeItem"> | null, seconds: number): void {
  if (!storage) return;
  if (Number.isFinite(seconds) && seconds >= 1 && seconds <= 600 && seconds !== DEFAULT_TIMEOUT_SECONDS) storage.setItem(TIMEOUT_KEY, String(seconds));
  else storage.removeItem(TIMEOUT_KEY);
}

/** the service's largest page (LIMITS.pageSizeMax in generator/serve/params.ts) */
export const PLAN_PAGE_SIZE = 200;
/** 50 pages = 10 000 plans: far above any library yet, and a bound should `total` ever be wrong */
export const PLAN_PAGE_LIMIT = 50;

export function storedBaseUrl(storage: Pick<Storage, "getItem"> | null): string {
  return storage?.getItem(BASE_URL_KEY) ?? "";
}

export function storeBaseUrl(storage: Pick<Storage, "setItem" | "removeItem"> | null, url: string): void {
  const clean = url.trim().replace(/\/+$/, "");
  if (!storage) return;
  if (clean) storage.setItem(BASE_URL_KEY, clean);
  else storage.removeItem(BASE_URL_KEY);
}

export class PlanbookApi {
  private readonly cache = new Map<string, { etag: string; body: unknown }>();
  /** told after every request whether the service answered at all, so the pane's status never goes stale */
  onReachability: (reachable: boolean) => void = () => undefined;
  /** every request gives up after this long: the pane never waits without an end */
  timeoutMs = DEFAULT_TIMEOUT_SECONDS * 1000;

  constructor(
    /** "" for the pane's own origin, else e.g. "https://planbook.example.gov.cn" */
    public baseUrl: string,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
  ) {}

  health(): Promise<HealthResponse> {
    return this.get("/api/health", {}, false);
  }
  /**
   * Every plan matching the query, page after page until the service's `total` is reached. The
   * service hands out at most PLAN_PAGE_SIZE plans a page; a library larger than PLAN_PAGE_LIMIT
   * pages is cut there, and the answer then has fewer `plans` than `total` so the pane can say so.
   */
  async plans(query: PlanQuery = {}): Promise<PlanListResponse> {
    const plans: PlanSummary[] = [];
    const seen = new Set<string>();
    let total = 0;
    for (let page = 1; page <= PLAN_PAGE_LIMIT; page++) {
      const response = await this.get<PlanListResponse>("/api/plans", { ...query, page: String(page), pageSize: String(PLAN_PAGE_SIZE) });
      total = response.total;
      for (const plan of response.plans) {
        // A plan ingested between two requests shifts the pages by one: the same plan can come twice.
        if (seen.has(plan.id)) continue;
        seen.add(plan.id);
        plans.push(plan);
      }
      // An empty page ends it whatever `total` says (a plan deleted meanwhile would otherwise loop to the cap).
      if (plans.length >= total || response.plans.length === 0) break;
    }
    return { plans, total: Math.max(total, plans.length), page: 1, pageSize: plans.length };
  }
  plan(id: string): Promise<PlanResponse> {
    return this.get(`/api/plans/${encodeURIComponent(id)}`);
  }
  indicators(id: string): Promise<IndicatorsResponse> {
    return this.get(`/api/plans/${encodeURIComponent(id)}/indicators`);
  }
  projects(id: string, filter: { box?: string; q?: string } = {}): Promise<ProjectsResponse> {
    return this.get(`/api/plans/${encodeURIComponent(id)}/projects`, filter);
  }
  targets(id: string): Promise<TargetsResponse> {
    return this.get(`/api/plans/${encodeURIComponent(id)}/targets`);
  }
  search(q: string, type: "indicator" | "project"): Promise<SearchResponse> {
    return this.get("/api/search", { q, type });
  }
  compare(indicator: string): Promise<CompareResponse> {
    return this.get("/api/compare", { indicator });
  }
  /** 规划实施监测 of a region's plan (十四五 or a plan id) */
  monitoring(region: string, plan: string): Promise<Monitoring> {
    return this.get("/api/monitoring", { region, plan });
  }
  /** Many worksheet-function lookups in one POST (never cached here: the functions keep their own session cache). */
  async lookup(lookups: Lookup[]): Promise<LookupResponse> {
    const response = await this.send(`${this.baseUrl}/api/lookup`, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ lookups }),
      cache: "no-store",
    });
    return (await this.read(response)) as LookupResponse;
  }

  /** fetch with the timeout; a failure to reach the service (or to hear back in time) becomes an ApiError a clerk can act on */
  private async send(url: string, init: RequestInit): Promise<Response> {
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller?.abort();
    }, this.timeoutMs);
    let fallback: ReturnType<typeof setTimeout> | undefined;
    try {
      const response = await Promise.race([
        this.fetchImpl(url, { ...init, signal: controller?.signal }),
        // without AbortController (old webviews) the request is left behind, but the pane still stops waiting
        new Promise<never>((_, reject) => (fallback = setTimeout(() => timedOut && reject(new Error("timeout")), this.timeoutMs + 10))),
      ]);
      this.onReachability(true);
      return response;
    } catch {
      this.onReachability(false);
      const where = this.baseUrl || "本站";
      if (timedOut) throw new ApiError(`Planbook 服务（${where}）在 ${Math.round(this.timeoutMs / 1000)} 秒内没有应答。服务可能正忙或已停止，请稍后重试。`, null, "timeout");
      throw new ApiError(`无法连接 Planbook 服务（${where}）。请检查服务是否在运行、网络或“服务地址”设置，然后重试。`, null, "unreachable");
    } finally {
      clearTimeout(timer);
      clearTimeout(fallback); // a timer left running holds a Node process (the tests) open for the whole timeout
    }
  }

  private async read(response: Response): Promise<unknown> {
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      throw new ApiError(`服务返回的不是数据（HTTP ${response.status}）。服务地址可能填错了。`, response.status, null);
    }
    if (!response.ok) {
      const error = body as Partial<ErrorResponse> | null;
      throw new ApiError(describeFailure(response.status, error?.message), response.status, error?.error ?? null);
    }
    return body;
  }

  private async get<T>(path: string, params: Record<string, string | undefined> = {}, useCache = true): Promise<T> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
    const query = search.toString(); // URLSearchParams.size is too new for EdgeHTML-era Office
    const url = `${this.baseUrl}${path}${query ? `?${query}` : ""}`;
    const cached = useCache ? this.cache.get(url) : undefined;
    const response = await this.send(url, {
      headers: { Accept: "application/json", ...(cached ? { "If-None-Match": cached.etag } : {}) },
      cache: "no-store",
    });
    if (response.status === 304 && cached) return cached.body as T;
    const body = await this.read(response);
    const etag = response.headers.get("ETag");
    if (etag && useCache) this.cache.set(url, { etag, body });
    return body as T;
  }
}

function describeFailure(status: number, serviceMessage: string | undefined): string {
  const detail = serviceMessage ? `：${serviceMessage}` : "";
  if (status === 404) return `没有找到所要的规划或数据${detail}`;
  if (status === 400) return `查询条件有误${detail}`;
  if (status >= 500) return `服务内部出错，请稍后再试或联系管理员${detail}`;
  return `请求失败（HTTP ${status}）${detail}`;
}
