import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client.server";
import { kaderVersions, organisations, regions, tariffTables } from "../../../db/schema";
import { parseKader, serializeKader, type Kader } from "../../../scoring";
import { getDb } from "../db.server";
import type { KaderRow } from "./access.server";
import { listNotices } from "./publication.server";
import { kaderRegionIds, latestVersion } from "./store.server";

export const versionQuerySchema = z.object({ versie: z.coerce.number().int().positive().optional() });

/** A published version (the latest unless `versie` is given), or a 404 Response. */
export function requirePublishedVersion(kader: KaderRow, request: Request, db: Db = getDb()) {
  const query = versionQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response("Ongeldig versienummer", { status: 400 });
  const version = query.data.versie
    ? db.select().from(kaderVersions).where(and(eq(kaderVersions.kaderId, kader.id), eq(kaderVersions.number, query.data.versie))).get()
    : latestVersion(db, kader.id);
  if (!version) throw new Response("Niet gevonden", { status: 404 });
  const parsed = parseKader(version.content);
  // Stored content was validated at publication; failing here means the format changed underneath.
  if (!parsed.ok) throw new Error(`stored kader version ${kader.slug} v${version.number} no longer parses`);
  return { version, kader: parsed.value as Kader };
}

export function kaderFileResponse(kader: KaderRow, content: Kader, versionNumber: number, format: "yaml" | "json"): Response {
  const body = serializeKader(content, format);
  const name = `${kader.slug}-v${versionNumber}.${format}`;
  return new Response(body, {
    headers: {
      "Content-Type": format === "yaml" ? "application/yaml; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}

/** Everything the kader PDF shows besides the content itself. */
export function kaderDocumentContext(kader: KaderRow, version: typeof kaderVersions.$inferSelect, db: Db = getDb()) {
  const zk = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, kader.zorgkantoorId)).get();
  const ids = kaderRegionIds(db, kader.id);
  const regionNames = ids.length ? db.select().from(regions).where(inArray(regions.id, ids)).all().map((r) => `${r.name} (${r.code})`) : [];
  const table = db.select().from(tariffTables).where(eq(tariffTables.id, version.tariffTableId)).get();
  const notices = listNotices(db, kader.id).filter((n) => n.publishedAt.getTime() <= version.publishedAt.getTime());
  return { zorgkantoor: zk?.name ?? "", regionNames, table, notices };
}
