"""Video cues: each company's videos play on the leg approaching it.

They end as the bus passes a drive-by or arrives at a visit. When they are
longer than the leg, the cue is trimmed to the leg (start/stop offsets in the
file) and a warning proposes either the trim or starting on the previous leg
(possible when the bus does not stop in between, i.e. the previous stop is a
drive-by without videos of its own).
"""
from __future__ import annotations

from routing.messages import Clock, Duration, Message
from routing.solver.problem import PRESENTED_KINDS, NodeKind, Problem
from routing.solver.solution import Issue, VideoCue


def plan_cues(problem: Problem, bus_id, order: list, arrivals: list, leg_departures: list,
              departure_s: float) -> tuple[list[VideoCue], list[Issue]]:
    nodes = {nd.id: nd for nd in problem.nodes}
    by_site: dict = {}
    for v in problem.videos:
        by_site.setdefault(v.site, []).append(v)
    cues: list[VideoCue] = []
    issues: list[Issue] = []
    for k, nid in enumerate(order):
        nd = nodes[nid]
        vids = by_site.get(nd.site, []) if nd.kind in PRESENTED_KINDS else []
        if not vids:
            continue
        leg_start, end = leg_departures[k], arrivals[k]
        room = max(0.0, end - leg_start)
        total = sum(v.duration_s for v in vids)
        if total <= room + 1e-9:
            t = end - total
            for v in vids:
                cues.append(VideoCue(v.id, nd.site, k, t, t - departure_s, 0.0, None, v.title))
                t += v.duration_s
            continue
        # too long: trim to the leg, play in order from the leg's start
        t = leg_start
        left = room
        for v in vids:
            if left <= 1e-9:
                break
            play = min(v.duration_s, left)
            cues.append(VideoCue(v.id, nd.site, k, t, t - departure_s, 0.0,
                                 None if play >= v.duration_s else play, v.title))
            t += play
            left -= play
        earlier = None
        if k >= 1:
            prev = nodes[order[k - 1]]
            prev_has = bool(by_site.get(prev.site)) and prev.kind in PRESENTED_KINDS
            if prev.kind == NodeKind.DRIVE_BY and not prev_has and leg_departures[k - 1] <= end - total:
                earlier = end - total
        if earlier is not None:
            why = Message("solver.videos_too_long.or_earlier", stop=nd.label, videos=Duration(total),
                          leg=Duration(room), earlier=Clock(earlier))
        else:
            why = Message("solver.videos_too_long", stop=nd.label, videos=Duration(total), leg=Duration(room))
        issues.append(Issue("video_too_long", why, nid, bus_id))
    return cues, issues
