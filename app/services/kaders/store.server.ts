import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import { canonicalJson } from "../../../db/canonical-json";
import type { Db } from "../../../db/client.server";
import { kaderRegions, kaders, kaderVersions, organisations, providerRegions, regions, tariffRows, tariffTables } from "../../../db/schema";
import { parseKader, type Issue, type Kader } from "../../../scoring";
import { auditForeignId } from "../../auth/guards.server";
import type { SessionUser } from "../../auth/session.server";
import { parseDutchDecimal } from "../../lib/dutch-number";
import type { FieldErrors } from "../../lib/forms";
import { appendAudit, getDb } from "../db.server";
import { phaseByClock } from "./lifecycle";
import { checkPrestatieReferences } from "./tariff-check";

export const KADER_FORMAT = "zorginkoop.kader/v1";

export const newKaderSchema = z.object({
  slug: z
    .string({ error: "Vul een kenmerk in." })
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Het kenmerk bestaat uit kleine letters, cijfers en streepjes, bijvoorbeeld vv-2027.")
    .max(60, "Het kenmerk is te lang."),
  title: z.string({ error: "Vul een titel in." }).trim().min(3, "Vul een titel in (minstens 3 tekens).").max(200, "De titel is te lang."),
  year: z.coerce.number({ error: "Vul een jaar in." }).int("Vul een jaar in.").min(2020, "Kies een jaar vanaf 2020.").max(2100, "Kies een jaar tot 2100."),
});

export function contentHash(content: unknown): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

export function listKadersForZorgkantoor(zorgkantoorId: number, db: Db = getDb()) {
  return db.select().from(kaders).where(eq(kaders.zorgkantoorId, zorgkantoorId)).orderBy(desc(kaders.year), asc(kaders.title)).all();
}

/** Published kaders of the provider's regions (never concepts). */
export function listKadersForProvider(providerId: number, db: Db = getDb()) {
  const regionIds = db.select({ id: providerRegions.regionId }).from(providerRegions).where(eq(providerRegions.providerId, providerId)).all().map((r) => r.id);
  if (regionIds.length === 0) return [];
  const ids = db.selectDistinct({ id: kaderRegions.kaderId }).from(kaderRegions).where(inArray(kaderRegions.regionId, regionIds)).all().map((r) => r.id);
  if (ids.length === 0) return [];
  return db
    .select()
    .from(kaders)
    .where(inArray(kaders.id, ids))
    .orderBy(desc(kaders.year), asc(kaders.title))
    .all()
    .filter((k) => k.phase !== "concept");
}

/**
 * Creates a concept with exactly this slug (the demo seed and tests name theirs); the
 * inkoper's form goes through createScopedKader.
 */
export function createKader(
  actor: SessionUser,
  input: z.output<typeof newKaderSchema>,
  db: Db = getDb(),
  now = new Date(),
): { ok: true; slug: string } | { ok: false; errors: FieldErrors } {
  const org = actor.organisation;
  if (!org || org.kind !== "zorgkantoor") return { ok: false, errors: { _form: "Alleen een inkoper van een zorgkantoor maakt een kader." } };
  if (db.select({ id: kaders.id }).from(kaders).where(eq(kaders.slug, input.slug)).get()) {
    return { ok: false, errors: { slug: "Er is al een kader met dit kenmerk." } };
  }
  const draft = {
    format: KADER_FORMAT,
    id: input.slug,
    title: input.title,
    zorgkantoor: org.name,
    year: input.year,
    rounding: { decimals: 2, mode: "half-up" },
    percentDecimals: 4,
    maxPercent: "100",
    nonNegotiable: ["NHC", "NIC"],
    baseRate: { default: "94" },
    surcharges: [],
  };
  db.transaction(
    (tx) => {
      const row = tx
        .insert(kaders)
        .values({ slug: input.slug, zorgkantoorId: org.id, title: input.title, year: input.year, phase: "concept", draft, draftUpdatedAt: now, createdAt: now, createdBy: actor.id })
        .returning({ id: kaders.id })
        .get();
      appendAudit(tx, { actorUserId: actor.id, action: "kader.create", entityType: "kader", entityId: input.slug, payload: { id: row.id, ...input }, organisationIds: [org.id], at: now });
    },
    { behavior: "immediate" },
  );
  return { ok: true, slug: input.slug };
}

/**
 * Kader slugs are global (they are the kader's address), but a kenmerk is chosen per
 * zorgkantoor: the slug is the zorgkantoor's own prefix plus the kenmerk. So a kenmerk another
 * zorgkantoor already uses is as free as any other, and trying one reveals nothing about
 * another zorgkantoor's kaders (concepts included).
 */
