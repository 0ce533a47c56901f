// The verification bundle (`zorginkoop.verificatie/v1`): what a provider downloads to recompute
// its own tariffs. One definition for the server that writes it and the command that checks it.
import { z } from "zod";

export const BUNDLE_FORMAT = "zorginkoop.verificatie/v1";

/** The files of a bundle, in the order they are written. `manifest.json` names the others with their SHA-256. */
export const BUNDLE_FILES = {
  /** The published kader version exactly as stored (canonical JSON: its SHA-256 is the version's content hash). */
  kader: "kader.json",
  /** The tariff table the version uses: the table's identity and the rows the engine reads. */
  tariffs: "tarieven.json",
  /** The provider's own inputs document (`zorginkoop.inputs/v1`). */
  inputs: "invoer.json",
  /** The engine's result for those inputs (`zorginkoop.result/v1`). */
  result: "resultaat.json",
  readme: "LEESMIJ.txt",
  manifest: "manifest.json",
} as const;

/** Every name a bundle may hold; anything else is refused when it is read. */
export const BUNDLE_FILE_NAMES: readonly string[] = Object.values(BUNDLE_FILES);

const sha256Text = z.string().regex(/^[0-9a-f]{64}$/);

export const tariffFileSchema = z.strictObject({
  table: z.strictObject({
    year: z.number().int(),
    version: z.number().int(),
    sourceName: z.string(),
    /** SHA-256 of the file the zorgkantoor imported (as recorded at the import). */
    sha256: z.string(),
    note: z.string().nullable(),
  }),
  tariffs: z.array(z.unknown()),
});
export type TariffFile = z.infer<typeof tariffFileSchema>;

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  engineVersion: z.string().min(1),
  kader: z.strictObject({
    id: z.string(),
    slug: z.string(),
    version: z.number().int().positive(),
    publishedAt: z.string(),
    /** The version's content hash as published on the kader page: the SHA-256 of kader.json. */
    contentSha256: sha256Text,
  }),
  provider: z.strictObject({ agbCode: z.string(), name: z.string() }),
  /** "register": registry data only; "submission": with the provider's current inschrijving. */
  basis: z.enum(["register", "submission", "run"]),
  submission: z.strictObject({ version: z.number().int().positive(), receivedAt: z.string(), contentSha256: sha256Text }).nullable(),
  files: z.array(z.strictObject({ name: z.string(), bytes: z.number().int().nonnegative(), sha256: sha256Text })),
});
export type Manifest = z.infer<typeof manifestSchema>;
