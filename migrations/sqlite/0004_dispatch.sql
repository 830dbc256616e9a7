-- Dispatch (issue #5): technicians' dispatch profiles, each order's dispatch facts (skill
-- needed, duration, schedule, pool), and the pool's settings. Forward-only.

CREATE TABLE technician_profiles (
    user_id        TEXT PRIMARY KEY REFERENCES users(id),
    status         TEXT NOT NULL DEFAULT 'available',
    capacity_hours REAL NOT NULL DEFAULT 8,
    calendar_id    TEXT REFERENCES business_calendars(id),
    last_lat       REAL,
    last_lon       REAL,
    located_at     INTEGER,
    grab_limit     INTEGER NOT NULL DEFAULT 3
);

CREATE TABLE order_dispatch (
    order_id         TEXT PRIMARY KEY REFERENCES work_orders(id),
    required_skill   TEXT,
    required_level   INTEGER NOT NULL DEFAULT 1,
    duration_minutes INTEGER NOT NULL DEFAULT 60,
    scheduled_start  INTEGER,
    scheduled_end    INTEGER,
    pooled_at        INTEGER,
    grabbed_by       TEXT REFERENCES users(id),
    grabbed_at       INTEGER
);
CREATE INDEX order_dispatch_pooled ON order_dispatch (pooled_at) WHERE pooled_at IS NOT NULL;
CREATE INDEX order_dispatch_grabbed ON order_dispatch (grabbed_by, grabbed_at) WHERE grabbed_by IS NOT NULL;
CREATE INDEX order_dispatch_schedule ON order_dispatch (scheduled_start) WHERE scheduled_start IS NOT NULL;
