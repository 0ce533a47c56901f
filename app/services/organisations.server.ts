import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../../db/audit.server";
import type { Db } from "../../db/client.server";
import { organisations, providerRegions, regions } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import type { FieldErrors } from "../lib/forms";
import { getDb } from "./db.server";

import { SECTORS } from "../lib/sectors";

// The article goes with the noun: "de AGB-code", "het KvK-nummer".
const eightDigits = (article: "de" | "het", what: string) =>
  z
    .string({ error: `Vul ${article} ${what} in.` })
    .trim()
    .regex(/^\d{8}$/, `${article === "de" ? "De" : "Het"} ${what} bestaat uit precies 8 cijfers.`);

const asList = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const organisationSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("zorgkantoor"),
    name: z.string().trim().min(2, "Vul de naam in (minstens 2 tekens).").max(200, "De naam is te lang."),
  }),
  z.object({
    kind: z.literal("zorgaanbieder"),
    name: z.string().trim().min(2, "Vul de naam in (minstens 2 tekens).").max(200, "De naam is te lang."),
    agbCode: eightDigits("de", "AGB-code"),
    kvkNumber: eightDigits("het", "KvK-nummer"),
    sectors: z.preprocess(asList, z.array(z.enum(SECTORS, "Kies een bestaande sector.")).min(1, "Kies minstens één sector.")),
    regionIds: z.preprocess(asList, z.array(z.coerce.number().int().positive()).default([])),
  }),
], { error: "Kies het soort organisatie." });

export type OrganisationInput = z.output<typeof organisationSchema>;

export function listOrganisations(db: Db = getDb()) {
  const rows = db.select().from(organisations).orderBy(asc(organisations.kind), asc(organisations.name)).all();
  const links = db
    .select({ providerId: providerRegions.providerId, code: regions.code })
    .from(providerRegions)
    .innerJoin(regions, eq(regions.id, providerRegions.regionId))
    .all();
  return rows.map((o) => ({ ...o, regions: links.filter((l) => l.providerId === o.id).map((l) => l.code) }));
}

export function listRegions(db: Db = getDb()) {
  return db.select().from(regions).orderBy(asc(regions.code)).all();
}

export function createOrganisation(
  actor: SessionUser,
  input: OrganisationInput,
  db: Db = getDb(),
): { ok: true; id: number } | { ok: false; errors: FieldErrors } {
  if (input.kind === "zorgaanbieder") {
    const taken = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.agbCode, input.agbCode)).get();
    if (taken) return { ok: false, errors: { agbCode: "Er is al een zorgaanbieder met deze AGB-code." } };
    if (input.regionIds.length > 0) {
      const found = db.select({ id: regions.id }).from(regions).where(inArray(regions.id, input.regionIds)).all();
      if (found.length !== new Set(input.regionIds).size) return { ok: false, errors: { regionIds: "Kies bestaande regio's." } };
    }
  }
  const id = db.transaction(
    (tx) => {
      const row = tx
        .insert(organisations)
        .values({
          kind: input.kind,
          name: input.name,
          agbCode: input.kind === "zorgaanbieder" ? input.agbCode : null,
          kvkNumber: input.kind === "zorgaanbieder" ? input.kvkNumber : null,
          sectors: input.kind === "zorgaanbieder" ? input.sectors : [],
          createdAt: new Date(),
        })
        .returning({ id: organisations.id })
        .get();
      if (input.kind === "zorgaanbieder") {
        for (const regionId of new Set(input.regionIds)) tx.insert(providerRegions).values({ providerId: row.id, regionId }).run();
      }
      appendAudit(tx, { actorUserId: actor.id, action: "organisation.create", entityType: "organisation", entityId: row.id, payload: { ...input }, organisationIds: [row.id] });
      return row.id;
    },
    { behavior: "immediate" },
  );
  return { ok: true, id };
}

export const regionSchema = z.object({
  zorgkantoorId: z.coerce.number({ error: "Kies een zorgkantoor." }).int().positive("Kies een zorgkantoor."),
  code: z.string().trim().regex(/^[A-Z0-9-]{2,12}$/, "De regiocode bestaat uit 2 tot 12 hoofdletters, cijfers of streepjes."),
  name: z.string().trim().min(2, "Vul de naam van de regio in.").max(100, "De naam is te lang."),
});

export function createRegion(
  actor: SessionUser,
  input: z.output<typeof regionSchema>,
  db: Db = getDb(),
): { ok: true; id: number } | { ok: false; errors: FieldErrors } {
  const zk = db.select().from(organisations).where(eq(organisations.id, input.zorgkantoorId)).get();
  if (!zk || zk.kind !== "zorgkantoor") return { ok: false, errors: { zorgkantoorId: "Kies een bestaand zorgkantoor." } };
  if (db.select().from(regions).where(eq(regions.code, input.code)).get()) return { ok: false, errors: { code: "Deze regiocode bestaat al." } };
  const id = db.transaction(
    (tx) => {
      const row = tx.insert(regions).values(input).returning({ id: regions.id }).get();
      appendAudit(tx, { actorUserId: actor.id, action: "region.create", entityType: "region", entityId: row.id, payload: { ...input }, organisationIds: [input.zorgkantoorId] });
      return row.id;
    },
    { behavior: "immediate" },
  );
  return { ok: true, id };
}

