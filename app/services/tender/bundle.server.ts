// The verification bundle (scoring/verify/format.ts): one provider's published kader version,
// tariff table, own inputs and result, with the engine version and the SHA-256 of each, so that
// the provider can recompute every tariff with `npm run -s score -- verify`.
//
// The inputs and the result come from currentProviderComputation, the same computation the monitor
// shows. Only the provider's own data is in it: the inputs document is built for that provider
// alone, and `fieldBest` (the field's best, published) only when a relative module needs it.
//
// The same data gives the same bytes (fixed order, fixed zip timestamps, no download time), so a
// re-download hashes the same.
import { eq } from "drizzle-orm";
import { zipSync } from "fflate";
import type { Db } from "../../../db/client.server";
import { canonicalJson } from "../../../db/canonical-json";
import { tariffTables } from "../../../db/schema";
import { ENGINE_VERSION, stringifyResult } from "../../../scoring";
import { BUNDLE_FILES, BUNDLE_FORMAT, sha256Hex, type Manifest, type TariffFile } from "../../../scoring/verify/index";
import { bundleFileName, verificationStepsText } from "../../lib/verification-steps";
import type { PublishedKader } from "./provider-result.server";
import { currentProviderComputation } from "./run-computation.server";

/** DOS timestamps have no time zone: a local-time date gives the same fields everywhere. The zip format's first day. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

export type VerificationBundle = { fileName: string; bytes: Uint8Array; manifest: Manifest };

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * The bundle of one provider of the kader's regions, computed with its own submission (the
 * caller has decided that the viewer is that provider). Null when the provider is not one of
 * the kader's.
 */
export function buildVerificationBundle(db: Db, published: PublishedKader, providerId: number): VerificationBundle | null {
  const computed = currentProviderComputation(db, published, providerId, true);
  if (!computed) return null;
  const { provider, inputs, result, basis } = computed;
  const { row, version } = published;
  const table = db.select().from(tariffTables).where(eq(tariffTables.id, version.tariffTableId)).get();
  if (!table) throw new Error(`tariff table ${version.tariffTableId} of kader version ${version.id} is missing`);

  // The stored content in canonical JSON: its SHA-256 is the content hash on the kader page.
  const kaderText = canonicalJson(version.content);
  const tariffFile: TariffFile = {
    table: { year: table.year, version: table.version, sourceName: table.sourceName, sha256: table.sha256, note: table.note },
    tariffs: inputs.tariffs,
  };
  const fileName = bundleFileName(row.slug, provider.agbCode);
  const readme = [
    `Verificatiebundel: ${row.title}, versie ${version.number}`,
    `Aanbieder: ${provider.name} (AGB ${provider.agbCode})`,
    basis === "submission" ? "Berekend op basis van uw inschrijving." : "Voorlopig: berekend op basis van uw registergegevens.",
    "",
    "Met deze bundel rekent u uw eigen tarieven na met de open rekenmotor van het platform.",
    "",
    `  ${BUNDLE_FILES.kader.padEnd(15)} het gepubliceerde kader (versie ${version.number}); de SHA-256 ervan is de inhoudshash op de kaderpagina`,
    `  ${BUNDLE_FILES.tariffs.padEnd(15)} de tarieftabel die het kader gebruikt`,
    `  ${BUNDLE_FILES.inputs.padEnd(15)} uw eigen gegevens zoals de rekenmotor ze krijgt (geen gegevens van andere aanbieders)`,
    `  ${BUNDLE_FILES.result.padEnd(15)} de uitkomst: per prestatie uw percentage, tarief en de opbouw ervan`,
    `  ${BUNDLE_FILES.manifest.padEnd(15)} de SHA-256 van elk bestand en de versie van de rekenmotor (${ENGINE_VERSION})`,
    "",
    "In drie stappen:",
    "",
    ...verificationStepsText(fileName),
    "",
  ].join("\r\n");

  const contents: [string, Uint8Array][] = [
    [BUNDLE_FILES.kader, utf8(kaderText)],
    [BUNDLE_FILES.tariffs, utf8(json(tariffFile))],
    [BUNDLE_FILES.inputs, utf8(json(inputs))],
    [BUNDLE_FILES.result, utf8(stringifyResult(result))],
    [BUNDLE_FILES.readme, utf8(readme)],
  ];
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    engineVersion: ENGINE_VERSION,
    kader: { id: published.kader.id, slug: row.slug, version: version.number, publishedAt: version.publishedAt.toISOString(), contentSha256: version.contentHash },
    provider: { agbCode: provider.agbCode, name: provider.name },
    basis,
    submission: provider.submission
      ? { version: provider.submission.version, receivedAt: provider.submission.receivedAt.toISOString(), contentSha256: provider.submission.contentSha256 }
      : null,
    files: contents.map(([name, bytes]) => ({ name, bytes: bytes.byteLength, sha256: sha256Hex(bytes) })),
  };
  const files: Record<string, [Uint8Array, { mtime: Date }]> = Object.create(null);
  for (const [name, bytes] of [...contents, [BUNDLE_FILES.manifest, utf8(json(manifest))] as [string, Uint8Array]]) files[name] = [bytes, { mtime: FIXED_MTIME }];
  return { fileName, bytes: zipSync(files, { level: 9, mtime: FIXED_MTIME }), manifest };
}

export function bundleResponse(bundle: VerificationBundle): Response {
  return new Response(new Uint8Array(bundle.bytes), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${bundle.fileName}"; filename*=UTF-8''${encodeURIComponent(bundle.fileName)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
