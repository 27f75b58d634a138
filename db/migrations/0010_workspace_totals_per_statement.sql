-- Workspace totals (migration 0007) kept per statement instead of per tag row: a statement that writes
-- thousands of tags (a re-sync, a bulk load) nets its changes per (workspace, manifest) and updates each
-- workspace row once, instead of once per tag. The repositories' row triggers stay as they were.
DROP TRIGGER image_tags_account ON image_tags;
--> statement-breakpoint
DROP FUNCTION pier_image_tags_account();
--> statement-breakpoint
-- Applies a batch of tag-reference changes (+1 a tag now names the manifest, -1 one no longer does).
-- Locks the touched workspaces in id order before any manifest row, as pier_image_manifest_add/drop do,
-- so statements and the repositories' row triggers take locks in one order.
CREATE OR REPLACE FUNCTION pier_image_manifests_apply(ws text[], d text[], sz bigint[], n int[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  nws text[]; nd text[]; nsz bigint[]; nn int[];
BEGIN
  SELECT array_agg(x.ws), array_agg(x.d), array_agg(x.sz), array_agg(x.n)
  INTO nws, nd, nsz, nn
  FROM (
    SELECT u.ws, u.d, max(u.sz) AS sz, sum(u.n)::int AS n
    FROM unnest(ws, d, sz, n) AS u(ws, d, sz, n)
    WHERE u.ws IS NOT NULL
    GROUP BY u.ws, u.d
    HAVING sum(u.n) <> 0
  ) x;
  IF nws IS NULL THEN RETURN; END IF;
  PERFORM 1 FROM image_workspaces WHERE id = ANY(nws) ORDER BY id FOR UPDATE;
  WITH cur AS (
    SELECT u.ws, u.d, u.sz, u.n, m.tags AS old, m.size AS old_size
    FROM unnest(nws, nd, nsz, nn) AS u(ws, d, sz, n)
    LEFT JOIN image_workspace_manifests m ON m.workspace_id = u.ws AND m.digest = u.d
  ), added AS (
    INSERT INTO image_workspace_manifests (workspace_id, digest, size, tags)
    SELECT cur.ws, cur.d, cur.sz, cur.n FROM cur WHERE cur.old IS NULL AND cur.n > 0
    RETURNING 1
  ), counted AS (
    UPDATE image_workspace_manifests m SET tags = m.tags + cur.n
    FROM cur WHERE cur.old IS NOT NULL AND cur.old + cur.n > 0 AND m.workspace_id = cur.ws AND m.digest = cur.d
    RETURNING 1
  ), dropped AS (
    DELETE FROM image_workspace_manifests m
    USING cur WHERE cur.old IS NOT NULL AND cur.old + cur.n <= 0 AND m.workspace_id = cur.ws AND m.digest = cur.d
    RETURNING 1
  )
  UPDATE image_workspaces w SET size_bytes = w.size_bytes + s.delta
  FROM (
    SELECT cur.ws, sum(CASE
      WHEN cur.old IS NULL AND cur.n > 0 THEN cur.sz
      WHEN cur.old IS NOT NULL AND cur.old + cur.n <= 0 THEN -cur.old_size
      ELSE 0 END) AS delta
    FROM cur GROUP BY cur.ws
  ) s
  WHERE w.id = s.ws AND s.delta <> 0;
END
$$;
--> statement-breakpoint
-- A tag deleted by its repository's cascade finds no repository here: the repository's own (row)
-- trigger has already taken its tags out, so the join drops those rows.
CREATE OR REPLACE FUNCTION pier_image_tags_account_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pier_image_manifests_apply(array_agg(r.workspace_id), array_agg(t.digest), array_agg(t.size), array_agg(1))
    FROM new_tags t JOIN image_repositories r ON r.id = t.repository_id;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pier_image_manifests_apply(array_agg(r.workspace_id), array_agg(t.digest), array_agg(t.size), array_agg(-1))
    FROM old_tags t JOIN image_repositories r ON r.id = t.repository_id;
  ELSE
    PERFORM pier_image_manifests_apply(array_agg(c.ws), array_agg(c.digest), array_agg(c.size), array_agg(c.n))
    FROM (
      SELECT r.workspace_id AS ws, t.digest, t.size, -1 AS n FROM old_tags t JOIN image_repositories r ON r.id = t.repository_id
      UNION ALL
      SELECT r.workspace_id, t.digest, t.size, 1 FROM new_tags t JOIN image_repositories r ON r.id = t.repository_id
    ) c;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER image_tags_account_insert AFTER INSERT ON image_tags
REFERENCING NEW TABLE AS new_tags
FOR EACH STATEMENT EXECUTE FUNCTION pier_image_tags_account_statement();
--> statement-breakpoint
CREATE TRIGGER image_tags_account_delete AFTER DELETE ON image_tags
REFERENCING OLD TABLE AS old_tags
FOR EACH STATEMENT EXECUTE FUNCTION pier_image_tags_account_statement();
--> statement-breakpoint
CREATE TRIGGER image_tags_account_update AFTER UPDATE ON image_tags
REFERENCING OLD TABLE AS old_tags NEW TABLE AS new_tags
FOR EACH STATEMENT EXECUTE FUNCTION pier_image_tags_account_statement();
