/**
 * The CustomFunctions object of the host, or an inert one where the host has none (the functions
 * bundle loaded on its own outside Excel): associate then registers nothing. office.js defines
 * CustomFunctions.associate in every Excel, also in those that never call a function (2016/2019),
 * so whether functions run is the host's CustomFunctionsRuntime requirement set
 * (ExcelCapabilities.customFunctions), not this object. Error and ErrorCode come from the
 * functions runtime; where it has not provided them, stand-ins with the same codes are used.
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
  const host = (globalThis as { CustomFunctions?: Partial<Runtime> }).CustomFunctions;
  if (!host || typeof host.associate !== "function") return INERT;
  return {
    associate: ((id: string, fn: unknown) => (host.associate as (id: string, fn: unknown) => void)(id, fn)) as Runtime["associate"],
    // read when an error is raised, not now: the runtime may add them after this bundle loads
    get Error() {
      return host.Error ?? INERT.Error;
    },
    get ErrorCode() {
      return host.ErrorCode ?? INERT.ErrorCode;
    },
  };
}
