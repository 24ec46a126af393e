/**
 * The library stores each indicator's matching key (metrics.normalized) so compare is one indexed
 * lookup. Keys made by another normaliser or synonym list would silently miss: the fingerprint of
 * the matcher that made them is kept in `meta`, and on open a library whose keys are stale has them
 * rebuilt from the names stored beside them, in one transaction, and so are the search index's keys.
 */
import type Database from "better-sqlite3";
import type { NameMatcher } from "../model";

const KEY = "names_fingerprint";

/**
 * What the search index holds for an indicator: its name as printed and its matching key, so
 * "地区生产总值增长" finds "地区生产总值（GDP）增长率" (key gdp增长) although neither contains the other.
 */
export function searchText(name: string, matcher: NameMatcher): string {
  const key = matcher.key(name);
  return key && key !== name.toLowerCase() ? `${name}\n${key}` : name;
}

/** whether the keys stored were made by another normaliser or synonym list than `matcher` */
export function namesStale(db: Database.Database, matcher: NameMatcher): boolean {
  const row = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(KEY) as { value: number } | undefined;
  return row?.value !== matcher.fingerprint;
}

/** Rebuilds metrics.normalized and the indicators' search entries when the matcher differs from the one that wrote them; returns how many keys changed. */
export function reindexNames(db: Database.Database, matcher: NameMatcher): number {
  if (!namesStale(db, matcher)) return 0;
  let changed = 0;
  db.transaction(() => {
    const update = db.prepare(`UPDATE metrics SET normalized = ? WHERE rowid = ?`);
    // read first, then write: better-sqlite3 allows no write while a statement is still iterating
    for (const m of db.prepare(`SELECT rowid AS id, normalized, row_json FROM metrics`).all() as Array<{ id: number; normalized: string; row_json: string }>) {
      const name = (JSON.parse(m.row_json) as { indicator?: { name?: string } }).indicator?.name ?? "";
      const key = matcher.key(name);
      if (key !== m.normalized) {
        update.run(key, m.id);
        changed++;
      }
    }
    // the search index holds the keys too (searchText): rebuild the indicators' entries
    const deleteFts = db.prepare(`DELETE FROM search_fts WHERE rowid = ?`);
    const insertFts = db.prepare(`INSERT INTO search_fts (rowid, name) VALUES (?, ?)`);
    let indexed = 0;
    for (const r of db.prepare(`SELECT rowid AS id, name FROM search_rows WHERE type = 'indicator'`).all() as Array<{ id: number; name: string }>) {
      deleteFts.run(r.id);
      insertFts.run(r.id, searchText(r.name, matcher));
      indexed++;
    }
    db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(KEY, matcher.fingerprint);
    // answers cached by generation must not outlive the old keys
    if (changed || indexed) db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'generation'`).run();
  }).immediate();
  return changed;
}
