import type { JsonEntity } from "./http";

export interface CacheStats {
  entries: number;
  bytes: number;
}

/**
 * Serialised answers with their ETags, valid for one library generation. Plans change only by
 * ingest, so between ingests the same question always gets the same bytes: serialising and hashing
 * once is what lets the indicators route answer thousands of requests a second.
 * Bounded by count and by bytes, least recently used out first: callers can vary their questions
 * freely, and one plan's answer may be megabytes.
 */
export class ResponseCache {
  private generation = -1;
  private readonly entries = new Map<string, JsonEntity>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get(generation: number, key: string): JsonEntity | undefined {
    this.follow(generation);
    const entity = this.entries.get(key);
    if (entity) {
      // re-inserting moves it to the young end of the Map's insertion order
      this.entries.delete(key);
      this.entries.set(key, entity);
    }
    return entity;
  }

  set(generation: number, key: string, entity: JsonEntity): void {
    this.follow(generation);
    if (entity.body.length > this.maxBytes) return;
    this.delete(key);
    while (this.entries.size > 0 && (this.entries.size >= this.maxEntries || this.bytes + entity.body.length > this.maxBytes)) {
      this.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, entity);
    this.bytes += entity.body.length;
  }

  stats(): CacheStats {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** Any other generation, newer or (a replaced database file) older, makes every entry stale. */
  private follow(generation: number): void {
    if (generation === this.generation) return;
    this.entries.clear();
    this.bytes = 0;
    this.generation = generation;
  }

  private delete(key: string): void {
    const entity = this.entries.get(key);
    if (!entity) return;
    this.entries.delete(key);
    this.bytes -= entity.body.length;
  }
}
