CREATE TABLE "clusters" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"driver" text NOT NULL,
	"server" text DEFAULT '' NOT NULL,
	"department_id" text,
	"kubeconfig_encrypted" text,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"resource_version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clusters_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "k8s_changes" (
	"cluster_id" text NOT NULL,
	"resource_version" bigint NOT NULL,
	"type" text NOT NULL,
	"api_group" text NOT NULL,
	"resource" text NOT NULL,
	"namespace" text NOT NULL,
	"name" text NOT NULL,
	"body" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "k8s_changes_pk" PRIMARY KEY("cluster_id","resource_version")
);
--> statement-breakpoint
CREATE TABLE "k8s_objects" (
	"cluster_id" text NOT NULL,
	"api_group" text NOT NULL,
	"resource" text NOT NULL,
	"namespace" text NOT NULL,
	"name" text NOT NULL,
	"uid" text NOT NULL,
	"resource_version" bigint NOT NULL,
	"generation" bigint NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"owner_uids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "k8s_objects_pk" PRIMARY KEY("cluster_id","api_group","resource","namespace","name")
);
--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "k8s_changes" ADD CONSTRAINT "k8s_changes_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "k8s_objects" ADD CONSTRAINT "k8s_objects_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "k8s_objects_labels" ON "k8s_objects" USING gin ("labels" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "k8s_objects_owners" ON "k8s_objects" USING gin ("owner_uids" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "k8s_objects_uid" ON "k8s_objects" USING btree ("cluster_id","uid");