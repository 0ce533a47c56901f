import type { LetterBlock } from "../../templates/award-letter";

/**
 * A letter's text on a page, with its headings as headings (under the page's h2 "De brief"):
 * the same words as the PDF, so a screen reader can move through the letter by its sections.
 */
export function LetterText({ blocks }: { blocks: LetterBlock[] }) {
  return (
    <div id="brieftekst" className="letter-text">
      {blocks.map((block, i) => {
        switch (block.kind) {
          case "title":
            return <h3 key={i}>{block.text}</h3>;
          case "section":
            return <h4 key={i}>{block.text}</h4>;
          case "module":
            return <h5 key={i}>{block.text}</h5>;
          default:
            return <p key={i}>{block.text}</p>;
        }
      })}
    </div>
  );
}
