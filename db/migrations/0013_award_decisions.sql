CREATE TABLE `award_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`run_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`agb_code` text NOT NULL,
	`contracted` integer NOT NULL,
	`reason` text,
	`state` text NOT NULL,
	`prepared_by` integer NOT NULL,
	`prepared_at` integer NOT NULL,
	`submitted_by` integer,
	`submitted_at` integer,
	`returned_by` integer,
	`returned_at` integer,
	`return_remark` text,
	`approved_by` integer,
	`approved_at` integer,
	`sent_by` integer,
	`sent_at` integer,
	`standstill_ends_at` integer,
	`standstill_last_day` integer,
	`letter_pdf` blob,
	`letter_sha256` text,
	`letter_generated_at` integer,
	`replaces_decision_id` integer,
	`replaces_reason` text,
	`superseded_at` integer,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`run_id`) REFERENCES `scoring_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`prepared_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`returned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `award_decisions_kader_idx` ON `award_decisions` (`kader_id`,`state`);--> statement-breakpoint
CREATE INDEX `award_decisions_provider_idx` ON `award_decisions` (`provider_id`);--> statement-breakpoint
CREATE INDEX `award_decisions_run_idx` ON `award_decisions` (`run_id`,`provider_id`);--> statement-breakpoint
-- Award decisions (issue 12). A decision moves only along concept → ter_toetsing →
-- (teruggestuurd → ter_toetsing)* → goedgekeurd → verzonden, or to vervangen before it is sent.
-- Its outcome changes only in concept or teruggestuurd; approval needs another person than the
-- one who prepared or submitted it (four eyes); sending needs the approval and the standstill.
-- A sent decision never changes again, except that its letter is written once (NULL → bytes).
-- Nothing is ever deleted, and REPLACE (an insert over an existing id) is refused.
CREATE TRIGGER award_decisions_insert BEFORE INSERT ON award_decisions
WHEN EXISTS (SELECT 1 FROM award_decisions WHERE id = NEW.id)
  OR NEW.state <> 'concept'
  OR (NEW.contracted = 0 AND (NEW.reason IS NULL OR trim(NEW.reason) = ''))
  OR NEW.letter_pdf IS NOT NULL OR NEW.letter_sha256 IS NOT NULL OR NEW.sent_at IS NOT NULL OR NEW.approved_by IS NOT NULL
  OR (NEW.replaces_decision_id IS NOT NULL AND (
    NEW.replaces_reason IS NULL OR trim(NEW.replaces_reason) = ''
    OR (SELECT state FROM award_decisions WHERE id = NEW.replaces_decision_id) IS NOT 'verzonden'))
BEGIN
  SELECT RAISE(ABORT, 'award_decisions: a decision starts as concept, once, with a reason when not contracted');
END;
--> statement-breakpoint
CREATE TRIGGER award_decisions_no_delete BEFORE DELETE ON award_decisions
BEGIN
  SELECT RAISE(ABORT, 'award_decisions are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER award_decisions_sent_immutable BEFORE UPDATE ON award_decisions
WHEN OLD.state = 'verzonden' AND NOT (
  OLD.letter_pdf IS NULL AND NEW.letter_pdf IS NOT NULL AND NEW.letter_sha256 IS NOT NULL AND NEW.letter_generated_at IS NOT NULL
  AND NEW.id IS OLD.id AND NEW.kader_id IS OLD.kader_id AND NEW.run_id IS OLD.run_id AND NEW.provider_id IS OLD.provider_id
  AND NEW.agb_code IS OLD.agb_code AND NEW.contracted IS OLD.contracted AND NEW.reason IS OLD.reason AND NEW.state IS OLD.state
  AND NEW.prepared_by IS OLD.prepared_by AND NEW.prepared_at IS OLD.prepared_at AND NEW.submitted_by IS OLD.submitted_by
  AND NEW.submitted_at IS OLD.submitted_at AND NEW.returned_by IS OLD.returned_by AND NEW.returned_at IS OLD.returned_at
  AND NEW.return_remark IS OLD.return_remark AND NEW.approved_by IS OLD.approved_by AND NEW.approved_at IS OLD.approved_at
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
        AND NEW.approved_by IS NOT NEW.prepared_by AND NEW.approved_by IS NOT NEW.submitted_by)
    OR (OLD.state = 'goedgekeurd' AND NEW.state = 'verzonden' AND NEW.sent_by IS NOT NULL AND NEW.sent_at IS NOT NULL
        AND NEW.standstill_ends_at IS NOT NULL AND NEW.standstill_last_day IS NOT NULL)
    OR (OLD.state IN ('concept', 'ter_toetsing', 'teruggestuurd', 'goedgekeurd') AND NEW.state = 'vervangen' AND NEW.superseded_at IS NOT NULL)
  )
  -- The outcome changes only while the inkoper holds the decision; approval and sending keep what was approved.
  AND (OLD.state IN ('concept', 'teruggestuurd') OR (NEW.contracted IS OLD.contracted AND NEW.reason IS OLD.reason
       AND NEW.prepared_by IS OLD.prepared_by AND NEW.submitted_by IS OLD.submitted_by))
  AND (NEW.state = 'verzonden' OR (NEW.sent_at IS NULL AND NEW.sent_by IS NULL))
  AND (NEW.state <> 'verzonden' OR (NEW.approved_by IS OLD.approved_by AND NEW.approved_at IS OLD.approved_at))
  AND NEW.letter_pdf IS NULL AND NEW.letter_sha256 IS NULL
  AND (NEW.contracted = 1 OR trim(coalesce(NEW.reason, '')) <> '')
)
BEGIN
  SELECT RAISE(ABORT, 'award_decisions: transition not allowed');
END;