export function kaderSlugPrefix(zorgkantoorId: number): string {
  // No dash inside the prefix, so no prefix plus kenmerk can equal another zorgkantoor's.
  return `zk${zorgkantoorId}-`;
}

export function scopedKaderSlug(zorgkantoorId: number, kenmerk: string): string {
  const prefix = kaderSlugPrefix(zorgkantoorId);
  return kenmerk.startsWith(prefix) ? kenmerk : prefix + kenmerk;
}

/** The inkoper's "new kader" form: the kenmerk is scoped to the inkoper's zorgkantoor. */
export function createScopedKader(
  actor: SessionUser,
  input: z.output<typeof newKaderSchema>,
  db: Db = getDb(),
  now = new Date(),
): { ok: true; slug: string } | { ok: false; errors: FieldErrors } {
  const org = actor.organisation;
  if (!org || org.kind !== "zorgkantoor") return { ok: false, errors: { _form: "Alleen een inkoper van een zorgkantoor maakt een kader." } };
  return createKader(actor, { ...input, slug: scopedKaderSlug(org.id, input.slug) }, db, now);
}

export function tariffCodes(db: Db, tariffTableId: number | null): Set<string> | null {
  if (tariffTableId === null) return null;
  return new Set(db.select({ code: tariffRows.code }).from(tariffRows).where(eq(tariffRows.tableId, tariffTableId)).all().map((r) => r.code));
}

/** Validates a draft as the publication will: the kader format, plus prestaties known to the tariff table. */
export function validateDraft(db: Db, draft: unknown, tariffTableId: number | null): { kader: Kader | null; issues: Issue[] } {
  const parsed = parseKader(draft);
  if (!parsed.ok) return { kader: null, issues: parsed.issues };
  const codes = tariffCodes(db, tariffTableId);
  const issues = codes ? checkPrestatieReferences(parsed.value, codes) : [];
  return { kader: issues.length === 0 ? parsed.value : null, issues };
}

/**
 * Saves the working copy, valid or not: the editor never loses work. The identity fields
 * (format, id, zorgkantoor) are the kader's own and cannot be edited away.
 */
export function saveDraft(
  actor: SessionUser,
  kader: typeof kaders.$inferSelect,
  draft: Record<string, unknown>,
  db: Db = getDb(),
  now = new Date(),
): { issues: Issue[] } {
  if (kader.phase !== "concept" && !isAmendable(db, kader, now)) {
    return { issues: [{ path: "", message: "Dit kader kan niet meer worden gewijzigd: de inschrijving is gesloten." }] };
  }
  const org = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, kader.zorgkantoorId)).get()!;
  const fixed: Record<string, unknown> = { ...draft, format: KADER_FORMAT, id: kader.slug, zorgkantoor: org.name };
  const { issues } = validateDraft(db, fixed, kader.tariffTableId);
  const title = typeof fixed.title === "string" && fixed.title.trim() ? fixed.title.trim() : kader.title;
  const typedYear = typeof fixed.year === "number" || typeof fixed.year === "string" ? Number(fixed.year) : NaN;
  const year = Number.isInteger(typedYear) && typedYear >= 2020 && typedYear <= 2100 ? typedYear : kader.year;
  db.transaction(
    (tx) => {
      tx.update(kaders).set({ draft: fixed, draftUpdatedAt: now, ...(kader.phase === "concept" ? { title, year } : {}) }).where(eq(kaders.id, kader.id)).run();
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "kader.draft_save",
        entityType: "kader",
        entityId: kader.slug,
        payload: { draftHash: contentHash(fixed), valid: issues.length === 0, issues: issues.length },
        organisationIds: [kader.zorgkantoorId],
        at: now,
      });
    },
    { behavior: "immediate" },
  );
  return { issues };
}

export const settingsSchema = z.object({
  tariffTableId: z.preprocess((v) => (v === "" ? null : v), z.coerce.number().int().positive().nullable()),
  budgetCeiling: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? (parseDutchDecimal(v) ?? v) : typeof v === "string" ? "" : v),
    z.union([
      z.literal(""),
      z
        .string()
        .regex(/^\d+(\.\d{1,2})?$/, "Vul een bedrag in euro's in, bijvoorbeeld 12.500.000,00.")
        // The whole Wlz costs some € 30 miljard a year: more than € 100 miljard for one kader is a typing error.
        .refine((v) => v.split(".")[0]!.replace(/^0+(?=\d)/, "").length <= 11, "Een contracteerruimte van € 100 miljard of meer kan niet kloppen: de hele Wlz kost zo'n € 30 miljard per jaar. Controleer het bedrag."),
    ]),
  ),
  regionIds: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()).min(1, "Kies minstens één regio.")),
});

