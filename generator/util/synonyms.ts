/**
 * The synonym list a clerk can extend: `PLANBOOK_SYNONYMS` names a file, else the
 * templates/synonyms.txt beside this installation; without either, the built-in list. The model's
 * normaliser stays pure; this is the one place that reads the file.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_SYNONYMS, parseSynonyms, SynonymError, type SynonymList } from "../model";

export class SynonymFileError extends Error {}

/** templates/synonyms.txt of this installation, found by walking up from here (src and build/ layouts both). */
export function installedSynonymsPath(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "templates", "synonyms.txt");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return null;
}

const cache = new Map<string, { text: string; list: SynonymList }>();

/** The synonym list in force: `path`, else PLANBOOK_SYNONYMS, else the installed file, else the built-in list. */
export function loadSynonyms(path?: string, env: Record<string, string | undefined> = process.env): SynonymList {
  const chosen = path ?? (env.PLANBOOK_SYNONYMS?.trim() ? resolve(env.PLANBOOK_SYNONYMS.trim()) : installedSynonymsPath());
  if (!chosen) return DEFAULT_SYNONYMS;
  let text: string;
  try {
    text = readFileSync(chosen, "utf8").replace(/^\uFEFF/u, "");
  } catch (e) {
    throw new SynonymFileError(`同义词表 ${chosen} 读不了（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）：检查 PLANBOOK_SYNONYMS 指向的文件`);
  }
  const known = cache.get(chosen);
  if (known && known.text === text) return known.list;
  try {
    const list = parseSynonyms(text);
    cache.set(chosen, { text, list });
    return list;
  } catch (e) {
    if (e instanceof SynonymError) throw new SynonymFileError(`${chosen}:${e.line}: ${e.message}`);
    throw e;
  }
}
