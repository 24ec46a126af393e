/**
 * The add-in manifest, checked offline. No XSD ships in any npm package and the official validator
 * is a web service, so this checks what the schema and the Office store check that matters here:
 * well-formed XML (xmllint), the element order of OfficeApp's sequence, GUID and version formats,
 * https everywhere, every resid defined, icons of the right sizes existing — plus the production
 * URL substitution and that the icons are what scripts/make-icons.ts draws.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { ICON_SIZES, renderIcon } from "../scripts/make-icons";

const ROOT = join(__dirname, "..");
const MANIFEST = join(ROOT, "manifest.xml");
const xml = readFileSync(MANIFEST, "utf8");
// xml2js arrives with office-addin-manifest (it parses manifests with it) and ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseStringPromise } = require("xml2js") as { parseStringPromise: (xml: string, options?: object) => Promise<any> };
// webpack.config.js is CommonJS; its helper is what the build uses to write dist/manifest.xml.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestFor } = require("../webpack.config.js") as { manifestFor: (content: string, url?: string) => string };

function xmllint(file: string, input?: string): { available: boolean; ok: boolean; output: string } {
  const probe = spawnSync("xmllint", ["--version"]);
  if (probe.error) return { available: false, ok: false, output: "" };
  const run = spawnSync("xmllint", ["--noout", file], { input, encoding: "utf8" });
  return { available: true, ok: run.status === 0, output: run.stderr };
}

/** office-addin-manifest's own reader; run in plain Node because jest cannot load its ESM dependencies. */
function officeReader(file: string): Record<string, unknown> {
  const script = `require("office-addin-manifest").OfficeAddinManifest.readManifestFile(${JSON.stringify(file)}).then((m) => process.stdout.write(JSON.stringify(m)))`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }));
}

function collect(node: unknown, visit: (key: string, value: any) => void): void {
  if (Array.isArray(node)) node.forEach((child) => collect(child, visit));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      visit(key, value);
      collect(value, visit);
    }
  }
}

