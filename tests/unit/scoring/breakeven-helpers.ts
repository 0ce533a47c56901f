// Shared pieces for the reële-tarieventoets tests: the demo kader with its tariff table and
// registry volumes as engine inputs, the illustrative demo accounts (db/seed/demo-jaarrekeningen.csv),
// and small builders for hand-checked fields.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DEMO_VOLUMES } from "../../../db/seed/demo-kader";
import { readDocument, repoRoot } from "./helpers";

export const seedDir = resolve(repoRoot, "db/seed");
export const ZERO_SHA = "0".repeat(64);
export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export const demoKader = () => readDocument(resolve(seedDir, "demo-kader.yaml")) as Record<string, unknown>;
export const demoKaderText = () => readFileSync(resolve(seedDir, "demo-kader.yaml"), "utf8");

/** The demo tariff table (`;`-separated, decimal commas) and the registry's volumes, as zorginkoop.inputs/v1. */
export function demoInputs() {
  const rows = readFileSync(resolve(seedDir, "nza-tarieven-2026-voorbeeld.csv"), "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1);
  const dec = (s: string) => s.replace(",", ".");
  const tariffs = rows.map((row) => {
    const [code, sector, label, unit, max, nhc, nic] = row.split(";") as [string, string, string, string, string, string, string];
    return { code, sector, label, unit, max: dec(max), components: { NHC: dec(nhc), NIC: dec(nic) } };
  });
  const providers = Object.entries(DEMO_VOLUMES).map(([id, v]) => ({
    id,
    prestaties: Object.keys(v.volumes),
    volumes: v.volumes,
    ...(v.previousYearPercent !== null && { previousYearPercent: v.previousYearPercent }),
  }));
  return { format: "zorginkoop.inputs/v1", kader: "demo-vv-2026", tariffs, providers };
}

/** db/seed/demo-jaarrekeningen.csv as accounts rows of a test file. */
export function demoAccounts() {
  const [header, ...rows] = readFileSync(resolve(seedDir, "demo-jaarrekeningen.csv"), "utf8").trim().split(/\r?\n/);
  const columns = header!.split(",");
  return rows.map((row) => {
    const cells = Object.fromEntries(row.split(",").map((cell, i) => [columns[i]!, cell]));
    const { agb, jaar, ...figures } = cells;
    return { provider: agb!, year: Number(jaar), ...figures };
  });
}

export type Assumptions = { costIndexation: string; volumeChange?: string; opslagen: "none" | "fixed" | "expected"; threshold?: string; searchFrom?: string };

export function testDocument(kader: string, accounts: unknown[], assumptions: Assumptions, references = { kader: { sha256: ZERO_SHA }, inputs: { sha256: ZERO_SHA } }) {
  return { format: "zorginkoop.breakeven/v1", kader, references, assumptions, accounts };
}

export const DEMO_ASSUMPTIONS: Assumptions = { costIndexation: "3.5", volumeChange: "0", opslagen: "none", threshold: "75", searchFrom: "90" };
