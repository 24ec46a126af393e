import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openLibrary, type Library } from "../generator/library";
import type { PlanListResponse } from "../generator/model";
import { parseFile } from "../generator/parse";
import { startServer, type WatchEvent } from "../generator/serve";
import { SAMPLES, fetchText, tempDir, waitFor } from "./library-support";

describe("a service watching a folder", () => {
  const tmp = tempDir("watch");
  const inbox = join(tmp.dir, "inbox");
  let library: Library;
  let server: Awaited<ReturnType<typeof startServer>>;
  const events: WatchEvent[] = [];
  const plans = async () => ((await fetchText(`${server.url}/api/plans`)).json() as PlanListResponse).plans;

  beforeAll(async () => {
    require("node:fs").mkdirSync(inbox);
    copyFileSync(join(SAMPLES, "A3_dongzhu_report2025.txt"), join(inbox, "already-there.txt"));
    library = openLibrary(join(tmp.dir, "library.db"));
    server = await startServer({ library, port: 0, http: true, watchDir: inbox, onWatchEvent: (e) => events.push(e) });
  });
  afterAll(async () => {
    await server.close();
    library.close();
    tmp.remove();
  });

  it("ingests what is already in the folder", async () => {
    const expected = await parseFile(join(inbox, "already-there.txt"));
    await waitFor(async () => (await plans()).some((p) => p.id === expected.id), 10_000, "the existing document");
    expect(events).toContainEqual({ type: "watching", dir: inbox });
  });

  it("picks up a document dropped into the folder within seconds, and its next version", async () => {
    const source = join(SAMPLES, "A1_qinglan_14fyp.txt");
    const expected = await parseFile(source);
    const dropped = join(inbox, "qinglan.txt");
    copyFileSync(source, dropped);
    // "within seconds" is the wait's own limit: no other event would bring the document in
    const summary = await waitFor(async () => (await plans()).find((p) => p.id === expected.id), 10_000, "the dropped document");
    expect(summary).toMatchObject({ revision: 1, sha256: expected.source.sha256, region: expected.region });

    writeFileSync(dropped, readFileSync(source, "utf8") + "\n（本规划由县发展改革局负责解释。）\n");
    const revised = await waitFor(async () => (await plans()).find((p) => p.id === expected.id && p.revision === 2), 10_000, "the changed document");
    expect(revised.sha256).not.toBe(expected.source.sha256);
    const old = await fetchText(`${server.url}/api/plans/${expected.id}?revision=1`);
    expect(old.json().plan.sha256).toBe(expected.source.sha256);
  });

  it("ignores files that are not documents, and reports documents it cannot read", async () => {
    const before = library.generation();
    writeFileSync(join(inbox, "notes.md"), "# notes");
    writeFileSync(join(inbox, ".partial.txt"), "temporary");
    writeFileSync(join(inbox, "broken.docx"), "PK\u0003\u0004 not really a zip");
    await waitFor(async () => events.some((e) => e.type === "ingest-failed" && e.path.endsWith("broken.docx")), 10_000, "the unreadable document's report");
    await server.watcherIdle();
    expect(library.generation()).toBe(before);
  });
});
