// What an audit event's action means, in Dutch words for the jurist. The action codes stay in the
// chain (they are hashed); this map only reads them. An action without a label here is shown by
// its code, so a new kind of event never disappears from view.
export const AUDIT_CATEGORY_LABEL = {
  auth: "Inloggen en uitloggen",
  user: "Accounts",
  organisation: "Organisaties",
  region: "Regio's",
  registry: "Aanbiedersregister",
  tariff_table: "Tarieftabellen",
  annual_accounts: "Jaarrekeningen",
  kader: "Inkoopkaders",
  notice: "Nota's van inlichtingen",
  question: "Vragen",
  submission: "Inschrijvingen",
  award: "Gunningsbesluiten",
  objection: "Bezwaren",
  access: "Geweigerde toegang",
  request: "Geweigerde verzoeken",
  audit: "Auditketen",
  demo: "Demo",
} as const;
export type AuditCategory = keyof typeof AUDIT_CATEGORY_LABEL;

const ACTION_LABEL: Record<string, string> = {
  "auth.login": "Ingelogd",
  "auth.login_failed": "Inloggen mislukt",
  "auth.logout": "Uitgelogd",
  "user.create": "Account aangemaakt",
  "user.update": "Account gewijzigd",
  "user.disable": "Account geblokkeerd",
  "user.enable": "Account gedeblokkeerd",
  "organisation.create": "Organisatie aangemaakt",
  "organisation.update": "Organisatie gewijzigd",
  "region.create": "Regio aangemaakt",
  "registry.import": "Aanbiedersregister ingelezen",
  "tariff_table.import": "Tarieftabel ingelezen",
  "annual_accounts.import": "Jaarrekeningen ingelezen",
  "kader.create": "Kader aangemaakt",
  "kader.draft_save": "Concept van het kader opgeslagen",
  "kader.settings": "Instellingen van het kader gewijzigd",
  "kader.publish": "Kader gepubliceerd",
  "kader.amend": "Wijziging van het kader gepubliceerd",
  "kader.amend_refused": "Wijziging van het kader geweigerd",
  "kader.transition_refused": "Faseovergang geweigerd",
  "kader.open": "Kader open voor inschrijving",
  "kader.gesloten": "Kader gesloten",
  "kader.in_beoordeling": "Beoordeling gestart",
  "kader.voorlopig_gegund": "Voorlopig gegund",
  "kader.definitief_gegund": "Definitief gegund",
  "notice.publish": "Nota van inlichtingen gepubliceerd",
  "question.ask": "Vraag gesteld",
  "question.answer": "Vraag beantwoord",
  "submission.draft_save": "Concept van een inschrijving opgeslagen",
  "submission.attachment_store": "Bijlage bij een inschrijving opgeslagen",
  "submission.submit": "Inschrijving ingediend",
  "submission.withdraw": "Inschrijving ingetrokken",
  "submission.refused": "Inschrijving geweigerd",
  "submission.refused_late": "Inschrijving na de sluitingstijd geweigerd",
  "submission.opening_start": "Opening van de inschrijvingen gestart",
  "submission.opening_confirm": "Opening van de inschrijvingen bevestigd",
  "submission.opening_refused": "Opening van de inschrijvingen geweigerd",
  "assessment.scores_submitted": "Scores van een plan ingediend door een beoordelaar",
  "assessment.consensus_set": "Consensusscores vastgesteld",
  "assessment.consensus_corrected": "Consensusscores gecorrigeerd",
  "award.prepared": "Gunningsbesluit voorbereid",
  "award.superseded": "Gunningsbesluit vervangen door een besluit uit een nieuwere scoringsronde",
  "award.outcome_set": "Uitkomst van een gunningsbesluit vastgelegd",
  "award.submitted": "Gunningsbesluit ter toetsing aangeboden",
  "award.returned": "Gunningsbesluit teruggestuurd door de jurist",
  "award.approved": "Gunningsbesluit goedgekeurd door de jurist",
  "award.sent": "Gunningsbesluit verzonden",
  "award.letter_written": "Brief bij een gunningsbesluit opgemaakt",
  "award.refused": "Handeling op een gunningsbesluit geweigerd",
  "award.correction_prepared": "Gecorrigeerd gunningsbesluit voorbereid na een bezwaar",
  "award.final_refused": "Definitief gunnen geweigerd",
  "objection.attachment_store": "Bijlage bij een bezwaar opgeslagen",
  "objection.file": "Bezwaar ingediend",
  "objection.refused": "Bezwaar geweigerd",
  "objection.refused_late": "Bezwaar na de termijn geweigerd",
  "objection.take": "Bezwaar in behandeling genomen",
  "objection.decide": "Op bezwaar beslist",
  "access.denied": "Toegang geweigerd",
  "access.foreign_id": "Verzoek met het kenmerk van een andere organisatie geweigerd",
  "request.cross_origin_refused": "Verzoek van een andere website geweigerd",
  "audit.head_export": "Laatste hash van de keten geëxporteerd",
  "demo.seed": "Demogegevens aangemaakt",
};

/** "Inschrijving ingediend"; an unknown action by its code. */
export function describeAuditAction(action: string): string {
  return Object.prototype.hasOwnProperty.call(ACTION_LABEL, action) ? ACTION_LABEL[action]! : action;
}

/** The category of an action code ("submission.submit" → "submission"), or null when unknown. */
export function auditCategoryOf(action: string): AuditCategory | null {
  const prefix = action.split(".", 1)[0]!;
  return Object.prototype.hasOwnProperty.call(AUDIT_CATEGORY_LABEL, prefix) ? (prefix as AuditCategory) : null;
}

export function isAuditCategory(value: string): value is AuditCategory {
  return Object.prototype.hasOwnProperty.call(AUDIT_CATEGORY_LABEL, value);
}
