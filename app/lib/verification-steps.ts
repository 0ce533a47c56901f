// The three steps to recompute one's own tariffs from a verification bundle, in one place for
// the kader page, the monitor and the bundle's LEESMIJ.txt, so they never say different things.

export const VERIFY_SECTION_TITLE = "Uw tarieven zelf narekenen";

/** The name the browser saves the bundle under. */
export function bundleFileName(slug: string, agbCode: string): string {
  return `verificatie-${slug}-${agbCode}.zip`;
}

export function verifyCommand(fileName: string): string {
  return `npm run -s score -- verify ${fileName}`;
}

export const VERIFY_OK_TEXT = "Alle … tarieven kloppen tot op de cent.";

/** The steps as plain text lines (LEESMIJ.txt); the page renders the same sentences with links. */
export function verificationStepsText(fileName: string): string[] {
  return [
    `1. Download de verificatiebundel (${fileName}) op de kaderpagina, onder "Uw tarieven zelf narekenen". De bundel bevat het gepubliceerde kader, de tarieftabel, uw eigen gegevens, de uitkomst, de versie van de rekenmotor en van elk bestand de SHA-256.`,
    "2. Haal de broncode van het platform op (git clone) en installeer die in die map met: npm ci  (Node.js 20 of nieuwer).",
    `3. Voer in die map uit: ${verifyCommand(fileName)}  (met het pad naar de bundel). Klopt alles, dan meldt de rekenmotor "${VERIFY_OK_TEXT}" (exit 0); anders noemt hij het eerste bestand of de eerste regel die niet klopt (exit 1).`,
  ];
}
