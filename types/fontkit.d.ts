// fontkit ships no types. The platform uses one function: parse a font file's bytes
// (templates/layout/fonts.ts hands the parsed fonts to pdfkit, which uses fontkit itself).
declare module "fontkit" {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
