// docs/spec/breakeven.md section 4.2: a published test names no provider. Each provider in the
// inputs gets a pseudonym by the order of its id (`aanbieder-001` for the lowest), the same in the
// inputs (volumes, facts, assessments) and in the accounts, so that the same field always gives the
// same pseudonyms. Names are dropped; nothing else changes, so the outcome is the same.
import type { Inputs } from "../format/inputs";
import type { BreakevenTest } from "./format";

export function pseudonymise(inputs: Inputs, test: BreakevenTest): { inputs: Inputs; test: BreakevenTest; pseudonyms: Map<string, string> } {
  const ids = inputs.providers.map((p) => p.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const width = Math.max(3, String(ids.length).length);
  const pseudonyms = new Map(ids.map((id, i) => [id, `aanbieder-${String(i + 1).padStart(width, "0")}`]));
  const providers = inputs.providers
    .map(({ name: _name, ...rest }) => ({ ...rest, id: pseudonyms.get(rest.id)! }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    inputs: { ...inputs, providers },
    test: { ...test, accounts: test.accounts.map((a) => ({ ...a, provider: pseudonyms.get(a.provider) ?? a.provider })).sort((a, b) => (a.provider < b.provider ? -1 : 1)) },
    pseudonyms,
  };
}
