CREATE TABLE "apps" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "apps_project_name" UNIQUE("project_id","name")
);
--> statement-breakpoint
CREATE TABLE "app_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" serial NOT NULL,
	"app_id" text NOT NULL,
	"version" text NOT NULL,
	"kind" text NOT NULL,
	"spec" jsonb,
	"dependence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"chart" jsonb,
	"chart_archive" text,
	"chart_size_bytes" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "app_versions_seq_unique" UNIQUE("seq"),
	CONSTRAINT "app_versions_app_version" UNIQUE("app_id","version")
);
--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_versions" ADD CONSTRAINT "app_versions_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "apps_name" ON "apps" USING btree ("name");--> statement-breakpoint
CREATE INDEX "app_versions_version" ON "app_versions" USING btree ("version");