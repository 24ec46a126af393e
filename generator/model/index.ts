export * from "./plan";
export * from "./names";
export type * from "./api";
export * from "./monitoring";
