/**
 * Which Excel the pane talks to. Inside Office: Excel.run, the document's settings and the
 * requirement sets the host reports. Outside Office (a browser opening the page, or the
 * end-to-end test) Office.onReady resolves with host null and Excel is undefined; a test may then
 * install a stand-in through window.__PLANBOOK_TEST_HOST__ before the page loads.
 */
import type { SettingsStore } from "../excel/provenance";
import { detectCapabilities, EXCELAPI_1_1, type ExcelCapabilities } from "../excel/write";

export interface ExcelHost {
  /** false when the pane is only browsing (no workbook to write to) */
  canWrite: boolean;
  label: string;
  run<T>(callback: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  settings: SettingsStore;
  capabilities: ExcelCapabilities;
}

export interface TestHostHook {
  run<T>(callback: (context: any) => Promise<T>): Promise<T>;
  settings: SettingsStore;
  capabilities?: Partial<ExcelCapabilities>;
}

declare global {
  interface Window {
    __PLANBOOK_TEST_HOST__?: TestHostHook;
  }
}

const OFFICE_READY_TIMEOUT_MS = 8000;

/** Resolves once office.js has said where it runs, or after a timeout if office.js never loaded. */
async function officeHost(): Promise<string | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return null;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), OFFICE_READY_TIMEOUT_MS));
  const ready = Office.onReady().then((info) => (info.host ? String(info.host) : null));
  return Promise.race([ready, timeout]);
}

export async function connectHost(): Promise<ExcelHost> {
  const host = await officeHost();
  if (host === "Excel" && typeof Excel !== "undefined") {
    return {
      canWrite: true,
      label: "Excel",
      run: (callback) => Excel.run(callback),
      settings: Office.context.document.settings as unknown as SettingsStore,
      capabilities: detectCapabilities((set, version) => Office.context.requirements.isSetSupported(set, version)),
    };
  }
  const hook = window.__PLANBOOK_TEST_HOST__;
  if (hook) {
    return {
      canWrite: true,
      label: "测试用工作簿",
      run: (callback) => hook.run(callback),
      settings: hook.settings,
      capabilities: { ...EXCELAPI_1_1, ...hook.capabilities },
    };
  }
  return {
    canWrite: false,
    label: "浏览器",
    run: () => Promise.reject(new Error("not in Excel")),
    settings: memorySettings(),
    capabilities: EXCELAPI_1_1,
  };
}

function memorySettings(): SettingsStore {
  const values = new Map<string, unknown>();
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => void values.set(name, value),
    saveAsync: (callback) => callback?.({ status: "succeeded" }),
  };
}
