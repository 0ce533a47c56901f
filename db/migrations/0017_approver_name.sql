ALTER TABLE `award_decisions` ADD `approved_by_name` text;--> statement-breakpoint
-- The approving jurist's name is stored at the approval (issue 12: the letter states who approved
-- it, and a sent letter never changes, also when a user's name changes later). An approval now
-- needs the name; sending and a sent decision keep it. The two triggers are recreated with the
-- new column; rows approved before this migration get the name their jurist has now (the best
-- there is), written while the triggers are away.
DROP TRIGGER award_decisions_sent_immutable;--> statement-breakpoint
DROP TRIGGER award_decisions_transition;--> statement-breakpoint
DROP TRIGGER award_decisions_insert;--> statement-breakpoint
UPDATE award_decisions SET approved_by_name = (SELECT name FROM users WHERE users.id = award_decisions.approved_by) WHERE approved_by IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER award_decisions_sent_immutable BEFORE UPDATE ON award_decisions
WHEN OLD.state = 'verzonden' AND NOT (
  OLD.letter_pdf IS NULL AND NEW.letter_pdf IS NOT NULL AND NEW.letter_sha256 IS NOT NULL AND NEW.letter_generated_at IS NOT NULL
  AND NEW.id IS OLD.id AND NEW.kader_id IS OLD.kader_id AND NEW.run_id IS OLD.run_id AND NEW.provider_id IS OLD.provider_id
  AND NEW.agb_code IS OLD.agb_code AND NEW.contracted IS OLD.contracted AND NEW.reason IS OLD.reason AND NEW.state IS OLD.state
  AND NEW.prepared_by IS OLD.prepared_by AND NEW.prepared_at IS OLD.prepared_at AND NEW.submitted_by IS OLD.submitted_by
  AND NEW.submitted_at IS OLD.submitted_at AND NEW.returned_by IS OLD.returned_by AND NEW.returned_at IS OLD.returned_at
  AND NEW.return_remark IS OLD.return_remark AND NEW.approved_by IS OLD.approved_by AND NEW.approved_at IS OLD.approved_at AND NEW.approved_by_name IS OLD.approved_by_name
  AND NEW.sent_by IS OLD.sent_by AND NEW.sent_at IS OLD.sent_at AND NEW.standstill_ends_at IS OLD.standstill_ends_at
  AND NEW.standstill_last_day IS OLD.standstill_last_day AND NEW.replaces_decision_id IS OLD.replaces_decision_id
  AND NEW.replaces_reason IS OLD.replaces_reason AND NEW.superseded_at IS OLD.superseded_at
)
BEGIN
  SELECT RAISE(ABORT, 'award_decisions: a sent decision and its letter never change');
END;
--> statement-breakpoint
CREATE TRIGGER award_decisions_transition BEFORE UPDATE ON award_decisions
WHEN OLD.state <> 'verzonden' AND NOT (
  NEW.id IS OLD.id AND NEW.kader_id IS OLD.kader_id AND NEW.run_id IS OLD.run_id AND NEW.provider_id IS OLD.provider_id
  AND NEW.agb_code IS OLD.agb_code AND NEW.replaces_decision_id IS OLD.replaces_decision_id AND NEW.replaces_reason IS OLD.replaces_reason
  AND (
    (OLD.state = NEW.state AND OLD.state IN ('concept', 'teruggestuurd'))
    OR (OLD.state IN ('concept', 'teruggestuurd') AND NEW.state = 'ter_toetsing' AND NEW.submitted_by IS NOT NULL)
    OR (OLD.state = 'ter_toetsing' AND NEW.state = 'teruggestuurd' AND NEW.returned_by IS NOT NULL AND trim(coalesce(NEW.return_remark, '')) <> '')
    OR (OLD.state = 'ter_toetsing' AND NEW.state = 'goedgekeurd' AND NEW.approved_by IS NOT NULL AND NEW.approved_at IS NOT NULL
        AND trim(coalesce(NEW.approved_by_name, '')) <> ''
        AND NEW.approved_by IS NOT NEW.prepared_by AND NEW.approved_by IS NOT NEW.submitted_by)
    OR (OLD.state = 'goedgekeurd' AND NEW.state = 'verzonden' AND NEW.sent_by IS NOT NULL AND NEW.sent_at IS NOT NULL
        AND NEW.standstill_ends_at IS NOT NULL AND NEW.standstill_last_day IS NOT NULL)
    OR (OLD.state IN ('concept', 'ter_toetsing', 'teruggestuurd', 'goedgekeurd') AND NEW.state = 'vervangen' AND NEW.superseded_at IS NOT NULL)
  )
  -- The outcome changes only while the inkoper holds the decision; approval and sending keep what was approved.
  AND (OLD.state IN ('concept', 'teruggestuurd') OR (NEW.contracted IS OLD.contracted AND NEW.reason IS OLD.reason
       AND NEW.prepared_by IS OLD.prepared_by AND NEW.submitted_by IS OLD.submitted_by))
  AND (NEW.state = 'verzonden' OR (NEW.sent_at IS NULL AND NEW.sent_by IS NULL))
  AND (NEW.state <> 'verzonden' OR (NEW.approved_by IS OLD.approved_by AND NEW.approved_at IS OLD.approved_at AND NEW.approved_by_name IS OLD.approved_by_name))
  AND NEW.letter_pdf IS NULL AND NEW.letter_sha256 IS NULL
  AND (NEW.contracted = 1 OR trim(coalesce(NEW.reason, '')) <> '')
)
BEGIN
  SELECT RAISE(ABORT, 'award_decisions: transition not allowed');
END;
--> statement-breakpoint
CREATE TRIGGER award_decisions_insert BEFORE INSERT ON award_decisions
WHEN EXISTS (SELECT 1 FROM award_decisions WHERE id = NEW.id)
  OR NEW.state <> 'concept'
  OR (NEW.contracted = 0 AND (NEW.reason IS NULL OR trim(NEW.reason) = ''))
  OR NEW.letter_pdf IS NOT NULL OR NEW.letter_sha256 IS NOT NULL OR NEW.sent_at IS NOT NULL OR NEW.approved_by IS NOT NULL OR NEW.approved_by_name IS NOT NULL
  OR (NEW.replaces_decision_id IS NOT NULL AND (
    NEW.replaces_reason IS NULL OR trim(NEW.replaces_reason) = ''
    OR (SELECT state FROM award_decisions WHERE id = NEW.replaces_decision_id) IS NOT 'verzonden'))
BEGIN
  SELECT RAISE(ABORT, 'award_decisions: a decision starts as concept, once, with a reason when not contracted');
END;
