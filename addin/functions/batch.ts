/**
 * Microsoft's custom-functions batching pattern: every call made while Excel recalculates is queued,
 * and one timer later the whole queue goes to the service as one request (POST /api/lookup). The
 * answers are kept for the session, so recalculating a sheet of 200 =PLANBOOK.VALUE cells costs
 * one request the first time and none after; a failure to reach the service is not kept, so the
 * next recalculation asks again.
 */
import type { Lookup, LookupResponse, LookupResult, PlanSummary } from "../../generator/model";

export interface BatchAnswer {
  result: LookupResult;
  plan: PlanSummary | null;
}

export interface BatcherOptions {
  /** how long to wait for more calls before sending (0: the calls Excel makes in one go) */
  delayMs?: number;
  /** lookups per request; more are sent as several requests */
  maxBatch?: number;
  /** how long an answer is reused; a refresh from the pane clears it at once */
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  at: number;
  answer: Promise<BatchAnswer>;
}

interface Pending {
  key: string;
  lookup: Lookup;
  resolve(answer: BatchAnswer): void;
  reject(error: unknown): void;
}

export const lookupKey = (lookup: Lookup): string => JSON.stringify(lookup, Object.keys(lookup).sort());

export class LookupBatcher {
  private readonly cache = new Map<string, Entry>();
  private queue: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly delayMs: number;
  private readonly maxBatch: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** what the batcher has done, for the pane's diagnostics and the tests */
  readonly stats = { calls: 0, requests: 0, lookupsSent: 0, cacheHits: 0 };

  constructor(
    private readonly send: (lookups: Lookup[]) => Promise<LookupResponse>,
    options: BatcherOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 0;
    this.maxBatch = options.maxBatch ?? 500;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.now = options.now ?? (() => Date.now());
  }

  /** The answer to one lookup: from the session cache, or from the next batch sent. */
  request(lookup: Lookup): Promise<BatchAnswer> {
    this.stats.calls++;
    const key = lookupKey(lookup);
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) {
      this.stats.cacheHits++;
      return cached.answer;
    }
    const answer = new Promise<BatchAnswer>((resolve, reject) => this.queue.push({ key, lookup, resolve, reject }));
    const entry = { at: this.now(), answer };
    this.cache.set(key, entry);
    // a failed request is forgotten, so that the next recalculation tries again
    answer.catch(() => this.cache.get(key) === entry && this.cache.delete(key));
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
    return answer;
  }

  /** Forget every answer (the pane's 全部刷新): the next calculation asks the service again. */
  clear(): void {
    this.cache.clear();
  }

  private flush(): void {
    this.timer = null;
    const queue = this.queue;
    this.queue = [];
    for (let start = 0; start < queue.length; start += this.maxBatch) void this.sendBatch(queue.slice(start, start + this.maxBatch));
  }

  private async sendBatch(batch: Pending[]): Promise<void> {
    this.stats.requests++;
    this.stats.lookupsSent += batch.length;
    try {
      const response = await this.send(batch.map((p) => p.lookup));
      if (response.results.length !== batch.length) throw new Error(`the service answered ${response.results.length} of ${batch.length} lookups`);
      batch.forEach((pending, i) => {
        const result = response.results[i];
        pending.resolve({ result, plan: result.ok ? response.plans[result.plan] ?? null : null });
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
