-- Wakes watches when a change to a simulated cluster commits (lib/cluster/sim/notify.ts).
-- The payload is only the cluster id, so PostgreSQL folds a transaction's many
-- changes into one notification; listeners then read k8s_changes.
CREATE OR REPLACE FUNCTION pier_k8s_change_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pier_k8s_changes', NEW.cluster_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER k8s_changes_notify AFTER INSERT ON k8s_changes FOR EACH ROW EXECUTE FUNCTION pier_k8s_change_notify();
