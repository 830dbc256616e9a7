-- Statistics rollup (issue #8, performance): counts and sums per UTC slot, so a statistics
-- query reads a few thousand small rows instead of every order and every history row.
-- Two grains: 15-minute slots (every IANA zone's midnights since 1972 fall on one, so any
-- local day, week or month is a union of them) and whole UTC days (the inside of a long
-- period). Each measure is kept once per grouping: status (s), priority (p), department (d),
-- assignee (a); '' stands for none. The slot of instant t is (t + 62135596800000) / width,
-- counted from 0001-01-01T00:00Z so the division is a floor.
--
-- Triggers keep the rows in the same transaction as every write to work_orders,
-- order_events and order_sla, whichever code path makes it. Groups are the order's current
-- ones, as in the statistics queries, so a change of status, priority, department or
-- assignee takes the order's rows back (OLD) and puts them again (NEW); a status change or
-- urge recounts the order's own history. Measures, n and total:
--   created, closed                 n = orders
--   resolved, responded             n = orders, total = ms from creation (means)
--   sla_response, sla_resolution    n = orders under an SLA, total = targets met
--   urged                           n = urges
--   backlog                         n = +1/-1 per change into/out of an open status (and +1
--                                   for an order that arrived open), total = changes; the
--                                   status grouping is the status changed into or out of
--   reopened                        n = resolutions (open -> done/closed), total = reopened later
-- The open statuses are written out here; a unit test checks them against the code's.
-- Forward-only.

CREATE TABLE stats_rollup (
    measure TEXT NOT NULL,
    dim     TEXT NOT NULL,
    grain   BIGINT NOT NULL,
    slot    BIGINT NOT NULL,
    key     TEXT NOT NULL,
    n       BIGINT NOT NULL,
    total   BIGINT NOT NULL,
    PRIMARY KEY (measure, dim, grain, slot, key)
);

-- The triggers recount one order's history: by order and kind, never by kind alone.
CREATE INDEX order_events_order_kind ON order_events (order_id, kind, seq);

-- Medians and p90 still rank the orders of each period: these let them read one index.
DROP INDEX work_orders_stats_resolved;
CREATE INDEX work_orders_stats_resolved ON work_orders (resolved_at, created_at, status, priority, department_id, assignee_id) WHERE resolved_at IS NOT NULL;
DROP INDEX work_orders_stats_responded;
CREATE INDEX work_orders_stats_responded ON work_orders (first_response_at, created_at, status, priority, department_id, assignee_id) WHERE first_response_at IS NOT NULL;

-- Backfill from the orders and history already stored, one grouping and grain at a time.
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 's', 0, (m.t + 62135596800000) / 900000, m.status, SUM(m.n), SUM(m.v)
  FROM (SELECT 'created' AS measure, o.created_at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o
      UNION ALL SELECT 'resolved', o.resolved_at, 1, o.resolved_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'closed', o.closed_at, 1, 0, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'responded', o.first_response_at, 1, o.first_response_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'sla_response', o.first_response_at, 1, CASE WHEN s.response_breached_at IS NULL AND (o.response_due_at IS NULL OR o.first_response_at <= o.response_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id
      UNION ALL SELECT 'sla_resolution', o.resolved_at, 1, CASE WHEN s.resolution_breached_at IS NULL AND (o.resolution_due_at IS NULL OR o.resolved_at <= o.resolution_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 's', 0, (m.t + 62135596800000) / 900000, m.status, SUM(m.n), SUM(m.v)
  FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'urged'
      UNION ALL SELECT 'backlog', i.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), i.priority, i.department_id, i.assignee_id FROM (SELECT o.created_at, o.priority, o.department_id, o.assignee_id, CASE WHEN o.first_response_at IS NULL AND o.status <> 'suspended' THEN '"' || o.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = o.id AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || o.status || '"') END AS st FROM work_orders o) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = e.order_id AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 's', 1, (m.t + 62135596800000) / 86400000, m.status, SUM(m.n), SUM(m.v)
  FROM (SELECT 'created' AS measure, o.created_at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o
      UNION ALL SELECT 'resolved', o.resolved_at, 1, o.resolved_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'closed', o.closed_at, 1, 0, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'responded', o.first_response_at, 1, o.first_response_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'sla_response', o.first_response_at, 1, CASE WHEN s.response_breached_at IS NULL AND (o.response_due_at IS NULL OR o.first_response_at <= o.response_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id
      UNION ALL SELECT 'sla_resolution', o.resolved_at, 1, CASE WHEN s.resolution_breached_at IS NULL AND (o.resolution_due_at IS NULL OR o.resolved_at <= o.resolution_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 's', 1, (m.t + 62135596800000) / 86400000, m.status, SUM(m.n), SUM(m.v)
  FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'urged'
      UNION ALL SELECT 'backlog', i.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), i.priority, i.department_id, i.assignee_id FROM (SELECT o.created_at, o.priority, o.department_id, o.assignee_id, CASE WHEN o.first_response_at IS NULL AND o.status <> 'suspended' THEN '"' || o.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = o.id AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || o.status || '"') END AS st FROM work_orders o) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = e.order_id AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'p', 0, (m.t + 62135596800000) / 900000, 'P' || CAST(m.priority AS TEXT), SUM(m.n), SUM(m.v)
  FROM (SELECT 'created' AS measure, o.created_at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o
      UNION ALL SELECT 'resolved', o.resolved_at, 1, o.resolved_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'closed', o.closed_at, 1, 0, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'responded', o.first_response_at, 1, o.first_response_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'sla_response', o.first_response_at, 1, CASE WHEN s.response_breached_at IS NULL AND (o.response_due_at IS NULL OR o.first_response_at <= o.response_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id
      UNION ALL SELECT 'sla_resolution', o.resolved_at, 1, CASE WHEN s.resolution_breached_at IS NULL AND (o.resolution_due_at IS NULL OR o.resolved_at <= o.resolution_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'p', 0, (m.t + 62135596800000) / 900000, 'P' || CAST(m.priority AS TEXT), SUM(m.n), SUM(m.v)
  FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'urged'
      UNION ALL SELECT 'backlog', i.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), i.priority, i.department_id, i.assignee_id FROM (SELECT o.created_at, o.priority, o.department_id, o.assignee_id, CASE WHEN o.first_response_at IS NULL AND o.status <> 'suspended' THEN '"' || o.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = o.id AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || o.status || '"') END AS st FROM work_orders o) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = e.order_id AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'p', 1, (m.t + 62135596800000) / 86400000, 'P' || CAST(m.priority AS TEXT), SUM(m.n), SUM(m.v)
  FROM (SELECT 'created' AS measure, o.created_at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o
      UNION ALL SELECT 'resolved', o.resolved_at, 1, o.resolved_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'closed', o.closed_at, 1, 0, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'responded', o.first_response_at, 1, o.first_response_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'sla_response', o.first_response_at, 1, CASE WHEN s.response_breached_at IS NULL AND (o.response_due_at IS NULL OR o.first_response_at <= o.response_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id
      UNION ALL SELECT 'sla_resolution', o.resolved_at, 1, CASE WHEN s.resolution_breached_at IS NULL AND (o.resolution_due_at IS NULL OR o.resolved_at <= o.resolution_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'p', 1, (m.t + 62135596800000) / 86400000, 'P' || CAST(m.priority AS TEXT), SUM(m.n), SUM(m.v)
  FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'urged'
      UNION ALL SELECT 'backlog', i.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), i.priority, i.department_id, i.assignee_id FROM (SELECT o.created_at, o.priority, o.department_id, o.assignee_id, CASE WHEN o.first_response_at IS NULL AND o.status <> 'suspended' THEN '"' || o.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = o.id AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || o.status || '"') END AS st FROM work_orders o) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = e.order_id AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'd', 0, (m.t + 62135596800000) / 900000, COALESCE(m.department_id, ''), SUM(m.n), SUM(m.v)
  FROM (SELECT 'created' AS measure, o.created_at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o
      UNION ALL SELECT 'resolved', o.resolved_at, 1, o.resolved_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'closed', o.closed_at, 1, 0, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'responded', o.first_response_at, 1, o.first_response_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'sla_response', o.first_response_at, 1, CASE WHEN s.response_breached_at IS NULL AND (o.response_due_at IS NULL OR o.first_response_at <= o.response_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id
      UNION ALL SELECT 'sla_resolution', o.resolved_at, 1, CASE WHEN s.resolution_breached_at IS NULL AND (o.resolution_due_at IS NULL OR o.resolved_at <= o.resolution_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'd', 0, (m.t + 62135596800000) / 900000, COALESCE(m.department_id, ''), SUM(m.n), SUM(m.v)
  FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'urged'
      UNION ALL SELECT 'backlog', i.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), i.priority, i.department_id, i.assignee_id FROM (SELECT o.created_at, o.priority, o.department_id, o.assignee_id, CASE WHEN o.first_response_at IS NULL AND o.status <> 'suspended' THEN '"' || o.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = o.id AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || o.status || '"') END AS st FROM work_orders o) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = e.order_id AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'd', 1, (m.t + 62135596800000) / 86400000, COALESCE(m.department_id, ''), SUM(m.n), SUM(m.v)
  FROM (SELECT 'created' AS measure, o.created_at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o
      UNION ALL SELECT 'resolved', o.resolved_at, 1, o.resolved_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'closed', o.closed_at, 1, 0, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'responded', o.first_response_at, 1, o.first_response_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'sla_response', o.first_response_at, 1, CASE WHEN s.response_breached_at IS NULL AND (o.response_due_at IS NULL OR o.first_response_at <= o.response_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id
      UNION ALL SELECT 'sla_resolution', o.resolved_at, 1, CASE WHEN s.resolution_breached_at IS NULL AND (o.resolution_due_at IS NULL OR o.resolved_at <= o.resolution_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'd', 1, (m.t + 62135596800000) / 86400000, COALESCE(m.department_id, ''), SUM(m.n), SUM(m.v)
  FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'urged'
      UNION ALL SELECT 'backlog', i.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), i.priority, i.department_id, i.assignee_id FROM (SELECT o.created_at, o.priority, o.department_id, o.assignee_id, CASE WHEN o.first_response_at IS NULL AND o.status <> 'suspended' THEN '"' || o.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = o.id AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || o.status || '"') END AS st FROM work_orders o) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = e.order_id AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'a', 0, (m.t + 62135596800000) / 900000, COALESCE(m.assignee_id, ''), SUM(m.n), SUM(m.v)
  FROM (SELECT 'created' AS measure, o.created_at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o
      UNION ALL SELECT 'resolved', o.resolved_at, 1, o.resolved_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'closed', o.closed_at, 1, 0, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'responded', o.first_response_at, 1, o.first_response_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'sla_response', o.first_response_at, 1, CASE WHEN s.response_breached_at IS NULL AND (o.response_due_at IS NULL OR o.first_response_at <= o.response_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id
      UNION ALL SELECT 'sla_resolution', o.resolved_at, 1, CASE WHEN s.resolution_breached_at IS NULL AND (o.resolution_due_at IS NULL OR o.resolved_at <= o.resolution_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'a', 0, (m.t + 62135596800000) / 900000, COALESCE(m.assignee_id, ''), SUM(m.n), SUM(m.v)
  FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'urged'
      UNION ALL SELECT 'backlog', i.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), i.priority, i.department_id, i.assignee_id FROM (SELECT o.created_at, o.priority, o.department_id, o.assignee_id, CASE WHEN o.first_response_at IS NULL AND o.status <> 'suspended' THEN '"' || o.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = o.id AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || o.status || '"') END AS st FROM work_orders o) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = e.order_id AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'a', 1, (m.t + 62135596800000) / 86400000, COALESCE(m.assignee_id, ''), SUM(m.n), SUM(m.v)
  FROM (SELECT 'created' AS measure, o.created_at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o
      UNION ALL SELECT 'resolved', o.resolved_at, 1, o.resolved_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'closed', o.closed_at, 1, 0, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'responded', o.first_response_at, 1, o.first_response_at - o.created_at, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o
      UNION ALL SELECT 'sla_response', o.first_response_at, 1, CASE WHEN s.response_breached_at IS NULL AND (o.response_due_at IS NULL OR o.first_response_at <= o.response_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id
      UNION ALL SELECT 'sla_resolution', o.resolved_at, 1, CASE WHEN s.resolution_breached_at IS NULL AND (o.resolution_due_at IS NULL OR o.resolved_at <= o.resolution_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_sla s ON s.order_id = o.id) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT m.measure, 'a', 1, (m.t + 62135596800000) / 86400000, COALESCE(m.assignee_id, ''), SUM(m.n), SUM(m.v)
  FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'urged'
      UNION ALL SELECT 'backlog', i.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), i.priority, i.department_id, i.assignee_id FROM (SELECT o.created_at, o.priority, o.department_id, o.assignee_id, CASE WHEN o.first_response_at IS NULL AND o.status <> 'suspended' THEN '"' || o.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = o.id AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || o.status || '"') END AS st FROM work_orders o) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
      UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = e.order_id AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM order_events e JOIN work_orders o ON o.id = e.order_id WHERE e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
  WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;

CREATE FUNCTION stats_orders_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at OR OLD.closed_at IS DISTINCT FROM NEW.closed_at OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at OR OLD.response_due_at IS DISTINCT FROM NEW.response_due_at OR OLD.resolution_due_at IS DISTINCT FROM NEW.resolution_due_at OR OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.department_id IS DISTINCT FROM NEW.department_id OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id)) THEN
        INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
          SELECT m.measure, d.dim, g.grain, (m.t + 62135596800000) / g.width, CASE d.dim WHEN 's' THEN m.status WHEN 'p' THEN 'P' || CAST(m.priority AS TEXT) WHEN 'd' THEN COALESCE(m.department_id, '') ELSE COALESCE(m.assignee_id, '') END, SUM(-m.n), SUM(-m.v)
          FROM (SELECT 'created' AS measure, OLD.created_at AS t, 1 AS n, 0 AS v, OLD.status AS status, OLD.priority AS priority, OLD.department_id AS department_id, OLD.assignee_id AS assignee_id
              UNION ALL SELECT 'resolved', OLD.resolved_at, 1, OLD.resolved_at - OLD.created_at, OLD.status, OLD.priority, OLD.department_id, OLD.assignee_id
              UNION ALL SELECT 'closed', OLD.closed_at, 1, 0, OLD.status, OLD.priority, OLD.department_id, OLD.assignee_id
              UNION ALL SELECT 'responded', OLD.first_response_at, 1, OLD.first_response_at - OLD.created_at, OLD.status, OLD.priority, OLD.department_id, OLD.assignee_id
              UNION ALL SELECT 'sla_response', OLD.first_response_at, 1, CASE WHEN s.response_breached_at IS NULL AND (OLD.response_due_at IS NULL OR OLD.first_response_at <= OLD.response_due_at) THEN 1 ELSE 0 END, OLD.status, OLD.priority, OLD.department_id, OLD.assignee_id FROM order_sla s WHERE s.order_id = OLD.id
              UNION ALL SELECT 'sla_resolution', OLD.resolved_at, 1, CASE WHEN s.resolution_breached_at IS NULL AND (OLD.resolution_due_at IS NULL OR OLD.resolved_at <= OLD.resolution_due_at) THEN 1 ELSE 0 END, OLD.status, OLD.priority, OLD.department_id, OLD.assignee_id FROM order_sla s WHERE s.order_id = OLD.id) m
          CROSS JOIN (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') d
          CROSS JOIN (SELECT 0 AS grain, 900000 AS width UNION ALL SELECT 1, 86400000) g
          WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at OR OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.department_id IS DISTINCT FROM NEW.department_id OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id)) THEN
        INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
          SELECT m.measure, d.dim, g.grain, (m.t + 62135596800000) / g.width, CASE d.dim WHEN 's' THEN m.status WHEN 'p' THEN 'P' || CAST(m.priority AS TEXT) WHEN 'd' THEN COALESCE(m.department_id, '') ELSE COALESCE(m.assignee_id, '') END, SUM(-m.n), SUM(-m.v)
          FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, OLD.status AS status, OLD.priority AS priority, OLD.department_id AS department_id, OLD.assignee_id AS assignee_id FROM order_events e WHERE e.order_id = OLD.id AND e.kind = 'urged'
              UNION ALL SELECT 'backlog', OLD.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), OLD.priority, OLD.department_id, OLD.assignee_id FROM (SELECT CASE WHEN OLD.first_response_at IS NULL AND OLD.status <> 'suspended' THEN '"' || OLD.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = OLD.id AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || OLD.status || '"') END AS st) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
              UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), OLD.priority, OLD.department_id, OLD.assignee_id FROM order_events e WHERE e.order_id = OLD.id AND e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
              UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), OLD.priority, OLD.department_id, OLD.assignee_id FROM order_events e WHERE e.order_id = OLD.id AND e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
              UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = OLD.id AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, OLD.status, OLD.priority, OLD.department_id, OLD.assignee_id FROM order_events e WHERE e.order_id = OLD.id AND e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
          CROSS JOIN (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') d
          CROSS JOIN (SELECT 0 AS grain, 900000 AS width UNION ALL SELECT 1, 86400000) g
          WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at OR OLD.closed_at IS DISTINCT FROM NEW.closed_at OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at OR OLD.response_due_at IS DISTINCT FROM NEW.response_due_at OR OLD.resolution_due_at IS DISTINCT FROM NEW.resolution_due_at OR OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.department_id IS DISTINCT FROM NEW.department_id OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id)) THEN
        INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
          SELECT m.measure, d.dim, g.grain, (m.t + 62135596800000) / g.width, CASE d.dim WHEN 's' THEN m.status WHEN 'p' THEN 'P' || CAST(m.priority AS TEXT) WHEN 'd' THEN COALESCE(m.department_id, '') ELSE COALESCE(m.assignee_id, '') END, SUM(m.n), SUM(m.v)
          FROM (SELECT 'created' AS measure, NEW.created_at AS t, 1 AS n, 0 AS v, NEW.status AS status, NEW.priority AS priority, NEW.department_id AS department_id, NEW.assignee_id AS assignee_id
              UNION ALL SELECT 'resolved', NEW.resolved_at, 1, NEW.resolved_at - NEW.created_at, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id
              UNION ALL SELECT 'closed', NEW.closed_at, 1, 0, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id
              UNION ALL SELECT 'responded', NEW.first_response_at, 1, NEW.first_response_at - NEW.created_at, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id
              UNION ALL SELECT 'sla_response', NEW.first_response_at, 1, CASE WHEN s.response_breached_at IS NULL AND (NEW.response_due_at IS NULL OR NEW.first_response_at <= NEW.response_due_at) THEN 1 ELSE 0 END, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id FROM order_sla s WHERE s.order_id = NEW.id
              UNION ALL SELECT 'sla_resolution', NEW.resolved_at, 1, CASE WHEN s.resolution_breached_at IS NULL AND (NEW.resolution_due_at IS NULL OR NEW.resolved_at <= NEW.resolution_due_at) THEN 1 ELSE 0 END, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id FROM order_sla s WHERE s.order_id = NEW.id) m
          CROSS JOIN (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') d
          CROSS JOIN (SELECT 0 AS grain, 900000 AS width UNION ALL SELECT 1, 86400000) g
          WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at OR OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.department_id IS DISTINCT FROM NEW.department_id OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id)) THEN
        INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
          SELECT m.measure, d.dim, g.grain, (m.t + 62135596800000) / g.width, CASE d.dim WHEN 's' THEN m.status WHEN 'p' THEN 'P' || CAST(m.priority AS TEXT) WHEN 'd' THEN COALESCE(m.department_id, '') ELSE COALESCE(m.assignee_id, '') END, SUM(m.n), SUM(m.v)
          FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, NEW.status AS status, NEW.priority AS priority, NEW.department_id AS department_id, NEW.assignee_id AS assignee_id FROM order_events e WHERE e.order_id = NEW.id AND e.kind = 'urged'
              UNION ALL SELECT 'backlog', NEW.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), NEW.priority, NEW.department_id, NEW.assignee_id FROM (SELECT CASE WHEN NEW.first_response_at IS NULL AND NEW.status <> 'suspended' THEN '"' || NEW.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = NEW.id AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || NEW.status || '"') END AS st) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
              UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), NEW.priority, NEW.department_id, NEW.assignee_id FROM order_events e WHERE e.order_id = NEW.id AND e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
              UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), NEW.priority, NEW.department_id, NEW.assignee_id FROM order_events e WHERE e.order_id = NEW.id AND e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
              UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = NEW.id AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, NEW.status, NEW.priority, NEW.department_id, NEW.assignee_id FROM order_events e WHERE e.order_id = NEW.id AND e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
          CROSS JOIN (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') d
          CROSS JOIN (SELECT 0 AS grain, 900000 AS width UNION ALL SELECT 1, 86400000) g
          WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER stats_orders_rollup AFTER INSERT OR UPDATE OR DELETE ON work_orders
    FOR EACH ROW EXECUTE FUNCTION stats_orders_rollup();

CREATE FUNCTION stats_history_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
      SELECT m.measure, d.dim, g.grain, (m.t + 62135596800000) / g.width, CASE d.dim WHEN 's' THEN m.status WHEN 'p' THEN 'P' || CAST(m.priority AS TEXT) WHEN 'd' THEN COALESCE(m.department_id, '') ELSE COALESCE(m.assignee_id, '') END, SUM(-m.n), SUM(-m.v)
      FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o JOIN order_events e ON e.order_id = o.id WHERE o.id = NEW.order_id AND e.order_id = o.id AND e.seq <> NEW.seq AND e.kind = 'urged'
          UNION ALL SELECT 'backlog', i.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), i.priority, i.department_id, i.assignee_id FROM (SELECT o.created_at, o.priority, o.department_id, o.assignee_id, CASE WHEN o.first_response_at IS NULL AND o.status <> 'suspended' THEN '"' || o.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = o.id AND f.seq <> NEW.seq AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || o.status || '"') END AS st FROM work_orders o WHERE o.id = NEW.order_id) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
          UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_events e ON e.order_id = o.id WHERE o.id = NEW.order_id AND e.order_id = o.id AND e.seq <> NEW.seq AND e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
          UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_events e ON e.order_id = o.id WHERE o.id = NEW.order_id AND e.order_id = o.id AND e.seq <> NEW.seq AND e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
          UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = o.id AND x.seq <> NEW.seq AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_events e ON e.order_id = o.id WHERE o.id = NEW.order_id AND e.order_id = o.id AND e.seq <> NEW.seq AND e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
      CROSS JOIN (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') d
      CROSS JOIN (SELECT 0 AS grain, 900000 AS width UNION ALL SELECT 1, 86400000) g
      WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
    INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
      SELECT m.measure, d.dim, g.grain, (m.t + 62135596800000) / g.width, CASE d.dim WHEN 's' THEN m.status WHEN 'p' THEN 'P' || CAST(m.priority AS TEXT) WHEN 'd' THEN COALESCE(m.department_id, '') ELSE COALESCE(m.assignee_id, '') END, SUM(m.n), SUM(m.v)
      FROM (SELECT 'urged' AS measure, e.at AS t, 1 AS n, 0 AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o JOIN order_events e ON e.order_id = o.id WHERE o.id = NEW.order_id AND e.order_id = o.id AND e.kind = 'urged'
          UNION ALL SELECT 'backlog', i.created_at, 1, 1, SUBSTR(i.st, 2, LENGTH(i.st) - 2), i.priority, i.department_id, i.assignee_id FROM (SELECT o.created_at, o.priority, o.department_id, o.assignee_id, CASE WHEN o.first_response_at IS NULL AND o.status <> 'suspended' THEN '"' || o.status || '"' ELSE COALESCE((SELECT f.old_value FROM order_events f WHERE f.order_id = o.id AND f.kind = 'status_changed' ORDER BY f.seq LIMIT 1), '"' || o.status || '"') END AS st FROM work_orders o WHERE o.id = NEW.order_id) i WHERE i.st IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
          UNION ALL SELECT 'backlog', e.at, 1, 1, SUBSTR(e.new_value, 2, LENGTH(e.new_value) - 2), o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_events e ON e.order_id = o.id WHERE o.id = NEW.order_id AND e.order_id = o.id AND e.kind = 'status_changed' AND e.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
          UNION ALL SELECT 'backlog', e.at, -1, 1, SUBSTR(e.old_value, 2, LENGTH(e.old_value) - 2), o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_events e ON e.order_id = o.id WHERE o.id = NEW.order_id AND e.order_id = o.id AND e.kind = 'status_changed' AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')
          UNION ALL SELECT 'reopened', e.at, 1, CASE WHEN EXISTS (SELECT 1 FROM order_events x WHERE x.order_id = o.id AND x.kind = 'status_changed' AND x.seq > e.seq AND x.old_value IN ('"done"', '"closed"') AND x.new_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o JOIN order_events e ON e.order_id = o.id WHERE o.id = NEW.order_id AND e.order_id = o.id AND e.kind = 'status_changed' AND e.new_value IN ('"done"', '"closed"') AND e.old_value IN ('"unassigned"', '"todo"', '"in_progress"', '"pending_transfer"', '"transferred"', '"awaiting_customer"', '"suspended"')) m
      CROSS JOIN (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') d
      CROSS JOIN (SELECT 0 AS grain, 900000 AS width UNION ALL SELECT 1, 86400000) g
      WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
    RETURN NULL;
END;
$$;
CREATE TRIGGER stats_history_rollup AFTER INSERT ON order_events
    FOR EACH ROW WHEN (NEW.kind IN ('urged', 'status_changed')) EXECUTE FUNCTION stats_history_rollup();

CREATE FUNCTION stats_sla_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.order_id IS DISTINCT FROM NEW.order_id OR OLD.response_breached_at IS DISTINCT FROM NEW.response_breached_at OR OLD.resolution_breached_at IS DISTINCT FROM NEW.resolution_breached_at)) THEN
        INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
          SELECT m.measure, d.dim, g.grain, (m.t + 62135596800000) / g.width, CASE d.dim WHEN 's' THEN m.status WHEN 'p' THEN 'P' || CAST(m.priority AS TEXT) WHEN 'd' THEN COALESCE(m.department_id, '') ELSE COALESCE(m.assignee_id, '') END, SUM(-m.n), SUM(-m.v)
          FROM (SELECT 'sla_response' AS measure, o.first_response_at AS t, 1 AS n, CASE WHEN OLD.response_breached_at IS NULL AND (o.response_due_at IS NULL OR o.first_response_at <= o.response_due_at) THEN 1 ELSE 0 END AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o WHERE o.id = OLD.order_id
              UNION ALL SELECT 'sla_resolution', o.resolved_at, 1, CASE WHEN OLD.resolution_breached_at IS NULL AND (o.resolution_due_at IS NULL OR o.resolved_at <= o.resolution_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o WHERE o.id = OLD.order_id) m
          CROSS JOIN (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') d
          CROSS JOIN (SELECT 0 AS grain, 900000 AS width UNION ALL SELECT 1, 86400000) g
          WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (OLD.order_id IS DISTINCT FROM NEW.order_id OR OLD.response_breached_at IS DISTINCT FROM NEW.response_breached_at OR OLD.resolution_breached_at IS DISTINCT FROM NEW.resolution_breached_at)) THEN
        INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
          SELECT m.measure, d.dim, g.grain, (m.t + 62135596800000) / g.width, CASE d.dim WHEN 's' THEN m.status WHEN 'p' THEN 'P' || CAST(m.priority AS TEXT) WHEN 'd' THEN COALESCE(m.department_id, '') ELSE COALESCE(m.assignee_id, '') END, SUM(m.n), SUM(m.v)
          FROM (SELECT 'sla_response' AS measure, o.first_response_at AS t, 1 AS n, CASE WHEN NEW.response_breached_at IS NULL AND (o.response_due_at IS NULL OR o.first_response_at <= o.response_due_at) THEN 1 ELSE 0 END AS v, o.status AS status, o.priority AS priority, o.department_id AS department_id, o.assignee_id AS assignee_id FROM work_orders o WHERE o.id = NEW.order_id
              UNION ALL SELECT 'sla_resolution', o.resolved_at, 1, CASE WHEN NEW.resolution_breached_at IS NULL AND (o.resolution_due_at IS NULL OR o.resolved_at <= o.resolution_due_at) THEN 1 ELSE 0 END, o.status, o.priority, o.department_id, o.assignee_id FROM work_orders o WHERE o.id = NEW.order_id) m
          CROSS JOIN (SELECT 's' AS dim UNION ALL SELECT 'p' UNION ALL SELECT 'd' UNION ALL SELECT 'a') d
          CROSS JOIN (SELECT 0 AS grain, 900000 AS width UNION ALL SELECT 1, 86400000) g
          WHERE m.t IS NOT NULL GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER stats_sla_rollup AFTER INSERT OR UPDATE OR DELETE ON order_sla
    FOR EACH ROW EXECUTE FUNCTION stats_sla_rollup();
