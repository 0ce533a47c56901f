import { bundleFileName, VERIFY_OK_TEXT, VERIFY_SECTION_TITLE, verifyCommand } from "~/lib/verification-steps";

/**
 * The verification bundle's download and the three steps to recompute one's own tariffs (the
 * same sentences as the bundle's LEESMIJ.txt, app/lib/verification-steps.ts). For the provider's
 * own users only: the bundle holds its own data.
 */
export function VerificationSteps({ slug, agbCode, headingLevel = 2 }: { slug: string; agbCode?: string; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const fileName = agbCode ? bundleFileName(slug, agbCode) : bundleFileName(slug, "<uw AGB-code>");
  return (
    <section className="panel" aria-labelledby="zelf-narekenen" data-testid="zelf-narekenen">
      <Heading id="zelf-narekenen">{VERIFY_SECTION_TITLE}</Heading>
      <p>
        Elk tarief komt uit de open rekenmotor. Met de verificatiebundel rekent u uw eigen tarieven na op uw eigen computer: het gepubliceerde kader, de tarieftabel,
        uw eigen gegevens (geen gegevens van andere aanbieders), de uitkomst, de versie van de rekenmotor en van elk bestand de SHA-256.
      </p>
      <ol>
        <li>
          Download de verificatiebundel:{" "}
          <a className="button button--secondary" href={`/kaders/${slug}/verificatie.zip`} download>
            Download verificatiebundel (.zip)
          </a>
        </li>
        <li>
          Haal de broncode van het platform op (<code>git clone</code>) en installeer die in die map met <code>npm ci</code> (Node.js 20 of nieuwer).
        </li>
        <li>
          Voer in die map uit: <code>{verifyCommand(fileName)}</code> (met het pad naar de bundel). Klopt alles, dan meldt de rekenmotor &ldquo;{VERIFY_OK_TEXT}&rdquo;;
          anders noemt hij het eerste bestand of de eerste regel die niet klopt.
        </li>
      </ol>
    </section>
  );
}
