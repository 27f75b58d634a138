CREATE TABLE "current_contexts" (
	"token_id" text PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL,
	"project_id" text NOT NULL,
	"namespace" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "current_contexts" ADD CONSTRAINT "current_contexts_token_id_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "current_contexts" ADD CONSTRAINT "current_contexts_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "current_contexts" ADD CONSTRAINT "current_contexts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;