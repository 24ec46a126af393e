/**
 * The host names this server answers to. A page on any domain can point its own DNS name at
 * 127.0.0.1 once loaded (DNS rebinding) and then read the API as "same-origin", with no Origin
 * header to refuse; but its requests still carry its own name in Host. So a request is served only
 * when Host names this server: loopback, the address it was told to bind, or a name its
 * certificate vouches for.
 */
import { X509Certificate } from "node:crypto";
import { isIPv6 } from "node:net";
import { networkInterfaces } from "node:os";

export interface ServerNames {
  scheme: "http" | "https";
  port: number;
  /** lower-case host names, IPv6 addresses in brackets as they appear in a Host header */
  hosts: ReadonlySet<string>;
  /** "*.example.org" certificate names as ".example.org": they cover exactly one more label */
  wildcardSuffixes: readonly string[];
}

const WILDCARD_BINDS = new Set(["", "0.0.0.0", "::"]);

const asHostName = (address: string) => (isIPv6(address) ? `[${address.toLowerCase()}]` : address.toLowerCase());

/** The DNS and IP names a PEM certificate is issued for; none when it cannot be read. */
function certificateNames(pem: Buffer): string[] {
  let san: string | undefined;
  try {
    san = new X509Certificate(pem).subjectAltName;
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of (san ?? "").split(",")) {
    const match = /^\s*(DNS|IP Address):(.+?)\s*$/.exec(entry);
    if (match) names.push(match[1] === "DNS" ? match[2].toLowerCase() : asHostName(match[2]));
  }
  return names;
}

export function serverNames(scheme: "http" | "https", port: number, bindHost: string, certificate: Buffer | null): ServerNames {
  const hosts = new Set(["localhost", "127.0.0.1", "[::1]"]);
  const wildcardSuffixes: string[] = [];
  if (WILDCARD_BINDS.has(bindHost)) {
    // bound to every interface: each of the machine's own addresses reaches it
    for (const addresses of Object.values(networkInterfaces())) for (const a of addresses ?? []) hosts.add(asHostName(a.address));
  } else {
    hosts.add(asHostName(bindHost));
  }
  for (const name of certificate ? certificateNames(certificate) : []) {
    if (name.startsWith("*.")) wildcardSuffixes.push(name.slice(1));
    else hosts.add(name);
  }
  return { scheme, port, hosts, wildcardSuffixes };
}

/** Splits "name:port" / "[v6]:port" / "name"; null when it is not a host at all. */
function splitHost(value: string): { name: string; port: string | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(value.toLowerCase());
  return match ? { name: match[1], port: match[2] ?? null } : null;
}

/** Whether a Host header (or an origin's host) names this server, port included. */
export function hostAllowed(header: string | undefined, names: ServerNames): boolean {
  if (!header) return false;
  const host = splitHost(header);
  if (!host) return false;
  // browsers leave the port out only when it is the scheme's default
  const port = host.port === null ? (names.scheme === "https" ? 443 : 80) : Number(host.port);
  if (port !== names.port) return false;
  if (names.hosts.has(host.name)) return true;
  return names.wildcardSuffixes.some((suffix) => {
    const label = host.name.endsWith(suffix) ? host.name.slice(0, -suffix.length) : "";
    return label !== "" && !label.includes(".");
  });
}

/** An Origin header naming this server: same scheme, a host it answers to. */
export function isOwnOrigin(origin: string, names: ServerNames): boolean {
  const prefix = `${names.scheme}://`;
  const lower = origin.toLowerCase();
  return lower.startsWith(prefix) && hostAllowed(lower.slice(prefix.length), names);
}

/** The URL host a person should be shown: a name rather than a loopback or wildcard address. */
export function displayHost(bindHost: string): string {
  if (bindHost === "127.0.0.1" || WILDCARD_BINDS.has(bindHost)) return "localhost";
  return isIPv6(bindHost) ? `[${bindHost}]` : bindHost;
}
