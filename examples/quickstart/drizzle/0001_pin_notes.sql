ALTER TABLE `notes` ADD `pinned` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `notes_pinned_idx` ON `notes` (`user_id`,`pinned`);