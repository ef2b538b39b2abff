"""What leaves the app: itineraries, stop sheets, playlists, maps and calendars.

Each format is one small module exposing ``file_names(ctx) -> list[str]`` and
``write(ctx, folder) -> list[Path]``: a pure function of an
:class:`~app.exports.context.ExportContext` (built once per export by
``app.services.export``). :mod:`app.exports.registry` lists them. Only
:mod:`app.exports.pdf_adapter` touches Qt (QtGui's PDF writer, never QtWidgets).
"""
