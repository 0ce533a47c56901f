CREATE TABLE `assessment_final_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`module_id` text NOT NULL,
	`target_group_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`score` text NOT NULL,
	`motivation` text NOT NULL,
	`method` text NOT NULL,
	`deviation_reason` text,
	`set_by` integer NOT NULL,
	`set_at` integer NOT NULL,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_final_scores_unique` ON `assessment_final_scores` (`kader_id`,`provider_id`,`module_id`,`target_group_id`,`criterion_id`);--> statement-breakpoint
CREATE INDEX `assessment_final_scores_kader_idx` ON `assessment_final_scores` (`kader_id`);--> statement-breakpoint
CREATE TABLE `established_facts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`fact_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text,
	`note` text,
	`set_by` integer NOT NULL,
	`set_at` integer NOT NULL,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `established_facts_unique` ON `established_facts` (`kader_id`,`provider_id`,`fact_id`);--> statement-breakpoint
CREATE INDEX `established_facts_kader_idx` ON `established_facts` (`kader_id`);