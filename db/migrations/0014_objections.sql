CREATE TABLE `objection_attachments` (
	`kader_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob NOT NULL,
	`uploaded_at` integer NOT NULL,
	`uploaded_by` integer NOT NULL,
	PRIMARY KEY(`kader_id`, `provider_id`, `sha256`),
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`kader_version_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`kind` text NOT NULL,
	`decision_id` integer,
	`grounds` text NOT NULL,
	`content` text NOT NULL,
	`content_sha256` text NOT NULL,
	`filed_at` integer NOT NULL,
	`filed_by` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`audit_seq` integer NOT NULL,
	`state` text NOT NULL,
	`taken_at` integer,
	`taken_by` integer,
	`answer` text,
	`decided_at` integer,
	`decided_by` integer,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kader_version_id`) REFERENCES `kader_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`taken_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `objections_idempotency_unique` ON `objections` (`provider_id`,`kader_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `objections_kader_idx` ON `objections` (`kader_id`);--> statement-breakpoint
CREATE INDEX `objections_provider_idx` ON `objections` (`provider_id`,`kader_id`);--> statement-breakpoint
CREATE INDEX `objections_decision_idx` ON `objections` (`decision_id`);--> statement-breakpoint
-- What a provider filed never changes, for any connection; only the handling moves on, along
-- ingediend -> in_behandeling -> gegrond | deels_gegrond | ongegrond, and a decided objection
-- is final. Nothing is ever deleted; REPLACE INTO (which deletes without firing DELETE
-- triggers) is refused as an insert over an existing key (see 0005_refuse_replace).
CREATE TRIGGER objections_insert_shape BEFORE INSERT ON objections
WHEN NOT (
  NEW.state = 'ingediend'
  AND NEW.taken_at IS NULL AND NEW.taken_by IS NULL AND NEW.answer IS NULL AND NEW.decided_at IS NULL AND NEW.decided_by IS NULL
  AND ((NEW.kind = 'besluit' AND NEW.decision_id IS NOT NULL) OR (NEW.kind = 'basistarief' AND NEW.decision_id IS NULL))
  AND length(trim(NEW.grounds)) > 0 AND length(NEW.grounds) <= 20000
  AND length(NEW.content_sha256) = 64
)
BEGIN
  SELECT RAISE(ABORT, 'objections: a new objection is ingediend, with grounds, and names a decision only when it is against one');
END;
--> statement-breakpoint
CREATE TRIGGER objections_no_replace BEFORE INSERT ON objections
WHEN EXISTS (
  SELECT 1 FROM objections
  WHERE id = NEW.id
     OR (provider_id = NEW.provider_id AND kader_id = NEW.kader_id AND idempotency_key = NEW.idempotency_key)
)
BEGIN
  SELECT RAISE(ABORT, 'objections: a filed objection is never replaced');
END;
--> statement-breakpoint
CREATE TRIGGER objections_no_delete BEFORE DELETE ON objections
BEGIN
  SELECT RAISE(ABORT, 'objections: a filed objection is never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER objections_transition BEFORE UPDATE ON objections
WHEN NOT (
  (OLD.state = 'ingediend' AND NEW.state = 'in_behandeling'
    AND NEW.taken_at IS NOT NULL AND NEW.taken_by IS NOT NULL
    AND NEW.answer IS NULL AND NEW.decided_at IS NULL AND NEW.decided_by IS NULL)
  OR
  (OLD.state = 'in_behandeling' AND NEW.state IN ('gegrond', 'deels_gegrond', 'ongegrond')
    AND NEW.taken_at IS OLD.taken_at AND NEW.taken_by IS OLD.taken_by
    AND NEW.answer IS NOT NULL AND length(trim(NEW.answer)) > 0 AND length(NEW.answer) <= 20000
    AND NEW.decided_at IS NOT NULL AND NEW.decided_by IS NOT NULL)
)
BEGIN
  SELECT RAISE(ABORT, 'objections: state may only go ingediend -> in_behandeling -> gegrond | deels_gegrond | ongegrond, with a motivated answer');
END;
--> statement-breakpoint
-- Created after the transition trigger: SQLite fires the newest trigger first, so a change to
-- filed content is named as such.
CREATE TRIGGER objections_filed_immutable BEFORE UPDATE ON objections
WHEN NEW.id IS NOT OLD.id OR NEW.kader_id IS NOT OLD.kader_id OR NEW.kader_version_id IS NOT OLD.kader_version_id
  OR NEW.provider_id IS NOT OLD.provider_id OR NEW.kind IS NOT OLD.kind OR NEW.decision_id IS NOT OLD.decision_id
  OR NEW.grounds IS NOT OLD.grounds OR NEW.content IS NOT OLD.content OR NEW.content_sha256 IS NOT OLD.content_sha256
  OR NEW.filed_at IS NOT OLD.filed_at OR NEW.filed_by IS NOT OLD.filed_by OR NEW.idempotency_key IS NOT OLD.idempotency_key
  OR NEW.audit_seq IS NOT OLD.audit_seq
BEGIN
  SELECT RAISE(ABORT, 'objections: filed content is immutable');
END;
--> statement-breakpoint
CREATE TRIGGER objection_attachments_no_update BEFORE UPDATE ON objection_attachments
BEGIN
  SELECT RAISE(ABORT, 'objection_attachments is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER objection_attachments_no_delete BEFORE DELETE ON objection_attachments
BEGIN
  SELECT RAISE(ABORT, 'objection_attachments is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER objection_attachments_no_replace BEFORE INSERT ON objection_attachments
WHEN EXISTS (SELECT 1 FROM objection_attachments WHERE kader_id = NEW.kader_id AND provider_id = NEW.provider_id AND sha256 = NEW.sha256)
BEGIN
  SELECT RAISE(ABORT, 'objection_attachments is append-only');
END;
