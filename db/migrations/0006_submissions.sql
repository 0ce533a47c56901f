CREATE TABLE `submission_attachments` (
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
CREATE TABLE `submission_drafts` (
	`kader_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`content` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer NOT NULL,
	PRIMARY KEY(`kader_id`, `provider_id`),
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`kader_version_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`received_at` integer NOT NULL,
	`submitted_by` integer NOT NULL,
	`content` text,
	`content_sha256` text,
	`idempotency_key` text NOT NULL,
	`audit_seq` integer NOT NULL,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kader_version_id`) REFERENCES `kader_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_version_unique` ON `submissions` (`kader_id`,`provider_id`,`version`);--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_idempotency_unique` ON `submissions` (`provider_id`,`kader_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `submissions_kader_idx` ON `submissions` (`kader_id`);--> statement-breakpoint
-- Sealed submissions never change, for any connection, administrators included: a replacement
-- or a withdrawal is a new row. REPLACE INTO deletes without firing DELETE triggers, so an
-- insert over an existing key (primary or unique) is refused as well (see 0005_refuse_replace).
CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions
BEGIN
  SELECT RAISE(ABORT, 'submissions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
BEGIN
  SELECT RAISE(ABORT, 'submissions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER submissions_no_replace BEFORE INSERT ON submissions
WHEN EXISTS (
  SELECT 1 FROM submissions
  WHERE id = NEW.id
     OR (kader_id = NEW.kader_id AND provider_id = NEW.provider_id AND version = NEW.version)
     OR (kader_id = NEW.kader_id AND provider_id = NEW.provider_id AND idempotency_key = NEW.idempotency_key)
)
BEGIN
  SELECT RAISE(ABORT, 'submissions is append-only');
END;
--> statement-breakpoint
-- A submission carries its content and hash, a withdrawal neither.
CREATE TRIGGER submissions_kind_shape BEFORE INSERT ON submissions
WHEN NOT (
  (NEW.kind = 'submission' AND NEW.content IS NOT NULL AND NEW.content_sha256 IS NOT NULL)
  OR (NEW.kind = 'withdrawal' AND NEW.content IS NULL AND NEW.content_sha256 IS NULL)
)
BEGIN
  SELECT RAISE(ABORT, 'submissions: content must match kind');
END;
--> statement-breakpoint
-- An attachment a sealed submission refers to by hash never changes or disappears either.
CREATE TRIGGER submission_attachments_no_update BEFORE UPDATE ON submission_attachments
BEGIN
  SELECT RAISE(ABORT, 'submission_attachments is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER submission_attachments_no_delete BEFORE DELETE ON submission_attachments
BEGIN
  SELECT RAISE(ABORT, 'submission_attachments is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER submission_attachments_no_replace BEFORE INSERT ON submission_attachments
WHEN EXISTS (SELECT 1 FROM submission_attachments WHERE kader_id = NEW.kader_id AND provider_id = NEW.provider_id AND sha256 = NEW.sha256)
BEGIN
  SELECT RAISE(ABORT, 'submission_attachments is append-only');
END;
