import type { JsonEntity } from "./http";

/**
 * Serialised answers with their ETags, valid for one library generation. Plans change only by
 * ingest, so between ingests the same URL always gets the same bytes: serialising and hashing once
 * is what lets the indicators route answer thousands of requests a second.
 */
export class ResponseCache {
  private generation = -1;
  private readonly entries = new Map<string, JsonEntity>();

  constructor(private readonly maxEntries = 2000) {}

  get(generation: number, key: string): JsonEntity | undefined {
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
      return undefined;
    }
    return this.entries.get(key);
  }

  set(generation: number, key: string, entity: JsonEntity): void {
    if (generation !== this.generation) return;
    if (this.entries.size >= this.maxEntries) {
      // oldest first: Map keeps insertion order
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, entity);
  }
}
