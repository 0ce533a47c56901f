export * from "./organisations";
export * from "./users";
export * from "./audit";
export * from "./tariffs";
export * from "./kaders";
export * from "./submissions";
export * from "./annual-accounts";
export * from "./breakeven";
