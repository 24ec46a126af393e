import { X509Certificate } from "node:crypto";
import { chmod, readFile, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where office-addin-dev-certs keeps its certificates, so `npx office-addin-dev-certs install` trusts the same CA. */
export const DEFAULT_CERT_DIR = join(homedir(), ".office-addin-dev-certs");

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  /** the CA that signed `cert` (for clients to trust), when the certificates are generated */
  caPath: string | null;
}

const RENEW_BEFORE_MS = 24 * 3600 * 1000;

async function stillValid(certPath: string): Promise<boolean> {
  try {
    const cert = new X509Certificate(await readFile(certPath));
    return Date.parse(cert.validTo) - Date.now() > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}

/**
 * Localhost certificates signed by a development CA, created in `certDir` when missing or about to
 * expire. generateCertificates writes nothing when ca.crt already exists, so a stale set is removed first.
 */
export async function ensureDevCertificates(certDir: string): Promise<TlsFiles> {
  const caPath = join(certDir, "ca.crt");
  const certPath = join(certDir, "localhost.crt");
  const keyPath = join(certDir, "localhost.key");
  if (!(await stillValid(certPath)) || !(await stillValid(caPath))) {
    await Promise.all([caPath, certPath, keyPath].map((p) => rm(p, { force: true })));
    const { generateCertificates } = await import("office-addin-dev-certs");
    // the package announces its work on console.log in English; what the clerk needs to know
    // (where the CA is, how to trust it) the CLI prints in Chinese, so its line is held back
    const log = console.log;
    console.log = () => undefined;
    try {
      await generateCertificates(caPath, certPath, keyPath, 365, ["127.0.0.1", "localhost"]);
    } finally {
      console.log = log;
    }
    // the package reports failure by resolving anyway in some paths: check that the files are there
    if (!(await stillValid(certPath))) throw new Error(`无法在 ${certDir} 中生成开发用证书；请检查该文件夹的权限，或用 --cert/--key 指定证书`);
    await chmod(keyPath, 0o600);
  }
  return { cert: await readFile(certPath), key: await readFile(keyPath), caPath };
}

export async function readTlsFiles(certPath: string, keyPath: string): Promise<TlsFiles> {
  const read = async (path: string, what: string) => {
    try {
      return await readFile(path);
    } catch {
      throw new Error(`无法读取${what} ${path}`);
    }
  };
  return { cert: await read(certPath, "证书"), key: await read(keyPath, "私钥"), caPath: null };
}