/** Tariff table, contracteerruimte and regions: fixed at publication (an amendment may pick a newer tariff table). */
export function saveSettings(
  actor: SessionUser,
  kader: typeof kaders.$inferSelect,
  input: z.output<typeof settingsSchema>,
  db: Db = getDb(),
): { ok: true } | { ok: false; errors: FieldErrors } {
  if (kader.phase !== "concept" && !isAmendable(db, kader, new Date())) return { ok: false, errors: { _form: "De inschrijving is gesloten; instellingen liggen vast." } };
  if (input.tariffTableId !== null) {
    const table = db.select().from(tariffTables).where(eq(tariffTables.id, input.tariffTableId)).get();
    if (!table || table.zorgkantoorId !== kader.zorgkantoorId) {
      // Another zorgkantoor's table: answered as an unknown one, but the attempt is audited.
      if (table) auditForeignId(db, actor, { entityType: "kader", entityId: kader.slug, ids: { tariffTableId: [table.id] } });
      return { ok: false, errors: { tariffTableId: "Kies een tarieftabel van uw zorgkantoor." } };
    }
  }
  const own = db.select({ id: regions.id }).from(regions).where(and(eq(regions.zorgkantoorId, kader.zorgkantoorId), inArray(regions.id, input.regionIds))).all();
  if (own.length !== new Set(input.regionIds).size) {
    const foreign = db
      .select({ id: regions.id })
      .from(regions)
      .where(and(ne(regions.zorgkantoorId, kader.zorgkantoorId), inArray(regions.id, input.regionIds)))
      .all()
      .map((r) => r.id);
    if (foreign.length > 0) auditForeignId(db, actor, { entityType: "kader", entityId: kader.slug, ids: { regionIds: foreign } });
    return { ok: false, errors: { regionIds: "Kies regio's van uw zorgkantoor." } };
  }
  const currentRegions = db.select({ id: kaderRegions.regionId }).from(kaderRegions).where(eq(kaderRegions.kaderId, kader.id)).all().map((r) => r.id);
  const regionsChanged = currentRegions.length !== new Set(input.regionIds).size || currentRegions.some((id) => !input.regionIds.includes(id));
  if (kader.phase !== "concept" && regionsChanged) return { ok: false, errors: { regionIds: "Na publicatie liggen de regio's vast." } };
  db.transaction(
    (tx) => {
      tx.update(kaders).set({ tariffTableId: input.tariffTableId, budgetCeiling: input.budgetCeiling === "" ? null : input.budgetCeiling }).where(eq(kaders.id, kader.id)).run();
      if (regionsChanged) {
        tx.delete(kaderRegions).where(eq(kaderRegions.kaderId, kader.id)).run();
        for (const regionId of new Set(input.regionIds)) tx.insert(kaderRegions).values({ kaderId: kader.id, regionId }).run();
      }
      appendAudit(tx, { actorUserId: actor.id, action: "kader.settings", entityType: "kader", entityId: kader.slug, payload: { ...input }, organisationIds: [kader.zorgkantoorId] });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

export function latestVersion(db: Db, kaderId: number) {
  return db.select().from(kaderVersions).where(eq(kaderVersions.kaderId, kaderId)).orderBy(desc(kaderVersions.number)).limit(1).get() ?? null;
}

export function listVersions(db: Db, kaderId: number) {
  return db.select().from(kaderVersions).where(eq(kaderVersions.kaderId, kaderId)).orderBy(asc(kaderVersions.number)).all();
}

/** The phase now, by the stored phase and the clock. */
export function currentPhase(db: Db, kader: typeof kaders.$inferSelect, now = new Date()) {
  const version = latestVersion(db, kader.id);
  return phaseByClock(kader.phase, version, now);
}

/** A published kader can be amended (by a new version with a nota) until it closes. */
export function isAmendable(db: Db, kader: typeof kaders.$inferSelect, now: Date): boolean {
  const phase = currentPhase(db, kader, now);
  return phase === "gepubliceerd" || phase === "open";
}

export function kaderRegionIds(db: Db, kaderId: number): number[] {
  return db.select({ id: kaderRegions.regionId }).from(kaderRegions).where(eq(kaderRegions.kaderId, kaderId)).all().map((r) => r.id);
}
