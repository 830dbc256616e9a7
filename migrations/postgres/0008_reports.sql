-- Reports (issue #8): named sets of tiles rendered to a file, optionally on a schedule, saved
-- to a folder and mailed. The definition is JSON checked by the core; the scheduler reads
-- next_run_at; the last run's outcome is kept so a failed send is shown, not lost.
-- Forward-only (0006 is reserved for templates).

CREATE TABLE reports (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT NOT NULL REFERENCES users(id),
    name        TEXT NOT NULL UNIQUE,
    definition  TEXT NOT NULL,
    next_run_at BIGINT,
    last_run_at BIGINT,
    last_file   TEXT,
    last_error  TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX reports_next_run ON reports (next_run_at);
