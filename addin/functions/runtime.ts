/**
 * The CustomFunctions object of the host, or an inert one where the host has none (Excel 2016/2019
 * perpetual, Excel on a Mac before custom functions, the pane opened in a browser): there the pane
 * works as before and the functions simply are not registered.
 */
type Runtime = Pick<typeof CustomFunctions, "associate" | "Error" | "ErrorCode">;

class InertError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

const INERT: Runtime = {
  associate: () => undefined,
  Error: InertError as unknown as Runtime["Error"],
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  } as unknown as Runtime["ErrorCode"],
};

export function customFunctionsRuntime(): Runtime {
  const host = (globalThis as { CustomFunctions?: Runtime }).CustomFunctions;
  return host && typeof host.associate === "function" ? host : INERT;
}

/** whether this host runs worksheet functions: the pane then offers to insert a live =PLANBOOK.VALUE */
export function hasCustomFunctions(): boolean {
  return customFunctionsRuntime() !== INERT;
}
