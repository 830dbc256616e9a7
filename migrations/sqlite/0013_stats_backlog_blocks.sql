-- Statistics (issue #8, performance): a third grain of the backlog rollup, 32 UTC days wide.
-- A backlog is a running count: the open orders at the end of a period are every backlog
-- change since the first order. Read per day, that is a year of day rows per group (≈ 180,000
-- rows for 500 technicians at a million orders); read per 32-day block, a dozen block rows and
-- at most 31 day rows per group. Grain 2 slot b covers UTC days [32 b, 32 b + 32) counted
-- from 0001-01-01, so a day slot d lies in block d / 32 (a floor: slots are never negative).
--
-- The blocks are kept from the day rows themselves: whenever a backlog day row is written or
-- changed (by the triggers of 0005, in the same transaction), its change is added to its
-- block. No other code path writes the rollup; a bulk load drops these triggers with the
-- others named stats_… and refills the blocks by the statement below. Forward-only.

INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
  SELECT r.measure, r.dim, 2, r.slot / 32, r.key, SUM(r.n), SUM(r.total) FROM stats_rollup r WHERE r.measure = 'backlog' AND r.grain = 1 GROUP BY r.measure, r.dim, r.slot / 32, r.key
  ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;

CREATE TRIGGER stats_backlog_block_insert AFTER INSERT ON stats_rollup
WHEN NEW.measure = 'backlog' AND NEW.grain = 1
BEGIN
    INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
      VALUES ('backlog', NEW.dim, 2, NEW.slot / 32, NEW.key, NEW.n, NEW.total)
      ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
END;

CREATE TRIGGER stats_backlog_block_update AFTER UPDATE ON stats_rollup
WHEN NEW.measure = 'backlog' AND NEW.grain = 1
BEGIN
    INSERT INTO stats_rollup (measure, dim, grain, slot, key, n, total)
      VALUES ('backlog', NEW.dim, 2, NEW.slot / 32, NEW.key, NEW.n - OLD.n, NEW.total - OLD.total)
      ON CONFLICT (measure, dim, grain, slot, key) DO UPDATE SET n = stats_rollup.n + excluded.n, total = stats_rollup.total + excluded.total;
END;

CREATE TRIGGER stats_backlog_block_delete AFTER DELETE ON stats_rollup
WHEN OLD.measure = 'backlog' AND OLD.grain = 1
BEGIN
    UPDATE stats_rollup SET n = n - OLD.n, total = total - OLD.total
      WHERE measure = 'backlog' AND dim = OLD.dim AND grain = 2 AND slot = OLD.slot / 32 AND key = OLD.key;
END;
