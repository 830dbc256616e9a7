-- Exact medians and p90 of response and resolution times without ranking every order of a
-- period (issue #8, performance). A duration (ms from creation to first response or to
-- resolution) falls in one bucket of a fixed ladder (bucket b holds durations from its `lo`
-- up to the next bucket's; each step is 5 % longer, from one minute to about five years).
-- Two tables, kept by triggers in the same transaction as every write to work_orders:
--   stats_durations      one row per order and measure (resolved, responded), in bucket and
--                        time order, with the order's current groups: the exact values;
--   stats_duration_days  per measure, grouping (s, p, d, a as in stats_rollup; '' = none),
--                        block of UTC days and bucket: how many durations. Blocks are single
--                        days (width 1) and runs of 8 days (width 8, block = day number / 8),
--                        so a month is about ten rows per bucket and group, not thirty.
-- A quantile sums the block counts per bucket to find the bucket holding the picked rank, then
-- ranks only that bucket's durations of the period (src/store/stats_quantile.rs).
-- Forward-only.

CREATE TABLE stats_duration_ladder (
    bucket INTEGER PRIMARY KEY,
    lo     BIGINT NOT NULL UNIQUE
);
INSERT INTO stats_duration_ladder (bucket, lo)
  WITH RECURSIVE l (bucket, lo) AS (
    SELECT 1, CAST(60000 AS BIGINT)
    UNION ALL SELECT bucket + 1, lo * 105 / 100 FROM l WHERE lo < 157680000000)
  SELECT 0, CAST(-9000000000000000000 AS BIGINT) UNION ALL SELECT bucket, lo FROM l;

CREATE FUNCTION stats_duration_bucket(ms BIGINT) RETURNS INTEGER LANGUAGE sql STABLE AS $$
    SELECT l.bucket FROM stats_duration_ladder l WHERE l.lo <= ms ORDER BY l.lo DESC LIMIT 1
$$;

CREATE TABLE stats_durations (
    measure       TEXT NOT NULL,
    bucket        INTEGER NOT NULL,
    t             BIGINT NOT NULL,
    order_id      TEXT NOT NULL,
    ms            BIGINT NOT NULL,
    status        TEXT NOT NULL,
    priority      BIGINT NOT NULL,
    department_id TEXT,
    assignee_id   TEXT,
    PRIMARY KEY (measure, bucket, t, order_id) INCLUDE (ms, status, priority, department_id, assignee_id)
);

CREATE TABLE stats_duration_days (
    measure TEXT NOT NULL,
    dim     TEXT NOT NULL,
    width   INTEGER NOT NULL,
    block   BIGINT NOT NULL,
    key     TEXT NOT NULL,
    bucket  INTEGER NOT NULL,
    n       BIGINT NOT NULL,
    PRIMARY KEY (measure, dim, width, block, key, bucket) INCLUDE (n)
);

-- Backfill from the orders already stored.
INSERT INTO stats_durations (measure, bucket, t, order_id, ms, status, priority, department_id, assignee_id)
  SELECT m.measure, stats_duration_bucket(m.ms), m.t, m.id, m.ms, m.status, m.priority, m.department_id, m.assignee_id
  FROM (SELECT 'resolved' AS measure, o.resolved_at AS t, o.resolved_at - o.created_at AS ms, o.id AS id, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id
          FROM work_orders o WHERE o.resolved_at IS NOT NULL
        UNION ALL SELECT 'responded', o.first_response_at, o.first_response_at - o.created_at, o.id, o.status, o.priority, o.department_id, o.assignee_id
          FROM work_orders o WHERE o.first_response_at IS NOT NULL) m;

INSERT INTO stats_duration_days (measure, dim, width, block, key, bucket, n)
  SELECT d.measure, x.dim, w.width, (d.t + 62135596800000) / 86400000 / w.width,
         CASE x.dim WHEN 's' THEN d.status WHEN 'p' THEN 'P' || CAST(d.priority AS TEXT) WHEN 'd' THEN COALESCE(d.department_id, '') ELSE COALESCE(d.assignee_id, '') END,
         d.bucket, COUNT(*)
  FROM stats_durations d CROSS JOIN (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') x
    CROSS JOIN (SELECT 1 AS width UNION ALL SELECT 8) w
  GROUP BY 1, 2, 3, 4, 5, 6;

-- The block counts follow the duration rows.
CREATE FUNCTION stats_duration_days_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r stats_durations;
    step BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN r := NEW; step := 1; ELSE r := OLD; step := -1; END IF;
    INSERT INTO stats_duration_days (measure, dim, width, block, key, bucket, n)
      SELECT r.measure, x.dim, w.width, (r.t + 62135596800000) / 86400000 / w.width,
             CASE x.dim WHEN 's' THEN r.status WHEN 'p' THEN 'P' || CAST(r.priority AS TEXT) WHEN 'd' THEN COALESCE(r.department_id, '') ELSE COALESCE(r.assignee_id, '') END,
             r.bucket, step
      FROM (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') x
        CROSS JOIN (SELECT 1 AS width UNION ALL SELECT 8) w
      ON CONFLICT (measure, dim, width, block, key, bucket) DO UPDATE SET n = stats_duration_days.n + excluded.n;
    RETURN NULL;
END;
$$;
CREATE TRIGGER stats_duration_days_follow AFTER INSERT OR DELETE ON stats_durations
    FOR EACH ROW EXECUTE FUNCTION stats_duration_days_follow();

-- The duration rows follow the orders: an order's rows are taken out (by their key) and put
-- back whenever a time or a group they carry changes.
CREATE FUNCTION stats_durations_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.id IS NOT DISTINCT FROM NEW.id AND OLD.created_at IS NOT DISTINCT FROM NEW.created_at
       AND OLD.resolved_at IS NOT DISTINCT FROM NEW.resolved_at AND OLD.first_response_at IS NOT DISTINCT FROM NEW.first_response_at
       AND OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.priority IS NOT DISTINCT FROM NEW.priority
       AND OLD.department_id IS NOT DISTINCT FROM NEW.department_id AND OLD.assignee_id IS NOT DISTINCT FROM NEW.assignee_id THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM stats_durations WHERE measure = 'resolved' AND t = OLD.resolved_at AND order_id = OLD.id
          AND bucket = stats_duration_bucket(OLD.resolved_at - OLD.created_at);
        DELETE FROM stats_durations WHERE measure = 'responded' AND t = OLD.first_response_at AND order_id = OLD.id
          AND bucket = stats_duration_bucket(OLD.first_response_at - OLD.created_at);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF NEW.resolved_at IS NOT NULL THEN
            INSERT INTO stats_durations (measure, bucket, t, order_id, ms, status, priority, department_id, assignee_id)
              VALUES ('resolved', stats_duration_bucket(NEW.resolved_at - NEW.created_at), NEW.resolved_at, NEW.id,
                      NEW.resolved_at - NEW.created_at, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id);
        END IF;
        IF NEW.first_response_at IS NOT NULL THEN
            INSERT INTO stats_durations (measure, bucket, t, order_id, ms, status, priority, department_id, assignee_id)
              VALUES ('responded', stats_duration_bucket(NEW.first_response_at - NEW.created_at), NEW.first_response_at, NEW.id,
                      NEW.first_response_at - NEW.created_at, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER stats_durations_follow AFTER INSERT OR UPDATE OR DELETE ON work_orders
    FOR EACH ROW EXECUTE FUNCTION stats_durations_follow();
