/**
 * `npm run bench`: runs every bench/*.bench.ts module (compiled to build/bench) in turn. Each module
 * exports `run(): Promise<void>` and prints its own figures and ratios against a baseline measured
 * in the same run. Benchmarks are measured here, never asserted in tests.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { reported } from "./report";

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(__dirname).filter((f) => f.endsWith(".bench.js") && (!only || f.startsWith(only))).sort();
  for (const f of files) {
    const mod = (await import(join(__dirname, f))) as { run(): Promise<void> };
    console.log(`\n## ${f.replace(/\.bench\.js$/, "")}`);
    await mod.run();
  }
  const figures = reported();
  const missed = figures.filter((f) => !f.met);
  console.log(`\n${figures.length} figures, ${figures.length - missed.length} met their target${missed.length ? `; missed: ${missed.map((f) => f.name).join("; ")}` : ""}`);
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
