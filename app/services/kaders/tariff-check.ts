import type { Issue, Kader } from "../../../scoring";

/**
 * A kader names prestaties (base rates, appliesTo); each must exist in the tariff table the
 * kader uses, or the kader would silently never apply.
 */
export function checkPrestatieReferences(kader: Kader, codes: ReadonlySet<string>): Issue[] {
  const issues: Issue[] = [];
  for (const code of Object.keys(kader.baseRate.byPrestatie ?? {})) {
    if (!codes.has(code)) issues.push({ path: `baseRate.byPrestatie.${code}`, message: `unknown prestatie ${code} (not in the tariff table)` });
  }
  kader.surcharges.forEach((s, i) => {
    (s.appliesTo?.prestaties ?? []).forEach((code, j) => {
      if (!codes.has(code)) issues.push({ path: `surcharges[${i}].appliesTo.prestaties[${j}]`, message: `unknown prestatie ${code} (not in the tariff table)` });
    });
  });
  return issues;
}
