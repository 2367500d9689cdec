ALTER TABLE "app"."a_table_whose_name_is_long_enough_to_be_cut_by_postgres_xyz" DROP CONSTRAINT "a_table_whose_name_is_long_enough_to_be_cut_by_postgres_xy_pkey";--> statement-breakpoint
ALTER TABLE "app"."a_table_whose_name_is_long_enough_to_be_cut_by_postgres_xyz" ALTER COLUMN "id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" DROP CONSTRAINT "posts_pkey";--> statement-breakpoint
ALTER TABLE "posts" ADD PRIMARY KEY ("title");--> statement-breakpoint
ALTER TABLE "posts" ALTER COLUMN "title" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_pkey";