"""Road regions seen from the application: what an import kept and left out, in words."""
from __future__ import annotations

from pathlib import Path

from routing.messages import Message

# Above this many graph nodes the summary does not build the coach network (a département:
# 7 s and 5 GB, twice the import's own peak); it is built when a tour is first planned.
SUMMARY_NETWORK_MAX_NODES = 300_000


def import_summary(path: Path, lang: str) -> list[str]:
    """Lines saying what the compiled region at ``path`` holds: its roads, what the import cut or
    ignored (turn restrictions), the network's warnings (``hgv=no`` roads...), the attribution.
    The CLI prints them; the regions dialog shows them after an import."""
    from routing.region import Region

    r = Region.load(path)
    rep = r.report
    nodes = rep.get("graph_nodes", 0)
    net = r.network() if nodes <= SUMMARY_NETWORK_MAX_NODES else None
    cut = rep.get("road_ways_cut_missing_nodes", 0) + rep.get("road_ways_dropped_missing_nodes", 0)
    if net is not None:
        network = Message("cli.region.network", ways=rep.get("road_ways", 0), nodes=nodes,
                          main=net.main_node_count, profile=net.profile.name)
        turns, unusable = net.restrictions_honoured, net.restrictions_unusable + rep.get("turn_restrictions_malformed", 0)
    else:
        network = Message("cli.region.network_large", ways=rep.get("road_ways", 0), nodes=nodes)
        turns, unusable = rep.get("turn_restrictions_honoured", 0), rep.get("turn_restrictions_unusable", 0)
    lines = [
        Message("cli.region.title", region=r.name, path=str(path)).text(lang),
        "  " + network.text(lang),
        "  " + Message("cli.region.import", cut=cut, cut_at_box=rep.get("road_ways_cut_at_box", 0),
                       named=len(r.named_features()), turns=turns, unusable=unusable,
                       barriers=rep.get("barriers", 0)).text(lang),
    ]
    lines += [f"  ! {w.text(lang)}" for w in (net.warnings if net is not None else ())]
    lines.append("  " + Message("cli.region.attribution").text(lang))
    return lines
