"""Numbered forward migrations of the ``.zitour`` schema.

``PRAGMA user_version`` holds the schema version; ``PRAGMA application_id``
marks the file as a ZI Tour project. Migration ``n`` takes a version ``n - 1``
database to version ``n``. Never edit a published migration: add a new one.
"""
from __future__ import annotations

import sqlite3

# "ZITR" in ASCII: lets us tell our SQLite files from anyone else's.
APPLICATION_ID = 0x5A495452

MIGRATION_1 = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'company',
    address TEXT NOT NULL DEFAULT '',
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    gate_lon REAL,
    gate_lat REAL,
    sector TEXT NOT NULL DEFAULT '',
    products TEXT NOT NULL DEFAULT '',
    jobs TEXT NOT NULL DEFAULT '',
    salaries TEXT NOT NULL DEFAULT '',
    training TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'manual',
    source_ref TEXT NOT NULL DEFAULT ''
);
CREATE TABLE videos (
    id INTEGER PRIMARY KEY,
    site_id INTEGER REFERENCES sites(id) ON DELETE SET NULL,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    duration_s REAL NOT NULL
);
CREATE TABLE ambassadors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    availability TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE ambassador_sites (
    ambassador_id INTEGER NOT NULL REFERENCES ambassadors(id) ON DELETE CASCADE,
    site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    PRIMARY KEY (ambassador_id, site_id)
);
CREATE TABLE tours (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    date TEXT NOT NULL,
    timezone TEXT NOT NULL DEFAULT 'Europe/Paris',
    audience TEXT NOT NULL DEFAULT 'prescripteurs',
    start_site_id INTEGER REFERENCES sites(id) ON DELETE SET NULL,
    end_site_id INTEGER REFERENCES sites(id) ON DELETE SET NULL,
    earliest_departure TEXT NOT NULL,
    latest_return TEXT NOT NULL,
    participants INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE buses (
    id INTEGER PRIMARY KEY,
    tour_id INTEGER NOT NULL REFERENCES tours(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    seats INTEGER NOT NULL DEFAULT 50,
    operator TEXT NOT NULL DEFAULT '',
    driver TEXT NOT NULL DEFAULT '',
    driver_phone TEXT NOT NULL DEFAULT '',
    vehicle TEXT NOT NULL DEFAULT '{}',
    start_site_id INTEGER REFERENCES sites(id) ON DELETE SET NULL,
    end_site_id INTEGER REFERENCES sites(id) ON DELETE SET NULL
);
CREATE TABLE stops (
    id INTEGER PRIMARY KEY,
    tour_id INTEGER NOT NULL REFERENCES tours(id) ON DELETE CASCADE,
    site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'visit',
    dwell_s INTEGER NOT NULL DEFAULT 0,
    windows TEXT NOT NULL DEFAULT '[]',
    required INTEGER NOT NULL DEFAULT 1,
    priority INTEGER NOT NULL DEFAULT 1,
    lock TEXT NOT NULL DEFAULT 'none',
    lock_index INTEGER,
    bus_id INTEGER REFERENCES buses(id) ON DELETE SET NULL,
    position INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stops_tour ON stops(tour_id, position);
"""

# Version 2: what planning needs beyond version 1 — company visit capacity and
# talking points, participant groups, "A before B" constraints, objective and
# driver rules per tour, and the stored plans.
MIGRATION_2 = """
ALTER TABLE sites ADD COLUMN talking_points TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN visit_capacity INTEGER;
ALTER TABLE tours ADD COLUMN objective TEXT NOT NULL DEFAULT 'tour_time';
ALTER TABLE tours ADD COLUMN driver_rules TEXT NOT NULL DEFAULT '{}';
CREATE TABLE participant_groups (
    id INTEGER PRIMARY KEY,
    tour_id INTEGER NOT NULL REFERENCES tours(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    bus_id INTEGER REFERENCES buses(id) ON DELETE SET NULL
);
CREATE TABLE precedences (
    before_stop_id INTEGER NOT NULL REFERENCES stops(id) ON DELETE CASCADE,
    after_stop_id INTEGER NOT NULL REFERENCES stops(id) ON DELETE CASCADE,
    PRIMARY KEY (before_stop_id, after_stop_id)
);
CREATE TABLE plans (
    tour_id INTEGER PRIMARY KEY REFERENCES tours(id) ON DELETE CASCADE,
    computed_at TEXT NOT NULL,
    plan TEXT NOT NULL
);
"""

# Version 3: company visit slots — each slot hosts at most one bus's visit, and a
# visit of the site must start inside a slot. JSON list of ["HH:MM:SS", "HH:MM:SS"].
MIGRATION_3 = """
ALTER TABLE sites ADD COLUMN visit_slots TEXT NOT NULL DEFAULT '[]';
"""

# Version 4: times that mean what organisers mean — a tour's departure is a meeting time
# (the bus leaves then) unless ``departure_fixed`` is 0 (leave as late as useful, not
# before); a visit fits inside its window unless the stop's ``arrival_only`` is 1 (only
# the arrival must fall in it).
MIGRATION_4 = """
ALTER TABLE tours ADD COLUMN departure_fixed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE stops ADD COLUMN arrival_only INTEGER NOT NULL DEFAULT 0;
"""

# Version 5: coach-true roads — a site where the coach may turn round (a car park, a depot's
# yard): it arrives and leaves either way. Depots are such places unless the organiser says not.
MIGRATION_5 = """
ALTER TABLE sites ADD COLUMN coach_turns INTEGER NOT NULL DEFAULT 0;
UPDATE sites SET coach_turns = 1 WHERE kind = 'depot';
"""

# Version 6: the tour day's log — what really happened aboard each bus (arrivals, departures,
# skipped stops, headcounts, cues played, off route), one row per event written as it happens,
# and the bus's GPS track. ``bus_id`` is the plan's bus (no foreign key: the log outlives a
# bus deleted later, as a logbook does); ``at`` is ISO 8601 with its offset.
MIGRATION_6 = """
CREATE TABLE day_events (
    id INTEGER PRIMARY KEY,
    tour_id INTEGER NOT NULL REFERENCES tours(id) ON DELETE CASCADE,
    bus_id INTEGER,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    stop_index INTEGER,
    stop_id INTEGER,
    ref TEXT NOT NULL DEFAULT '',
    value REAL,
    source TEXT NOT NULL DEFAULT 'auto'
);
CREATE INDEX day_events_tour ON day_events(tour_id, bus_id, id);
CREATE TABLE day_track (
    id INTEGER PRIMARY KEY,
    tour_id INTEGER NOT NULL REFERENCES tours(id) ON DELETE CASCADE,
    bus_id INTEGER,
    at TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    speed_mps REAL,
    heading_deg REAL
);
CREATE INDEX day_track_tour ON day_track(tour_id, bus_id, id);
"""

# Version 7: a video's part played on the bus (trim in and out points, seconds into the file).
MIGRATION_7 = """
ALTER TABLE videos ADD COLUMN trim_in_s REAL NOT NULL DEFAULT 0;
ALTER TABLE videos ADD COLUMN trim_out_s REAL;
"""

# Version 8: event days — who a group is (organisation, audience, accompanying adults, contact on the
# day) and its programme (visits it must make, k visits among choices; JSON lists of stop ids).
MIGRATION_8 = """
ALTER TABLE participant_groups ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE participant_groups ADD COLUMN audience TEXT NOT NULL DEFAULT '';
ALTER TABLE participant_groups ADD COLUMN adults INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participant_groups ADD COLUMN contact TEXT NOT NULL DEFAULT '';
ALTER TABLE participant_groups ADD COLUMN visits TEXT NOT NULL DEFAULT '[]';
ALTER TABLE participant_groups ADD COLUMN choices TEXT NOT NULL DEFAULT '[]';
ALTER TABLE participant_groups ADD COLUMN choices_k INTEGER NOT NULL DEFAULT 0;
"""

# Version 9: participants and impact — who registered for a tour (names erased after the tour's
# retention date), what came of it (follow-ups per tour and company), the counts that outlive the
# names, who presented and the feedback questionnaire (tour_outcomes), a territory per tour.
MIGRATION_9 = """
ALTER TABLE tours ADD COLUMN territory TEXT NOT NULL DEFAULT '';
ALTER TABLE tours ADD COLUMN retention_until TEXT;
CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    tour_id INTEGER NOT NULL REFERENCES tours(id) ON DELETE CASCADE,
    group_id INTEGER REFERENCES participant_groups(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    pickup TEXT NOT NULL DEFAULT '',
    present INTEGER
);
CREATE INDEX participants_tour ON participants(tour_id, id);
CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    tour_id INTEGER REFERENCES tours(id) ON DELETE CASCADE,
    site_id INTEGER REFERENCES sites(id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 1,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE tour_outcomes (
    tour_id INTEGER PRIMARY KEY REFERENCES tours(id) ON DELETE CASCADE,
    registered INTEGER,
    present INTEGER,
    by_audience TEXT NOT NULL DEFAULT '{}',
    present_by_audience TEXT NOT NULL DEFAULT '{}',
    presenters TEXT NOT NULL DEFAULT '[]',
    feedback TEXT NOT NULL DEFAULT '{}',
    erased_on TEXT
)
"""

MIGRATIONS: tuple[str, ...] = (MIGRATION_1, MIGRATION_2, MIGRATION_3, MIGRATION_4, MIGRATION_5, MIGRATION_6,
                               MIGRATION_7, MIGRATION_8, MIGRATION_9)
CURRENT_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = CURRENT_VERSION) -> int:
    """Bring ``conn``'s schema up to ``target``, one migration per transaction.

    Returns the version reached. DDL is transactional in SQLite, so a failing
    migration leaves the file at the previous version.
    """
    version = schema_version(conn)
    while version < target:
        script = MIGRATIONS[version]
        statements = [s.strip() for s in script.split(";") if s.strip()]
        conn.execute("BEGIN")
        try:
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version += 1
    return version
