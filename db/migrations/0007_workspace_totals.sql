CREATE TABLE "image_workspace_manifests" (
	"workspace_id" text NOT NULL,
	"digest" text NOT NULL,
	"size" bigint NOT NULL,
	"tags" integer NOT NULL,
	CONSTRAINT "image_workspace_manifests_workspace_id_digest_pk" PRIMARY KEY("workspace_id","digest")
);
--> statement-breakpoint
ALTER TABLE "image_workspaces" ADD COLUMN "image_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "image_workspaces" ADD COLUMN "size_bytes" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "image_workspace_manifests" ADD CONSTRAINT "image_workspace_manifests_workspace_id_image_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."image_workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Workspace totals kept in step with tags and repositories (db/schema/image-workspace-manifests.ts).
-- Every function locks the workspace row before a manifest row, so concurrent uploads to one workspace
-- take the locks in the same order.
CREATE OR REPLACE FUNCTION pier_image_manifest_add(ws text, d text, sz bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE n integer;
BEGIN
  PERFORM 1 FROM image_workspaces WHERE id = ws FOR UPDATE;
  INSERT INTO image_workspace_manifests (workspace_id, digest, size, tags) VALUES (ws, d, sz, 1)
  ON CONFLICT (workspace_id, digest) DO UPDATE SET tags = image_workspace_manifests.tags + 1
  RETURNING tags INTO n;
  IF n = 1 THEN
    UPDATE image_workspaces SET size_bytes = size_bytes + sz WHERE id = ws;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pier_image_manifest_drop(ws text, d text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE n integer; sz bigint;
BEGIN
  PERFORM 1 FROM image_workspaces WHERE id = ws FOR UPDATE;
  UPDATE image_workspace_manifests SET tags = tags - 1 WHERE workspace_id = ws AND digest = d RETURNING tags, size INTO n, sz;
  IF n = 0 THEN
    DELETE FROM image_workspace_manifests WHERE workspace_id = ws AND digest = d;
    UPDATE image_workspaces SET size_bytes = size_bytes - sz WHERE id = ws;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pier_image_tags_account() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ws text;
BEGIN
  -- A tag deleted by its repository's cascade finds no repository here: the repository's own trigger
  -- has already taken all of its tags out.
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    SELECT workspace_id INTO ws FROM image_repositories WHERE id = OLD.repository_id;
    IF ws IS NOT NULL THEN PERFORM pier_image_manifest_drop(ws, OLD.digest); END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT workspace_id INTO ws FROM image_repositories WHERE id = NEW.repository_id;
    IF ws IS NOT NULL THEN PERFORM pier_image_manifest_add(ws, NEW.digest, NEW.size); END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER image_tags_account AFTER INSERT OR DELETE OR UPDATE OF repository_id, digest, size ON image_tags
FOR EACH ROW EXECUTE FUNCTION pier_image_tags_account();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pier_image_repositories_account() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE image_workspaces SET image_count = image_count + 1 WHERE id = NEW.workspace_id;
    RETURN NULL;
  END IF;
  -- BEFORE DELETE: the tags are still there to be taken out.
  FOR t IN SELECT digest FROM image_tags WHERE repository_id = OLD.id LOOP
    PERFORM pier_image_manifest_drop(OLD.workspace_id, t.digest);
  END LOOP;
  UPDATE image_workspaces SET image_count = image_count - 1 WHERE id = OLD.workspace_id;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER image_repositories_count AFTER INSERT ON image_repositories
FOR EACH ROW EXECUTE FUNCTION pier_image_repositories_account();
--> statement-breakpoint
CREATE TRIGGER image_repositories_uncount BEFORE DELETE ON image_repositories
FOR EACH ROW EXECUTE FUNCTION pier_image_repositories_account();
--> statement-breakpoint
INSERT INTO image_workspace_manifests (workspace_id, digest, size, tags)
SELECT r.workspace_id, t.digest, max(t.size), count(*)::int
FROM image_tags t JOIN image_repositories r ON r.id = t.repository_id
GROUP BY r.workspace_id, t.digest;
--> statement-breakpoint
UPDATE image_workspaces w SET
  image_count = (SELECT count(*)::int FROM image_repositories r WHERE r.workspace_id = w.id),
  size_bytes = coalesce((SELECT sum(m.size) FROM image_workspace_manifests m WHERE m.workspace_id = w.id), 0);
