"""Use case: export a tour's plan in chosen formats into a folder (and a partner pack).

The project is read once into an :class:`~app.exports.context.ExportContext`; each
format module then writes its files into a staging folder inside the target folder,
and only when every format succeeded are the files moved into place (one atomic
rename each). Existing files are replaced only with ``force=True``.

ICS sequence numbers: calendar apps update an event only if its SEQUENCE grew, so
for each event UID we keep ``{"hash", "sequence"}`` of the last exported content in
the project's settings (key ``export.ics.tour.<id>``). They live in the project, not
beside the files, because the tour (not a folder) is what partners subscribed to: a
re-export into a new folder must still raise the sequence. A read-only project
exports with the stored numbers but cannot save new ones.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from app.errors import ExportError
from app.exports import files, registry
from app.exports.context import ExportContext, ExportOptions
from app.model.entities import Tour
from routing.progress import CancelToken, ProgressCallback, check, report

_LOAD = object()  # "load the region's layers from the project's region"
ICS_STATE_KEY = "export.ics.tour.{}"


def normalise_formats(formats: Union[str, Iterable[str]]) -> list[str]:
    """Expand ``all`` and comma lists, check names, keep the registry's order."""
    if isinstance(formats, str):
        formats = [formats]
    wanted: set[str] = set()
    for item in formats:
        for name in str(item).split(","):
            name = name.strip().lower()
            if not name:
                continue
            if name == "all":
                wanted.update(registry.ALL)
                wanted.add("pack")
            elif name in registry.FORMATS:
                wanted.add(name)
            else:
                known = "|".join([*registry.FORMATS, "all"])
                raise ExportError("export.unknown_format", format=name, known=known)
    if not wanted:
        raise ExportError("export.no_format")
    return [f for f in registry.FORMATS if f in wanted]


def _tour(project: Any, tour: Union[str, int, Tour]) -> Tour:
    if isinstance(tour, Tour):
        return tour
    if isinstance(tour, int):
        for t in project.tours():
            if t.id == tour:
                return t
        raise ExportError("export.no_tour_id", tour=tour, file=project.path.name)
    return project.tour_by_name(tour)


def load_layers(region_name: Optional[str]) -> Any:
    """The region's map layers, or None when the region is unknown or cannot be loaded.

    Exports then draw maps without a base map rather than failing."""
    if not region_name:
        return None
    try:
        from routing.regions import load_region
    except ImportError:
        return None
    try:
        return load_region(region_name).layers
    except Exception:  # noqa: BLE001 - a missing base map must not stop an export
        return None


def build_context(project: Any, tour: Union[str, int, Tour], options: Optional[ExportOptions] = None,
                  layers: Any = _LOAD) -> ExportContext:
    """Read everything the exports need from ``project`` for ``tour`` (name, id or Tour).

    ``layers``: MapLayers to draw, None for no base map, default: load the project's region.
    Raises ExportError when the tour has no computed plan."""
    t = _tour(project, tour)
    plan = project.plan(t.id)
    if plan is None or not plan.buses:
        raise ExportError("export.no_plan", tour=t.name)
    region = project.region_name or ""
    if layers is _LOAD:
        layers = load_layers(region)
    state_raw = project.setting(ICS_STATE_KEY.format(t.id))
    try:
        ics_state = json.loads(state_raw) if state_raw else {}
    except ValueError:
        ics_state = {}  # damaged value: start again, sequences restart at 0
    return ExportContext(
        project_name=project.path.stem,
        project_key=project.setting("project_uid") or project.setting("created_at") or project.path.name,
        tour=t,
        plan=plan,
        sites={s.id: s for s in project.sites()},
        stops={s.id: s for s in project.stops(t.id)},
        buses={b.id: b for b in project.buses(t.id)},
        ambassadors={a.id: a for a in project.ambassadors()},
        videos={v.id: v for v in project.videos()},
        media_folder=project.folder,
        layers=layers,
        region_name=Path(region).stem if region else "",
        options=options or ExportOptions(),
        ics_state=ics_state if isinstance(ics_state, dict) else {},
        organiser=project.setting("organiser") or "",
        groups={g.id: g for g in project.groups(t.id)},
        participants=project.participants(t.id),
    )


