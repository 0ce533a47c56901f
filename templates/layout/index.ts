// Shared layout for every PDF the platform writes.
export { FONT, FONT_FILES, registerFonts } from "./fonts";
export { COLOR, MARGINS, PAGE, TYPE, bottomOf, contentWidth, ensureSpace, pageBreak } from "./page";
export { formatDocumentDate, formatDocumentDateTime } from "./dates";
export { renderToBuffer, AUTHOR, type RenderOptions } from "./render";
export { table, type Column, type TableOptions } from "./table";
export { NBSP, typeset, type Inline, type Run } from "./text";
export { artifact, group, tagged } from "./structure";
export {
  bulletList,
  documentTitle,
  heading,
  keyValueList,
  note,
  numberedList,
  paragraph,
  paragraphs,
  space,
  type HeadingLevel,
  type KeyValue,
  type ListItem,
  type ParagraphOptions,
} from "./typography";
