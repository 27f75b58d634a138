CREATE TABLE "image_workspaces" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" serial NOT NULL,
	"name" text NOT NULL,
	"project_id" text,
	"public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "image_workspaces_seq_unique" UNIQUE("seq"),
	CONSTRAINT "image_workspaces_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "image_repositories" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" serial NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"pull_count" integer DEFAULT 0 NOT NULL,
	"weight" integer DEFAULT 0 NOT NULL,
	"constraint" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "image_repositories_seq_unique" UNIQUE("seq"),
	CONSTRAINT "image_repositories_workspace_name" UNIQUE("workspace_id","name")
);
--> statement-breakpoint
CREATE TABLE "image_tags" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"repository_id" text NOT NULL,
	"name" text NOT NULL,
	"digest" text NOT NULL,
	"size" bigint NOT NULL,
	"image_created_at" timestamp with time zone,
	"docker_version" text DEFAULT '' NOT NULL,
	"architecture" text DEFAULT '' NOT NULL,
	"os" text DEFAULT '' NOT NULL,
	"pushed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "image_tags_repository_name" UNIQUE("repository_id","name")
);
--> statement-breakpoint
CREATE TABLE "image_third_registries" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"password_sealed" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "image_third_registries_project_name" UNIQUE("project_id","name")
);
--> statement-breakpoint
CREATE TABLE "image_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"actor_id" text,
	"workspace_id" text,
	"done_bytes" bigint DEFAULT 0 NOT NULL,
	"total_bytes" bigint DEFAULT 0 NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"result" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "image_workspaces" ADD CONSTRAINT "image_workspaces_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_repositories" ADD CONSTRAINT "image_repositories_workspace_id_image_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."image_workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_tags" ADD CONSTRAINT "image_tags_repository_id_image_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."image_repositories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_third_registries" ADD CONSTRAINT "image_third_registries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "image_workspaces_project" ON "image_workspaces" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "image_repositories_name" ON "image_repositories" USING btree ("name");--> statement-breakpoint
CREATE INDEX "image_tags_digest" ON "image_tags" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "image_jobs_kind_started" ON "image_jobs" USING btree ("kind","started_at");