export * from "./plan";
export * from "./names";
export * from "./units";
export type * from "./api";
export * from "./monitoring";
