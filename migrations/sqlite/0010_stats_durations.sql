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
    lo     INTEGER NOT NULL UNIQUE
);
INSERT INTO stats_duration_ladder (bucket, lo)
  WITH RECURSIVE l (bucket, lo) AS (
    SELECT 1, CAST(60000 AS BIGINT)
    UNION ALL SELECT bucket + 1, lo * 105 / 100 FROM l WHERE lo < 157680000000)
  SELECT 0, -9000000000000000000 UNION ALL SELECT bucket, lo FROM l;

CREATE TABLE stats_durations (
    measure       TEXT NOT NULL,
    bucket        INTEGER NOT NULL,
    t             INTEGER NOT NULL,
    order_id      TEXT NOT NULL,
    ms            INTEGER NOT NULL,
    status        TEXT NOT NULL,
    priority      INTEGER NOT NULL,
    department_id TEXT,
    assignee_id   TEXT,
    PRIMARY KEY (measure, bucket, t, order_id)
) WITHOUT ROWID;

CREATE TABLE stats_duration_days (
    measure TEXT NOT NULL,
    dim     TEXT NOT NULL,
    width   INTEGER NOT NULL,
    block   INTEGER NOT NULL,
    key     TEXT NOT NULL,
    bucket  INTEGER NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (measure, dim, width, block, key, bucket)
) WITHOUT ROWID;

-- Backfill from the orders already stored.
INSERT INTO stats_durations (measure, bucket, t, order_id, ms, status, priority, department_id, assignee_id)
  SELECT m.measure, (SELECT l.bucket FROM stats_duration_ladder l WHERE l.lo <= m.ms ORDER BY l.lo DESC LIMIT 1),
         m.t, m.id, m.ms, m.status, m.priority, m.department_id, m.assignee_id
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
CREATE TRIGGER stats_durations_insert AFTER INSERT ON stats_durations
BEGIN
    INSERT INTO stats_duration_days (measure, dim, width, block, key, bucket, n)
      SELECT NEW.measure, x.dim, w.width, (NEW.t + 62135596800000) / 86400000 / w.width,
             CASE x.dim WHEN 's' THEN NEW.status WHEN 'p' THEN 'P' || CAST(NEW.priority AS TEXT) WHEN 'd' THEN COALESCE(NEW.department_id, '') ELSE COALESCE(NEW.assignee_id, '') END,
             NEW.bucket, 1
      FROM (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') x
        CROSS JOIN (SELECT 1 AS width UNION ALL SELECT 8) w WHERE true
      ON CONFLICT (measure, dim, width, block, key, bucket) DO UPDATE SET n = stats_duration_days.n + excluded.n;
END;

CREATE TRIGGER stats_durations_delete AFTER DELETE ON stats_durations
BEGIN
    INSERT INTO stats_duration_days (measure, dim, width, block, key, bucket, n)
      SELECT OLD.measure, x.dim, w.width, (OLD.t + 62135596800000) / 86400000 / w.width,
             CASE x.dim WHEN 's' THEN OLD.status WHEN 'p' THEN 'P' || CAST(OLD.priority AS TEXT) WHEN 'd' THEN COALESCE(OLD.department_id, '') ELSE COALESCE(OLD.assignee_id, '') END,
             OLD.bucket, -1
      FROM (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') x
        CROSS JOIN (SELECT 1 AS width UNION ALL SELECT 8) w WHERE true
      ON CONFLICT (measure, dim, width, block, key, bucket) DO UPDATE SET n = stats_duration_days.n + excluded.n;
END;

-- The duration rows follow the orders: an order's rows are taken out (by their key) and put
-- back whenever a time or a group they carry changes.
CREATE TRIGGER stats_durations_orders_insert AFTER INSERT ON work_orders
BEGIN
    INSERT INTO stats_durations (measure, bucket, t, order_id, ms, status, priority, department_id, assignee_id)
      SELECT 'resolved', (SELECT l.bucket FROM stats_duration_ladder l WHERE l.lo <= NEW.resolved_at - NEW.created_at ORDER BY l.lo DESC LIMIT 1),
             NEW.resolved_at, NEW.id, NEW.resolved_at - NEW.created_at, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id
      WHERE NEW.resolved_at IS NOT NULL;
    INSERT INTO stats_durations (measure, bucket, t, order_id, ms, status, priority, department_id, assignee_id)
      SELECT 'responded', (SELECT l.bucket FROM stats_duration_ladder l WHERE l.lo <= NEW.first_response_at - NEW.created_at ORDER BY l.lo DESC LIMIT 1),
             NEW.first_response_at, NEW.id, NEW.first_response_at - NEW.created_at, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id
      WHERE NEW.first_response_at IS NOT NULL;
END;

CREATE TRIGGER stats_durations_orders_update AFTER UPDATE ON work_orders
WHEN OLD.id IS NOT NEW.id OR OLD.created_at IS NOT NEW.created_at OR OLD.resolved_at IS NOT NEW.resolved_at OR OLD.first_response_at IS NOT NEW.first_response_at OR OLD.status IS NOT NEW.status OR OLD.priority IS NOT NEW.priority OR OLD.department_id IS NOT NEW.department_id OR OLD.assignee_id IS NOT NEW.assignee_id
BEGIN
    DELETE FROM stats_durations WHERE measure = 'resolved' AND t = OLD.resolved_at AND order_id = OLD.id
      AND bucket = (SELECT l.bucket FROM stats_duration_ladder l WHERE l.lo <= OLD.resolved_at - OLD.created_at ORDER BY l.lo DESC LIMIT 1);
    DELETE FROM stats_durations WHERE measure = 'responded' AND t = OLD.first_response_at AND order_id = OLD.id
      AND bucket = (SELECT l.bucket FROM stats_duration_ladder l WHERE l.lo <= OLD.first_response_at - OLD.created_at ORDER BY l.lo DESC LIMIT 1);
    INSERT INTO stats_durations (measure, bucket, t, order_id, ms, status, priority, department_id, assignee_id)
      SELECT 'resolved', (SELECT l.bucket FROM stats_duration_ladder l WHERE l.lo <= NEW.resolved_at - NEW.created_at ORDER BY l.lo DESC LIMIT 1),
             NEW.resolved_at, NEW.id, NEW.resolved_at - NEW.created_at, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id
      WHERE NEW.resolved_at IS NOT NULL;
    INSERT INTO stats_durations (measure, bucket, t, order_id, ms, status, priority, department_id, assignee_id)
      SELECT 'responded', (SELECT l.bucket FROM stats_duration_ladder l WHERE l.lo <= NEW.first_response_at - NEW.created_at ORDER BY l.lo DESC LIMIT 1),
             NEW.first_response_at, NEW.id, NEW.first_response_at - NEW.created_at, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id
      WHERE NEW.first_response_at IS NOT NULL;
END;

CREATE TRIGGER stats_durations_orders_delete AFTER DELETE ON work_orders
BEGIN
    DELETE FROM stats_durations WHERE measure = 'resolved' AND t = OLD.resolved_at AND order_id = OLD.id
      AND bucket = (SELECT l.bucket FROM stats_duration_ladder l WHERE l.lo <= OLD.resolved_at - OLD.created_at ORDER BY l.lo DESC LIMIT 1);
    DELETE FROM stats_durations WHERE measure = 'responded' AND t = OLD.first_response_at AND order_id = OLD.id
      AND bucket = (SELECT l.bucket FROM stats_duration_ladder l WHERE l.lo <= OLD.first_response_at - OLD.created_at ORDER BY l.lo DESC LIMIT 1);
END;
