/** The service's guards on their own: which Host names it answers to, and how much its answer cache may hold. */
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { openLibrary } from "../generator/library";
import { startServer } from "../generator/serve";
import { ResponseCache } from "../generator/serve/cache";
import { hostAllowed, isOwnOrigin, serverNames } from "../generator/serve/hosts";
import { jsonEntity } from "../generator/serve/http";
import { rawRequest, tempDir } from "./library-support";

describe("the host names a server answers to", () => {
  it("are loopback and the address it binds, with its port, which browsers leave out only when it is the default", () => {
    const names = serverNames("https", 8443, "planbook.lan", null);
    for (const host of ["localhost:8443", "127.0.0.1:8443", "[::1]:8443", "planbook.lan:8443", "PLANBOOK.LAN:8443"]) expect(hostAllowed(host, names)).toBe(true);
    for (const host of ["planbook.lan", "planbook.lan:443", "evil.example:8443", "planbook.lan.evil.example:8443", "[::2]:8443", "localhost:8443 ", undefined]) {
      expect(hostAllowed(host, names)).toBe(false);
    }
    expect(hostAllowed("planbook.lan", serverNames("https", 443, "planbook.lan", null))).toBe(true);
    expect(hostAllowed("[fe80::1]:3000", serverNames("http", 3000, "fe80::1", null))).toBe(true);
    expect(isOwnOrigin("https://planbook.lan:8443", names)).toBe(true);
    expect(isOwnOrigin("http://planbook.lan:8443", names)).toBe(false);
    expect(isOwnOrigin("https://planbook.lan:8443/path", names)).toBe(false);
  });

  it("include every address of the machine when it binds them all", () => {
    const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
    const names = serverNames("http", 3000, "0.0.0.0", null);
    for (const { address, family } of addresses) expect(hostAllowed(family === "IPv6" ? `[${address}]:3000` : `${address}:3000`, names)).toBe(true);
    expect(hostAllowed("0.0.0.0:3000", names)).toBe(false);
  });

  it("include the names a real certificate is issued for, a wildcard covering one label", async () => {
    const tmp = tempDir("serve-cert");
    const library = openLibrary(join(tmp.dir, "library.db"));
    const { generateCertificates } = await import("office-addin-dev-certs");
    const [caPath, cert, key] = ["ca.crt", "site.crt", "site.key"].map((f) => join(tmp.dir, f));
    await generateCertificates(caPath, cert, key, 2, ["localhost", "planbook.example.org", "*.corp.example"]);
    const server = await startServer({ library, port: 0, cert, key });
    try {
      const ca = readFileSync(caPath);
      const port = new URL(server.url).port;
      const status = async (host: string) => (await rawRequest(server.url, `GET /api/health HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`, ca)).status;
      for (const host of ["localhost", "planbook.example.org", "excel.corp.example"]) expect(await status(host)).toBe(200);
      for (const host of ["corp.example", "a.b.corp.example", "example.org", "evil.example"]) expect(await status(host)).toBe(421);
    } finally {
      await server.close();
      library.close();
      tmp.remove();
    }
  });
});

describe("the answer cache", () => {
  const entity = (n: number) => jsonEntity("x".repeat(n - 2));
  it("stays within its byte budget, least recently used out first", () => {
    const cache = new ResponseCache(100, 1000);
    cache.set(1, "a", entity(400));
    cache.set(1, "b", entity(400));
    expect(cache.get(1, "a")).toBeDefined();
    cache.set(1, "c", entity(400));
    expect(cache.stats()).toEqual({ entries: 2, bytes: 800 });
    expect(cache.get(1, "b")).toBeUndefined();
    expect(cache.get(1, "a")).toBeDefined();
    cache.set(1, "huge", entity(1001));
    expect(cache.get(1, "huge")).toBeUndefined();
    cache.set(1, "a", entity(100));
    expect(cache.stats()).toEqual({ entries: 2, bytes: 500 });
  });

  it("holds no more entries than its count allows, and forgets everything when the library changes", () => {
    const cache = new ResponseCache(3, 1e6);
    for (const key of ["a", "b", "c", "d"]) cache.set(1, key, entity(10));
    expect(cache.stats()).toEqual({ entries: 3, bytes: 30 });
    expect(cache.get(1, "a")).toBeUndefined();
    expect(cache.get(2, "d")).toBeUndefined();
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0 });
  });
});
