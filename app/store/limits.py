"""How much a project may hold: rows per table and characters per text value.

A project is shared with partners, so its file is untrusted input. Far beyond what any
ZI Tour needs, a file is refused on opening (:func:`app.store.schema.check_limits`, a
``COUNT(*)`` and a ``MAX(LENGTH(...))`` per table) instead of making every list, map and
export crawl; the codec refuses a longer text read from a row, and a clean copy
(:mod:`app.store.clean`) leaves such rows out.
"""
from __future__ import annotations

# Rows per table: generous for the busiest organiser (a region's worth of companies, years of tours).
MAX_ROWS: dict[str, int] = {
    "settings": 10_000,  # a few keys, plus one calendar state per tour
    "sites": 20_000,
    "videos": 5_000,
    "ambassadors": 5_000,
    "ambassador_sites": 100_000,
    "tours": 2_000,
    "buses": 10_000,
    "stops": 50_000,
    "participant_groups": 20_000,
    "participants": 200_000,  # a season of named lists
    "follow_ups": 100_000,
    "tour_outcomes": 2_000,  # one per tour at most
    "precedences": 50_000,
    "plans": 2_000,
    "day_events": 500_000,  # a few hundred a tour day
    "day_track": 5_000_000,  # one fix a second: ten-hour days of a few hundred bus-days
}

# Characters in one text value: names, notes, addresses, the JSON of time windows...
MAX_TEXT = 100_000
# ...except these columns, which hold more by nature.
MAX_TEXT_OF: dict[tuple[str, str], int] = {
    ("plans", "plan"): 20_000_000,  # a plan's JSON with its road geometry
    ("settings", "value"): 1_000_000,  # a tour's calendar state (one event per stop)
}


def max_text(table: str, column: str) -> int:
    """The longest text ``table.column`` may hold, in characters."""
    return MAX_TEXT_OF.get((table, column), MAX_TEXT)
