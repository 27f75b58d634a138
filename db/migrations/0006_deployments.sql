CREATE TABLE "deployments" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" serial NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"app_id" text NOT NULL,
	"version_id" text NOT NULL,
	"cluster" text DEFAULT '' NOT NULL,
	"node_label" text DEFAULT '' NOT NULL,
	"namespace" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"deploy_type" integer NOT NULL,
	"status" integer NOT NULL,
	"audit_comment" text DEFAULT '' NOT NULL,
	"pods" jsonb DEFAULT '{"running":0,"error":0,"total":0}'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "deployments_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "deploy_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" serial NOT NULL,
	"deployment_id" text NOT NULL,
	"department_id" text NOT NULL,
	"type" integer NOT NULL,
	"version_id" text NOT NULL,
	"from_version_id" text,
	"status" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"audit_comment" text DEFAULT '' NOT NULL,
	"requested_by" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"clusters" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"progress" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lease_until" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"error" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "deploy_requests_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_version_id_app_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."app_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_requests" ADD CONSTRAINT "deploy_requests_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_requests" ADD CONSTRAINT "deploy_requests_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_requests" ADD CONSTRAINT "deploy_requests_version_id_app_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."app_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_requests" ADD CONSTRAINT "deploy_requests_from_version_id_app_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."app_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_project_name_live" ON "deployments" USING btree ("project_id","name") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "deployments_app" ON "deployments" USING btree ("app_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deploy_requests_one_open" ON "deploy_requests" USING btree ("deployment_id") WHERE status in (0, 1, 3, 4);--> statement-breakpoint
CREATE INDEX "deploy_requests_status" ON "deploy_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "deploy_requests_department" ON "deploy_requests" USING btree ("department_id");