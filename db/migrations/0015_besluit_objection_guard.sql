-- An objection against a decision names a decision of the same kader and the same provider that
-- has been sent, and is filed within that decision's standstill (issue 12). The service checks
-- this first (award/gate.server.ts) and answers in Dutch; this trigger refuses the same row for
-- any other connection. (objections.decision_id has no foreign key: 0014 was written before the
-- decisions table, and SQLite cannot add one without rebuilding the table.)
CREATE TRIGGER objections_besluit_decision BEFORE INSERT ON objections
WHEN NEW.kind = 'besluit' AND NOT EXISTS (
  SELECT 1 FROM award_decisions d
  WHERE d.id = NEW.decision_id AND d.kader_id = NEW.kader_id AND d.provider_id = NEW.provider_id
    AND d.state = 'verzonden' AND d.sent_at IS NOT NULL AND d.standstill_ends_at IS NOT NULL
    AND NEW.filed_at >= d.sent_at AND NEW.filed_at < d.standstill_ends_at
)
BEGIN
  SELECT RAISE(ABORT, 'objections: an objection against a decision names this provider''s sent decision of this kader, within its standstill');
END;