def planned_files(ctx: ExportContext, formats: Union[str, Iterable[str]]) -> list[str]:
    """File names the export of ``formats`` will deliver into the folder (for an overwrite prompt)."""
    fmts = normalise_formats(formats)
    return [n for f in fmts for n in registry.module(f).file_names(ctx)]


def export_context(ctx: ExportContext, formats: Union[str, Iterable[str]], out_dir: Union[str, Path],
                   force: bool = False, progress: Optional[ProgressCallback] = None,
                   cancel: Optional[CancelToken] = None) -> list[Path]:
    """Write ``formats`` of ``ctx`` into ``out_dir``; returns the delivered files in format order.

    Raises ExportError listing existing files unless ``force``; Cancelled on cancel (nothing
    is delivered then)."""
    fmts = normalise_formats(formats)
    out = files.prepare_folder(Path(out_dir))
    ctx.export_folder = out
    delivered = [f for f in fmts if f != "pack"]
    built = list(delivered)
    if "pack" in fmts and not delivered:
        built = list(registry.ALL)  # a pack alone holds everything
    names = [files.check_name(n) for f in fmts for n in registry.module(f).file_names(ctx)]
    if len(set(names)) != len(names):
        raise ExportError("export.same_file_name")
    files.check_overwrite(out, names, force)
    steps = len(built) + (1 if "pack" in fmts else 0) + 1
    with files.Staging(out) as staging:
        written: dict[str, list[Path]] = {}
        for i, fmt in enumerate(built):
            check(cancel)
            report(progress, i / steps, registry.DESCRIPTIONS_FR[fmt])
            written[fmt] = _write(fmt, ctx, staging.path)
        if "pack" in fmts:
            check(cancel)
            report(progress, len(built) / steps, registry.DESCRIPTIONS_FR["pack"])
            # a pack goes to partners: never the documents that name people
            members = [p for f in built if f not in registry.PERSONAL for p in written[f]]
            written["pack"] = registry.module("pack").write(ctx, staging.path, members)
        check(cancel)
        report(progress, (steps - 1) / steps, "Enregistrement des fichiers")
        final = [p.name for f in fmts for p in written[f]]
        result = staging.commit(final)
    report(progress, 1.0, "Export terminé")
    return result


def _write(fmt: str, ctx: ExportContext, folder: Path) -> list[Path]:
    try:
        return registry.module(fmt).write(ctx, folder)
    except OSError as exc:
        raise ExportError("export.write_failed", format=fmt, detail=str(exc.strerror or exc)) from None


def export_tour(project: Any, tour: Union[str, int, Tour], formats: Union[str, Iterable[str]],
                out_dir: Union[str, Path], force: bool = False, progress: Optional[ProgressCallback] = None,
                cancel: Optional[CancelToken] = None, options: Optional[ExportOptions] = None,
                layers: Any = _LOAD) -> list[Path]:
    """Export ``tour``'s plan in ``formats`` (names, ``all``, or a comma list) into ``out_dir``.

    Returns the delivered files. After an ICS export the event sequences are saved in
    the project (skipped, silently, when the project is read-only)."""
    ctx = build_context(project, tour, options, layers)
    paths = export_context(ctx, formats, out_dir, force, progress, cancel)
    record_export(project, ctx, formats)
    return paths


def record_export(project: Any, ctx: ExportContext, formats: Union[str, Iterable[str]]) -> None:
    """After a delivered export: keep the calendar's event sequences in the project (calendar apps
    update an event only when its SEQUENCE grew). The one place they are saved, for the CLI and
    the GUI alike; a read-only project keeps none."""
    fmts = normalise_formats(formats)
    if ("ics" in fmts or "pack" in fmts) and not project.read_only:
        from app.exports import ics  # no Qt, cheap

        project.set_setting(ICS_STATE_KEY.format(ctx.tour.id), json.dumps(ics.event_state(ctx), sort_keys=True))
