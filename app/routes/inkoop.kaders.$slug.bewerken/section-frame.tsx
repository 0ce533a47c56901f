/**
 * The frame every top-level section of the kader editor shares: a focusable panel that is the
 * anchor of its part of the kader, a heading, an explanation, and, when the draft holds that
 * part in a shape the form cannot show, a pointer to where it is kept read-only instead.
 */
import type { ReactNode } from "react";
import { SECTION_IDS } from "./anchors";

export function EditorSection({
  section,
  title,
  hint,
  misfit = false,
  children,
}: {
  section: keyof typeof SECTION_IDS;
  title: string;
  hint?: ReactNode;
  /** When the part has a shape the form cannot show: what it is, with its verb ("De opslagen in dit concept hebben"). */
  misfit?: string | false;
  children: ReactNode;
}) {
  const id = SECTION_IDS[section];
  return (
    <section className="panel ke-section" id={id} aria-labelledby={`h-${id}`} tabIndex={-1}>
      <h2 id={`h-${id}`}>{title}</h2>
      {hint === undefined ? null : <p className="hint">{hint}</p>}
      {misfit ? <p>{`${misfit} een vorm die het formulier niet kan tonen; zie ‘Niet in dit formulier te bewerken’ bij Algemeen.`}</p> : children}
    </section>
  );
}
