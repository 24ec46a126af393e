/** Issue 11's command line: `planbook start --port N`, and everything it prints follows the port. */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { startCli } from "./helpers/cli-process";
import { fetchText, SAMPLES, tempDir } from "./library-support";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("planbook start --port", () => {
  const tmp = tempDir("start");
  afterAll(() => tmp.remove());

  it("serves on that port, and every address it prints, the manifest's included, names it", async () => {
    mkdirSync(join(tmp.dir, "seeds"));
    copyFileSync(join(SAMPLES, "A3_dongzhu_report2025.txt"), join(tmp.dir, "seeds", "dongzhu.txt"));
    copyFileSync(join(__dirname, "..", "manifest.xml"), join(tmp.dir, "manifest.xml"));
    const port = await freePort();
    // HOME: the development certificates are made in a folder of the test's own
    const service = await startCli(["start", "--port", String(port)], /按 Ctrl-C 停止/, { cwd: tmp.dir, env: { HOME: tmp.dir, PLANBOOK_PORT: "" }, timeoutMs: 60_000 });
    try {
      const printed = service.out();
      const urls = printed.match(/https?:\/\/[^\s）)]+/g) ?? [];
      expect(urls.length).toBeGreaterThanOrEqual(3);
      for (const url of urls) expect(new URL(url).port).toBe(String(port));
      expect(printed).not.toContain(":3000");
      expect(printed).toMatch(new RegExp(`清单 +https://localhost:${port}/manifest\\.xml`));
      const sideload = /旁加载：npx office-addin-debugging start (\S+?)，/.exec(printed)![1];
      const manifestFile = readFileSync(sideload, "utf8");
      expect(manifestFile).toContain(`https://localhost:${port}/taskpane.html`);
      expect(manifestFile).not.toContain("localhost:3000");
      const ca = readFileSync(join(tmp.dir, ".office-addin-dev-certs", "ca.crt"));
      const served = await fetchText(`https://localhost:${port}/manifest.xml`, { ca });
      expect(served.status).toBe(200);
      expect(served.body).toContain(`<SourceLocation DefaultValue="https://localhost:${port}/taskpane.html"/>`);
      expect(served.body).not.toContain("localhost:3000");
      expect((await fetchText(`https://localhost:${port}/api/health`, { ca })).json()).toMatchObject({ plans: 1 });
    } finally {
      expect(await service.stop()).toBe(0);
    }
  }, 90_000);
});
