import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Planbook's version from package.json, found from here whether running from source (tests) or from build/. */
export function planbookVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "planbook") return pkg.version ?? "0.0.0";
    }
  }
  return "0.0.0";
}
