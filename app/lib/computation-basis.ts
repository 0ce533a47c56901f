// How a provider's tariffs were computed, in one word for the overview (page and workbook).
// Shared by server and browser code, so outside any *.server module.
export type ComputationBasisWord = "register" | "submission" | "run";

export const BASIS_WORD: Record<ComputationBasisWord, string> = { register: "register", submission: "inschrijving", run: "scoringsronde" };
