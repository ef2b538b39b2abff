"""Road regions seen from the application: what an import kept and left out, in words."""
from __future__ import annotations

from pathlib import Path

from routing.messages import Message


def import_summary(path: Path, lang: str) -> list[str]:
    """Lines saying what the compiled region at ``path`` holds: its roads, what the import cut or
    ignored (turn restrictions), the network's warnings (``hgv=no`` roads...), the attribution.
    The CLI prints them; the regions dialog shows them after an import."""
    from routing.region import Region

    r = Region.load(path)
    rep = r.report
    net = r.network()
    cut = rep.get("road_ways_cut_missing_nodes", 0) + rep.get("road_ways_dropped_missing_nodes", 0)
    lines = [
        Message("cli.region.title", region=r.name, path=str(path)).text(lang),
        "  " + Message("cli.region.network", ways=rep.get("road_ways", 0), nodes=rep.get("graph_nodes", 0),
                       main=net.main_node_count, profile=net.profile.name).text(lang),
        "  " + Message("cli.region.import", cut=cut, cut_at_box=rep.get("road_ways_cut_at_box", 0),
                       named=len(r.named_features()), turns=net.restrictions_honoured,
                       unusable=net.restrictions_unusable + rep.get("turn_restrictions_malformed", 0),
                       barriers=rep.get("barriers", 0)).text(lang),
    ]
    lines += [f"  ! {w.text(lang)}" for w in net.warnings]
    lines.append("  " + Message("cli.region.attribution").text(lang))
    return lines