/** The signed-in provider user's own organisation, with its regions. */
export function loadOwnProvider(user: SessionUser, db: Db = getDb()) {
  if (!user.organisation || user.organisation.kind !== "zorgaanbieder") throw new Response("Geen zorgaanbieder gekoppeld", { status: 403 });
  const org = db.select().from(organisations).where(eq(organisations.id, user.organisation.id)).get()!;
  const codes = db
    .select({ code: regions.code, name: regions.name })
    .from(providerRegions)
    .innerJoin(regions, eq(regions.id, providerRegions.regionId))
    .where(eq(providerRegions.providerId, org.id))
    .all();
  return { id: org.id, name: org.name, agbCode: org.agbCode, kvkNumber: org.kvkNumber, sectors: org.sectors, regions: codes.map((c) => `${c.name} (${c.code})`) };
}

const nameSchema = z.string({ error: "Vul de naam in." }).trim().min(2, "Vul de naam in (minstens 2 tekens).").max(200, "De naam is te lang.");

/** What the beheerder may change: a zorgkantoor's name; a provider's name, KvK number, sectors and regions. */
export const zorgkantoorEditSchema = z.object({ name: nameSchema });
export const providerEditSchema = z.object({
  name: nameSchema,
  kvkNumber: eightDigits("het", "KvK-nummer"),
  sectors: z.preprocess(asList, z.array(z.enum(SECTORS, "Kies een bestaande sector.")).min(1, "Kies minstens één sector.")),
  regionIds: z.preprocess(asList, z.array(z.coerce.number().int().positive("Kies bestaande regio's.")).default([])),
});
export type OrganisationEdit = { kind: "zorgkantoor"; data: z.output<typeof zorgkantoorEditSchema> } | { kind: "zorgaanbieder"; data: z.output<typeof providerEditSchema> };

/** One organisation with its regions (a provider's linked regions, or a zorgkantoor's own). */
export function loadOrganisation(id: number, db: Db = getDb()) {
  const org = db.select().from(organisations).where(eq(organisations.id, id)).get();
  if (!org) return null;
  const linked =
    org.kind === "zorgkantoor"
      ? db.select().from(regions).where(eq(regions.zorgkantoorId, org.id)).orderBy(asc(regions.code)).all()
      : db
          .select({ id: regions.id, code: regions.code, name: regions.name, zorgkantoorId: regions.zorgkantoorId })
          .from(providerRegions)
          .innerJoin(regions, eq(regions.id, providerRegions.regionId))
          .where(eq(providerRegions.providerId, org.id))
          .orderBy(asc(regions.code))
          .all();
  return { ...org, regions: linked };
}

type Change = { old: unknown; new: unknown };

/**
 * The beheerder's edit of an organisation's master data. Only what differs is written, in one
 * transaction with one audit event that holds every changed field's old and new value.
 */
export function updateOrganisation(
  actor: SessionUser,
  id: number,
  edit: OrganisationEdit,
  db: Db = getDb(),
  now = new Date(),
): { ok: true; changed: string[] } | { ok: false; errors: FieldErrors; notFound?: true } {
  if (!actor.roles.includes("beheerder")) return { ok: false, errors: { _form: "Alleen de beheerder wijzigt organisaties." } };
  const current = loadOrganisation(id, db);
  if (!current) return { ok: false, errors: { _form: "Deze organisatie bestaat niet." }, notFound: true };
  if (current.kind !== edit.kind) return { ok: false, errors: { _form: "Het soort organisatie kan niet worden gewijzigd." } };
  const changes = new Map<string, Change>();
  if (edit.data.name !== current.name) changes.set("name", { old: current.name, new: edit.data.name });
  let newRegionIds: number[] | null = null;
  if (edit.kind === "zorgaanbieder") {
    const input = edit.data;
    if ((current.kvkNumber ?? "") !== input.kvkNumber) changes.set("kvkNumber", { old: current.kvkNumber, new: input.kvkNumber });
    const sortedOld = [...current.sectors].sort();
    const sortedNew = [...new Set(input.sectors)].sort();
    if (sortedOld.join(",") !== sortedNew.join(",")) changes.set("sectors", { old: current.sectors, new: sortedNew });
    const wanted = [...new Set(input.regionIds)];
    const found = wanted.length === 0 ? [] : db.select().from(regions).where(inArray(regions.id, wanted)).all();
    if (found.length !== wanted.length) return { ok: false, errors: { regionIds: "Kies bestaande regio's." } };
    const oldCodes = current.regions.map((r) => r.code).sort();
    const newCodes = found.map((r) => r.code).sort();
    if (oldCodes.join(",") !== newCodes.join(",")) {
      changes.set("regions", { old: oldCodes, new: newCodes });
      newRegionIds = wanted;
    }
  }
  if (changes.size === 0) return { ok: true, changed: [] };
  db.transaction(
    (tx) => {
      const set: Partial<typeof organisations.$inferInsert> = {};
      if (changes.has("name")) set.name = edit.data.name;
      if (edit.kind === "zorgaanbieder") {
        if (changes.has("kvkNumber")) set.kvkNumber = edit.data.kvkNumber;
        if (changes.has("sectors")) set.sectors = changes.get("sectors")!.new as string[];
      }
      if (Object.keys(set).length > 0) tx.update(organisations).set(set).where(eq(organisations.id, id)).run();
      if (newRegionIds) {
        tx.delete(providerRegions).where(eq(providerRegions.providerId, id)).run();
        for (const regionId of newRegionIds) tx.insert(providerRegions).values({ providerId: id, regionId }).run();
      }
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "organisation.update",
        entityType: "organisation",
        entityId: id,
        payload: { kind: current.kind, changes: Object.fromEntries(changes) },
        organisationIds: [id],
        at: now,
      });
    },
    { behavior: "immediate" },
  );
  return { ok: true, changed: [...changes.keys()] };
}

