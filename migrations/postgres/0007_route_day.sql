-- Day routing (issue #6): each visit's appointment window, parts it takes from the van and
-- whether the customer confirmed the time (a confirmed visit keeps its time); each
-- technician's van: home base and parts capacity. Forward-only.

CREATE TABLE order_visit_terms (
    order_id     TEXT PRIMARY KEY REFERENCES work_orders(id),
    window_start BIGINT,
    window_end   BIGINT,
    parts        BIGINT NOT NULL DEFAULT 0,
    confirmed    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE technician_vans (
    user_id  TEXT PRIMARY KEY REFERENCES users(id),
    base_lat DOUBLE PRECISION,
    base_lon DOUBLE PRECISION,
    capacity BIGINT NOT NULL DEFAULT 100
);
