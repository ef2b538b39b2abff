"""A season of tours in numbers: what each tour counted (:class:`TourRecord`) and the tables the
season's report prints and its CSV files carry (:class:`Season`: the same numbers, from the same
methods). Filled by :mod:`app.services.bilan`; plain data, no Qt, no store.

Companies and ambassadors are matched across files by name (case and accents aside): each
project file numbers its own rows.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Optional

from app.model.entities import FollowUpKind


def plain(text: str) -> str:
    """Lower case, accents removed, spaces squeezed: how names and headers are compared."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(text.replace("_", " ").split())


@dataclass(frozen=True)
class TourRecord:
    """One tour of the season, as the report counts it."""

    file: str
    tour: str
    date: dt.date
    territory: str
    audience: str  # Audience value
    kind: str  # "circuit" (one bus) or "evenement" (several)
    buses: int
    registered: int
    present: Optional[int]
    by_audience: dict[str, int]
    present_by_audience: Optional[dict[str, int]]  # exact when known (a ticked list), else None
    visited: tuple[str, ...]  # company names visited (the group got off)
    passed: tuple[str, ...]  # company names driven past with commentary
    presenters: tuple[str, ...]  # ambassadors who presented
    follow_ups: dict[str, int]  # FollowUpKind value -> count
    follow_ups_by_company: dict[str, dict[str, int]]
    feedback: dict[str, dict[str, int]]


def _present_shares(t: TourRecord) -> dict[str, int]:
    """The tour's present people by audience, summing to ``t.present``: exact when the list said it,
    else spread over the audiences as registered (a headcount says how many, not who); people present
    on a tour with nobody registered count under the tour's audience."""
    if t.present is None:
        return {}
    if t.present_by_audience is not None and sum(t.present_by_audience.values()) == t.present:
        return dict(t.present_by_audience)
    total = sum(t.by_audience.values())
    if not total:
        return {t.audience: t.present}
    shares = {a: t.present * n // total for a, n in t.by_audience.items()}
    rest = t.present - sum(shares.values())
    for a in sorted(shares, key=lambda a: -t.by_audience[a])[:rest]:
        shares[a] += 1
    return shares


@dataclass
class Season:
    """The tours kept, and the files that could not be read (file name, message)."""

    tours: list[TourRecord] = field(default_factory=list)
    other_follow_ups: dict[str, int] = field(default_factory=dict)  # not tied to a tour (a company's own)
    other_by_company: dict[str, dict[str, int]] = field(default_factory=dict)  # those, per company
    unreadable: list[tuple[str, Any]] = field(default_factory=list)
    duplicates: list[tuple[str, dt.date, tuple[str, ...]]] = field(default_factory=list)  # (tour, date, files)
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    territory: str = ""

    # -- the report's tables (the PDF and the CSV both print these) -----------------------------
    def actions(self) -> dict[tuple[str, str], int]:
        """(kind, audience) -> number of tours."""
        return dict(sorted(Counter((t.kind, t.audience) for t in self.tours).items()))

    def people_by_audience(self) -> dict[str, tuple[int, int]]:
        """audience -> (registered, present); a tour whose presence is unknown counts 0 present."""
        registered, present = Counter(), Counter()
        for t in self.tours:
            for audience, n in t.by_audience.items():
                registered[audience] += n
            registered[t.audience] += t.registered - sum(t.by_audience.values())  # a count with no audience
            present.update(_present_shares(t))
        return {a: (registered[a], present[a]) for a in sorted(set(registered) | set(present))
                if registered[a] or present[a]}

    def totals(self) -> tuple[int, int]:
        """(registered, present) over the season."""
        people = self.people_by_audience().values()
        return sum(r for r, _ in people), sum(p for _, p in people)

    def companies(self) -> list[tuple[str, int, int]]:
        """(company, times visited, times passed), the most involved first."""
        visits, passes, names = Counter(), Counter(), {}
        for t in self.tours:
            for n in t.visited:
                visits[plain(n)] += 1
                names.setdefault(plain(n), n)
            for n in t.passed:
                passes[plain(n)] += 1
                names.setdefault(plain(n), n)
        rows = [(names[k], visits[k], passes[k]) for k in names]
        return sorted(rows, key=lambda r: (-(r[1] + r[2]), -r[1], r[0].lower()))

    def ambassadors(self) -> list[tuple[str, int]]:
        """(ambassador, tours presented), the most mobilised first."""
        count, names = Counter(), {}
        for t in self.tours:
            for n in set(t.presenters):
                count[plain(n)] += 1
                names.setdefault(plain(n), n)
        return sorted(((names[k], c) for k, c in count.items()), key=lambda r: (-r[1], r[0].lower()))

    def follow_ups(self) -> dict[str, int]:
        """FollowUpKind value -> count, every kind listed (0 when none)."""
        total = Counter(self.other_follow_ups)
        for t in self.tours:
            total.update(t.follow_ups)
        return {k.value: total[k.value] for k in FollowUpKind}

    def follow_ups_by_company(self) -> list[tuple[str, str, int]]:
        """(company, kind, count) for the follow-ups tied to a company."""
        total: dict[tuple[str, str], int] = Counter()
        names = {}
        for by_company in [t.follow_ups_by_company for t in self.tours] + [self.other_by_company]:
            for company, kinds in by_company.items():
                names.setdefault(plain(company), company)
                for kind, n in kinds.items():
                    total[(plain(company), kind)] += n
        return sorted(((names[c], k, n) for (c, k), n in total.items()), key=lambda r: (r[0].lower(), r[1]))

    def feedback(self) -> dict[str, dict[str, int]]:
        out: dict[str, Counter] = defaultdict(Counter)
        for t in self.tours:
            for question, answers in t.feedback.items():
                out[question].update(answers)
        return {q: dict(a) for q, a in out.items()}

    def timeline(self) -> list[tuple[str, int, int]]:
        """(YYYY-MM, tours, registered) per month of the season, in order (months without a tour too)."""
        if not self.tours:
            return []
        by_month: dict[str, list[int]] = {}
        for t in self.tours:
            entry = by_month.setdefault(t.date.strftime("%Y-%m"), [0, 0])
            entry[0] += 1
            entry[1] += t.registered
        first, last = min(t.date for t in self.tours), max(t.date for t in self.tours)
        out, year, month = [], first.year, first.month
        while (year, month) <= (last.year, last.month):
            key = f"{year:04d}-{month:02d}"
            tours, people = by_month.get(key, [0, 0])
            out.append((key, tours, people))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def key_figures(self) -> list[tuple[str, int]]:
        """The headline numbers, (code, value): codes are message keys ``bilan.figure.<code>``."""
        registered, present = self.totals()
        ups = self.follow_ups()
        return [("actions", len(self.tours)), ("registered", registered), ("present", present),
                ("no_attendance", sum(1 for t in self.tours if t.present is None)),
                ("companies", len(self.companies())),
                ("companies_visited", sum(1 for _, v, _ in self.companies() if v)),
                ("ambassadors", len(self.ambassadors())),
                *((f"follow_up_{k}", n) for k, n in ups.items())]
