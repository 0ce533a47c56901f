// The verification bundle: its format, reading it safely, and checking it. Kept out of
// scoring/index.ts because it hashes with node:crypto; the engine itself stays runtime-free.
export { BUNDLE_FORMAT, BUNDLE_FILES, BUNDLE_FILE_NAMES, manifestSchema, tariffFileSchema, type Manifest, type TariffFile } from "./format";
export { BUNDLE_LIMITS, unzipBundle, type Unzipped } from "./unzip";
export { verifyBundle, sha256Hex, type VerifyOutcome } from "./verify";
