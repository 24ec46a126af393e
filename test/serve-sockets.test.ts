/**
 * Issue 13, item 11: a slow or stalled client cannot hold the service's connections. Slow
 * headers, a slow body, an idle socket and a stalled TLS handshake are each closed within their
 * deadline (short ones here, so the test takes seconds), and one address cannot open more than
 * its share of connections.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { Socket } from "node:net";
import { join } from "node:path";
import { openLibrary, type Library } from "../generator/library";
import { startServer } from "../generator/serve";
import { fetchText, openSocket, tempDir } from "./library-support";

const LIMITS = { headersMs: 1000, requestMs: 2000, idleMs: 1500, keepAliveMs: 500, perAddress: 64 };
/** every deadline above, plus the checking interval and a margin for a busy machine */
const CLOSED_WITHIN_MS = 6000;

/** Resolves with how long the server took to close the socket (ms), or rejects after `within`. */
function closedAfter(socket: Socket, within: number): Promise<number> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still open after ${within} ms`)), within);
    socket.on("error", () => undefined);
    // a paused socket may never see the server's FIN: read (and drop) whatever comes
    socket.resume();
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(Date.now() - t0);
    });
  });
}

/** Writes one byte of `text` every `everyMs`, until the socket closes. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++]);
  }, everyMs);
  socket.once("close", () => clearInterval(timer));
}

describe("a service facing slow clients", () => {
  const tmp = tempDir("sockets");
  let library: Library;
  let http: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    library = openLibrary(join(tmp.dir, "library.db"));
    http = await startServer({ library, port: 0, http: true, limits: LIMITS });
  });
  afterAll(async () => {
    await http.close();
    library.close();
    tmp.remove();
  });

  it("closes slow-header, slow-body and idle sockets within their deadlines, 16 of each at once, and keeps answering", async () => {
    const host = new URL(http.url).host;
    const sockets: Array<{ kind: string; closed: Promise<number> }> = [];
    for (let i = 0; i < 16; i++) {
      const slowHeader = await openSocket(http.url);
      sockets.push({ kind: "slow header", closed: closedAfter(slowHeader, CLOSED_WITHIN_MS) });
      // a byte every 200 ms: never idle, never done
      trickle(slowHeader, `GET /api/health HTTP/1.1\r\nHost: ${host}\r\nX-Padding: ${"a".repeat(200)}\r\n\r\n`, 200);

      const slowBody = await openSocket(http.url);
      sockets.push({ kind: "slow body", closed: closedAfter(slowBody, CLOSED_WITHIN_MS) });
      slowBody.write(`POST /api/plans HTTP/1.1\r\nHost: ${host}\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n`);
      trickle(slowBody, "x".repeat(1000), 200);

      const idle = await openSocket(http.url);
      sockets.push({ kind: "idle", closed: closedAfter(idle, CLOSED_WITHIN_MS) });
    }
    // while they are held open, the service answers
    expect((await fetchText(`${http.url}/api/health`)).status).toBe(200);
    const outcomes = await Promise.allSettled(sockets.map((s) => s.closed));
    const open = outcomes.map((o, i) => (o.status === "rejected" ? sockets[i].kind : null)).filter(Boolean);
    expect(open).toEqual([]);
    expect((await fetchText(`${http.url}/api/health`)).status).toBe(200);
  }, 30_000);

  it("closes a kept-alive connection that sends no next request", async () => {
    const socket = await openSocket(http.url);
    const closed = closedAfter(socket, CLOSED_WITHIN_MS);
    let reply = "";
    socket.on("data", (c: Buffer) => (reply += c.toString()));
    socket.write(`GET /api/health HTTP/1.1\r\nHost: ${new URL(http.url).host}\r\n\r\n`);
    await closed;
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
  });

  it("refuses connections beyond one address's share at once, and serves it again once they close", async () => {
    const held: Socket[] = [];
    for (let i = 0; i < LIMITS.perAddress; i++) held.push(await openSocket(http.url));
    const refusedBefore = http.refusedConnections();
    const extra = await openSocket(http.url);
    expect(await closedAfter(extra, 1000)).toBeLessThan(1000);
    expect(http.refusedConnections()).toBe(refusedBefore + 1);
    for (const s of held) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetchText(`${http.url}/api/health`)).status).toBe(200);
  });

  it("closes a connection whose client stops reading a large answer", async () => {
    const dist = join(tmp.dir, "dist");
    mkdirSync(dist);
    writeFileSync(join(dist, "big.js"), Buffer.alloc(64 * 1024 * 1024, 0x20));
    const server = await startServer({ library, port: 0, http: true, distDir: dist, limits: LIMITS });
    try {
      const socket = await openSocket(server.url);
      let received = 0;
      socket.on("data", (c: Buffer) => (received += c.length));
      socket.write(`GET /big.js HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\n\r\n`);
      // read nothing: the server's writes stall once the socket buffers are full. A paused socket
      // cannot see the server hang up, so look only once the server has had time to give up.
      socket.pause();
      await new Promise((r) => setTimeout(r, 2 * LIMITS.idleMs + 1500));
      const closed = closedAfter(socket, 3000);
      socket.resume();
      await closed;
      expect(received).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it("closes a TLS connection whose handshake never starts", async () => {
    const tls = await startServer({ library, port: 0, certDir: join(tmp.dir, "certs"), limits: LIMITS });
    try {
      const { connect } = await import("node:net");
      const url = new URL(tls.url);
      const raw = await new Promise<Socket>((resolve, reject) => {
        const s = connect({ host: "127.0.0.1", port: Number(url.port) }, () => resolve(s));
        s.once("error", reject);
      });
      await closedAfter(raw, CLOSED_WITHIN_MS);
    } finally {
      await tls.close();
    }
  });
});
