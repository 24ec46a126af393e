/**
 * Loads the built functions bundle (dist/functions.js) into a Chromium page of the service's own
 * origin with a stand-in for Excel's CustomFunctions runtime: associate() records each function,
 * Error and ErrorCode behave as Excel's do. Shared by the end-to-end test and the lookup bench.
 */

/** The page-side stand-in, installed before any script of the page runs. */
export const CUSTOM_FUNCTIONS_STAND_IN = `(() => {
  const registered = {};
  class CustomFunctionsError extends Error {
    constructor(code, message) { super(message); this.code = code; }
  }
  window.__registered = registered;
  const standIn = {
    Error: CustomFunctionsError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" },
  };
  // office.js, loaded after this by the pane's page, sets its own associate on an existing
  // CustomFunctions object (it does so in every Excel): this one keeps the stand-in's
  Object.defineProperty(standIn, "associate", { enumerable: true, get: () => (id, fn) => { registered[id] = fn; }, set: () => {} });
  window.CustomFunctions = standIn;
  // what Excel does with a function's outcome: a value, or an error code with its message
  window.__call = async (id, ...args) => {
    try { return { ok: true, value: await registered[id](...args) }; }
    catch (e) { return { ok: false, code: e.code ?? "#VALUE!", message: String(e.message) }; }
  };
})();`;

export interface CallOutcome {
  ok: boolean;
  value?: unknown;
  code?: string;
  message?: string;
}

/** A minimal page that loads only what its test asks for (the stand-in and functions.js). */
export const HARNESS_PATH = "/help.html";
