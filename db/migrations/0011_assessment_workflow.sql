CREATE TABLE `assessment_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`module_id` text NOT NULL,
	`target_group_id` text NOT NULL,
	`assessor_user_id` integer NOT NULL,
	`assigned_by` integer NOT NULL,
	`assigned_at` integer NOT NULL,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_assignments_unique` ON `assessment_assignments` (`kader_id`,`module_id`,`target_group_id`,`assessor_user_id`);--> statement-breakpoint
CREATE INDEX `assessment_assignments_assessor_idx` ON `assessment_assignments` (`assessor_user_id`);--> statement-breakpoint
CREATE TABLE `assessment_conflict_declarations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`assessor_user_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`conflict` integer NOT NULL,
	`reason` text,
	`declared_at` integer NOT NULL,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_conflicts_unique` ON `assessment_conflict_declarations` (`kader_id`,`assessor_user_id`,`provider_id`);--> statement-breakpoint
CREATE TABLE `assessment_score_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`module_id` text NOT NULL,
	`target_group_id` text NOT NULL,
	`assessor_user_id` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	`scores_sha256` text NOT NULL,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_score_submissions_unique` ON `assessment_score_submissions` (`kader_id`,`provider_id`,`module_id`,`target_group_id`,`assessor_user_id`);--> statement-breakpoint
CREATE TABLE `assessment_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`module_id` text NOT NULL,
	`target_group_id` text NOT NULL,
	`assessor_user_id` integer NOT NULL,
	`criterion_id` text NOT NULL,
	`score` text,
	`motivation` text NOT NULL,
	`missing` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_scores_unique` ON `assessment_scores` (`kader_id`,`provider_id`,`module_id`,`target_group_id`,`assessor_user_id`,`criterion_id`);--> statement-breakpoint
CREATE INDEX `assessment_scores_kader_idx` ON `assessment_scores` (`kader_id`);--> statement-breakpoint
-- A conflict declaration stands once made: no UPDATE, DELETE, or insert over an existing key
-- (REPLACE INTO deletes without firing DELETE triggers; see 0005_refuse_replace).
CREATE TRIGGER assessment_conflicts_no_update BEFORE UPDATE ON assessment_conflict_declarations
BEGIN
  SELECT RAISE(ABORT, 'assessment_conflict_declarations is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_conflicts_no_delete BEFORE DELETE ON assessment_conflict_declarations
BEGIN
  SELECT RAISE(ABORT, 'assessment_conflict_declarations is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_conflicts_no_replace BEFORE INSERT ON assessment_conflict_declarations
WHEN EXISTS (
  SELECT 1 FROM assessment_conflict_declarations
  WHERE id = NEW.id OR (kader_id = NEW.kader_id AND assessor_user_id = NEW.assessor_user_id AND provider_id = NEW.provider_id)
)
BEGIN
  SELECT RAISE(ABORT, 'assessment_conflict_declarations is append-only');
END;
--> statement-breakpoint
-- A conflict needs its reason.
CREATE TRIGGER assessment_conflicts_reason BEFORE INSERT ON assessment_conflict_declarations
WHEN NEW.conflict = 1 AND (NEW.reason IS NULL OR trim(NEW.reason) = '')
BEGIN
  SELECT RAISE(ABORT, 'a conflict of interest needs a reason');
END;
--> statement-breakpoint
-- Submissions of scores are append-only.
CREATE TRIGGER assessment_score_submissions_no_update BEFORE UPDATE ON assessment_score_submissions
BEGIN
  SELECT RAISE(ABORT, 'assessment_score_submissions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_score_submissions_no_delete BEFORE DELETE ON assessment_score_submissions
BEGIN
  SELECT RAISE(ABORT, 'assessment_score_submissions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_score_submissions_no_replace BEFORE INSERT ON assessment_score_submissions
WHEN EXISTS (
  SELECT 1 FROM assessment_score_submissions
  WHERE id = NEW.id
     OR (kader_id = NEW.kader_id AND provider_id = NEW.provider_id AND module_id = NEW.module_id
         AND target_group_id = NEW.target_group_id AND assessor_user_id = NEW.assessor_user_id)
)
BEGIN
  SELECT RAISE(ABORT, 'assessment_score_submissions is append-only');
END;
--> statement-breakpoint
-- Submitted scores never change: once the assessor submitted a plan's scores, its rows for that
-- plan can be neither inserted, updated nor deleted, by any connection.
CREATE TRIGGER assessment_scores_submitted_no_insert BEFORE INSERT ON assessment_scores
WHEN EXISTS (
  SELECT 1 FROM assessment_score_submissions s
  WHERE s.kader_id = NEW.kader_id AND s.provider_id = NEW.provider_id AND s.module_id = NEW.module_id
    AND s.target_group_id = NEW.target_group_id AND s.assessor_user_id = NEW.assessor_user_id
)
BEGIN
  SELECT RAISE(ABORT, 'submitted scores cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_scores_submitted_no_update BEFORE UPDATE ON assessment_scores
WHEN EXISTS (
  SELECT 1 FROM assessment_score_submissions s
  WHERE s.kader_id = OLD.kader_id AND s.provider_id = OLD.provider_id AND s.module_id = OLD.module_id
    AND s.target_group_id = OLD.target_group_id AND s.assessor_user_id = OLD.assessor_user_id
)
BEGIN
  SELECT RAISE(ABORT, 'submitted scores cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER assessment_scores_submitted_no_delete BEFORE DELETE ON assessment_scores
WHEN EXISTS (
  SELECT 1 FROM assessment_score_submissions s
  WHERE s.kader_id = OLD.kader_id AND s.provider_id = OLD.provider_id AND s.module_id = OLD.module_id
    AND s.target_group_id = OLD.target_group_id AND s.assessor_user_id = OLD.assessor_user_id
)
BEGIN
  SELECT RAISE(ABORT, 'submitted scores cannot be changed');
END;
--> statement-breakpoint
-- A plan's scores are submitted only complete: a score for every row, each with its motivation.
CREATE TRIGGER assessment_score_submissions_complete BEFORE INSERT ON assessment_score_submissions
WHEN EXISTS (
  SELECT 1 FROM assessment_scores c
  WHERE c.kader_id = NEW.kader_id AND c.provider_id = NEW.provider_id AND c.module_id = NEW.module_id
    AND c.target_group_id = NEW.target_group_id AND c.assessor_user_id = NEW.assessor_user_id
    AND (c.score IS NULL OR trim(c.motivation) = '')
)
BEGIN
  SELECT RAISE(ABORT, 'a plan is submitted with a score and a motivation for every criterion');
END;