describe("manifest.xml", () => {
  test("is well-formed XML (xmllint)", () => {
    const result = xmllint(MANIFEST);
    if (!result.available) {
      // .ci/run installs it: under CI its absence is a failure, not a pass
      if (process.env.CI) throw new Error("xmllint (Debian libxml2-utils) is required under CI");
      console.warn("xmllint not installed (Debian libxml2-utils): well-formedness is checked by the XML parser below only");
      return;
    }
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  });

  test("reads with office-addin-manifest as an Excel task pane add-in", () => {
    const info = officeReader(MANIFEST);
    expect(info).toMatchObject({
      officeAppType: "TaskPaneApp",
      hosts: ["Workbook"],
      permissions: "ReadWriteDocument",
      defaultLocale: "zh-CN",
      manifestType: "xml",
      defaultSettings: { sourceLocation: "https://localhost:3000/taskpane.html" },
    });
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(info.version).toMatch(/^\d{1,5}(\.\d{1,5}){1,3}$/);
    expect(String(info.displayName).length).toBeLessThanOrEqual(125);
    expect(String(info.description).length).toBeLessThanOrEqual(250);
  });

  test("keeps OfficeApp's children in the schema's order and asks only for ExcelApi 1.1", async () => {
    const doc = await parseStringPromise(xml, { explicitChildren: true, preserveChildrenOrder: true });
    const order = (doc.OfficeApp.$$ as Array<{ "#name": string }>).map((c) => c["#name"]);
    const schemaSequence = [
      "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
      "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "VersionOverrides",
    ];
    const positions = order.map((name) => schemaSequence.indexOf(name));
    expect(positions).not.toContain(-1);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(doc.OfficeApp.Requirements[0].Sets[0].Set[0].$).toEqual({ Name: "ExcelApi", MinVersion: "1.1" });
  });

  test("uses https for every URL and defines every resid it references", async () => {
    const doc = await parseStringPromise(xml);
    const urls: string[] = [];
    const referenced = new Set<string>();
    const defined = new Set<string>();
    collect(doc, (key, value) => {
      if (key !== "$") return;
      if (typeof value.DefaultValue === "string" && /^\w+:\/\//.test(value.DefaultValue)) urls.push(value.DefaultValue);
      if (value.resid) referenced.add(value.resid);
    });
    collect(doc.OfficeApp.VersionOverrides[0].Resources, (key, value) => {
      if (key === "$" && value.id) defined.add(value.id);
    });
    collect(doc.OfficeApp.AppDomains, (key, value) => typeof value === "string" && urls.push(value));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
    expect(referenced.size).toBeGreaterThan(5);
    for (const resid of referenced) expect(defined).toContain(resid);
    for (const id of defined) expect(id.length).toBeLessThanOrEqual(32);
  });

  test("puts a button on the Home tab that opens the task pane, with 16/32/80 px icons", async () => {
    const doc = await parseStringPromise(xml);
    const host = doc.OfficeApp.VersionOverrides[0].Hosts[0].Host[0];
    const tab = host.DesktopFormFactor[0].ExtensionPoint[0].OfficeTab[0];
    expect(tab.$.id).toBe("TabHome");
    const control = tab.Group[0].Control[0];
    expect(control.Action[0].$["xsi:type"]).toBe("ShowTaskpane");
    const sizes = control.Icon[0]["bt:Image"].map((i: any) => i.$.size);
    expect(sizes).toEqual(["16", "32", "80"]);
    const taskpaneUrl = doc.OfficeApp.VersionOverrides[0].Resources[0]["bt:Urls"][0]["bt:Url"].find((u: any) => u.$.id === control.Action[0].SourceLocation[0].$.resid);
    expect(taskpaneUrl.$.DefaultValue).toBe("https://localhost:3000/taskpane.html");
  });

  test("declares the worksheet functions (namespace PLANBOOK) in a shared runtime with the task pane", async () => {
    const doc = await parseStringPromise(xml, { explicitChildren: true, preserveChildrenOrder: true });
    const host = doc.OfficeApp.VersionOverrides[0].Hosts[0].Host[0];
    // the schema's sequence inside Host: Runtimes, AllFormFactors, DesktopFormFactor
    expect((host.$$ as Array<{ "#name": string }>).map((c) => c["#name"])).toEqual(["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
    const runtime = host.Runtimes[0].Runtime;
    expect(runtime).toHaveLength(1);
    expect(runtime[0].$).toEqual({ resid: "Taskpane.Url", lifetime: "long" });
    const point = host.AllFormFactors[0].ExtensionPoint[0];
    expect(point.$["xsi:type"]).toBe("CustomFunctions");
    expect((point.$$ as Array<{ "#name": string }>).map((c) => c["#name"])).toEqual(["Script", "Page", "Metadata", "Namespace"]);
    // one runtime: the functions' page, the pane's button and the Runtime name the same page
    expect(point.Page[0].SourceLocation[0].$.resid).toBe(runtime[0].$.resid);
    const button = host.DesktopFormFactor[0].ExtensionPoint[0].OfficeTab[0].Group[0].Control[0];
    expect(button.Action[0].SourceLocation[0].$.resid).toBe(runtime[0].$.resid);
    const resources = doc.OfficeApp.VersionOverrides[0].Resources[0];
    const url = (id: string) => resources["bt:Urls"][0]["bt:Url"].find((u: any) => u.$.id === id)?.$.DefaultValue;
    expect(url(point.Script[0].SourceLocation[0].$.resid)).toBe("https://localhost:3000/functions.js");
    expect(url(point.Metadata[0].SourceLocation[0].$.resid)).toBe("https://localhost:3000/functions.json");
    const namespace = resources["bt:ShortStrings"][0]["bt:String"].find((s: any) => s.$.id === point.Namespace[0].$.resid);
    expect(namespace.$.DefaultValue).toBe("PLANBOOK");
    // what webpack.config.js builds under those names (the end-to-end test loads them from dist/)
    const config = readFileSync(join(ROOT, "webpack.config.js"), "utf8");
    expect(config).toMatch(/output: "functions\.json"/);
    expect(config).toMatch(/functions: "\.\/addin\/functions\/functions\.ts"/);
  });

  test("Excel without custom functions still loads it: the base manifest asks for ExcelApi 1.1 and nothing else", async () => {
    const doc = await parseStringPromise(xml);
    const sets = doc.OfficeApp.Requirements[0].Sets;
    expect(sets).toHaveLength(1);
    expect(sets[0].Set.map((s: any) => s.$)).toEqual([{ Name: "ExcelApi", MinVersion: "1.1" }]);
    // no requirement inside VersionOverrides either: that would hide the ribbon button from Excel 2016
    expect(doc.OfficeApp.VersionOverrides[0].Requirements).toBeUndefined();
  });

  test("every icon it names exists in addin/assets at the size it claims", async () => {
    const doc = await parseStringPromise(xml);
    const iconUrls: string[] = [doc.OfficeApp.IconUrl[0].$.DefaultValue, doc.OfficeApp.HighResolutionIconUrl[0].$.DefaultValue];
    for (const image of doc.OfficeApp.VersionOverrides[0].Resources[0]["bt:Images"][0]["bt:Image"]) iconUrls.push(image.$.DefaultValue);
    for (const url of iconUrls) {
      const match = /\/assets\/icon-(\d+)\.png$/.exec(url);
      expect(match).not.toBeNull();
      const png = PNG.sync.read(readFileSync(join(ROOT, "addin/assets", `icon-${match![1]}.png`)));
      expect([png.width, png.height]).toEqual([Number(match![1]), Number(match![1])]);
    }
  });
});

describe("production manifest", () => {
  test("has every development address replaced and stays valid", () => {
    const production = manifestFor(xml, "https://planbook.example.gov.cn/");
    expect(production).not.toContain("localhost");
    expect(production).toContain("<SourceLocation DefaultValue=\"https://planbook.example.gov.cn/taskpane.html\"/>");
    const lint = xmllint("-", production);
    if (lint.available) expect(lint.ok).toBe(true);
  });

  test("refuses a non-https address (Office loads add-ins over https only)", () => {
    expect(() => manifestFor(xml, "http://planbook.example.gov.cn")).toThrow(/https/);
  });
});

test("the icons in addin/assets are what scripts/make-icons.ts draws", () => {
  for (const size of ICON_SIZES) {
    expect(readFileSync(join(ROOT, "addin/assets", `icon-${size}.png`)).equals(renderIcon(size))).toBe(true);
  }
});
