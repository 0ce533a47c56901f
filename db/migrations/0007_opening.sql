CREATE TABLE `submission_openings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`kader_version_id` integer NOT NULL,
	`step` text NOT NULL,
	`started_id` integer,
	`actor_user_id` integer NOT NULL,
	`at` integer NOT NULL,
	`audit_seq` integer NOT NULL,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kader_version_id`) REFERENCES `kader_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `submission_openings_kader_idx` ON `submission_openings` (`kader_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `submission_openings_started_unique` ON `submission_openings` (`started_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `submission_openings_one_confirmed` ON `submission_openings` (`kader_id`) WHERE step = 'confirmed';--> statement-breakpoint
-- The opening of sealed submissions is a record, not a state: each step is a new row, and no
-- connection (administrators included) changes or removes one. REPLACE INTO deletes without
-- firing DELETE triggers, so an insert over an existing key is refused too (see 0005).
CREATE TRIGGER submission_openings_no_update BEFORE UPDATE ON submission_openings
BEGIN
  SELECT RAISE(ABORT, 'submission_openings is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER submission_openings_no_delete BEFORE DELETE ON submission_openings
BEGIN
  SELECT RAISE(ABORT, 'submission_openings is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER submission_openings_no_replace BEFORE INSERT ON submission_openings
WHEN EXISTS (
  SELECT 1 FROM submission_openings
  WHERE id = NEW.id
     OR (NEW.started_id IS NOT NULL AND started_id = NEW.started_id)
     OR (NEW.step = 'confirmed' AND step = 'confirmed' AND kader_id = NEW.kader_id)
)
BEGIN
  SELECT RAISE(ABORT, 'submission_openings is append-only');
END;
--> statement-breakpoint
-- Four eyes, also below the services: a confirmation names a start of the same kader by another
-- user, at most 30 minutes (1 800 000 ms) old; a start names none.
CREATE TRIGGER submission_openings_four_eyes BEFORE INSERT ON submission_openings
WHEN NOT (
  (NEW.step = 'started' AND NEW.started_id IS NULL)
  OR (NEW.step = 'confirmed' AND EXISTS (
    SELECT 1 FROM submission_openings s
    WHERE s.id = NEW.started_id AND s.step = 'started' AND s.kader_id = NEW.kader_id
      AND s.actor_user_id <> NEW.actor_user_id
      AND NEW.at >= s.at AND NEW.at - s.at <= 1800000
  ))
)
BEGIN
  SELECT RAISE(ABORT, 'submission_openings: a confirmation needs a recent start by another user');
END;
