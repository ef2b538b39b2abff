"""Print preview and direct printing of the itinerary and the ambassadors' stop sheets.

The pages are the exports' own: ``pdf_itinerary.render`` and ``pdf_sheets.render``
draw on a :class:`~app.exports.pdf_adapter.PdfCanvas` opened on the printer
(``PdfCanvas.on_device``), so paper and PDF file show the same thing. The
printer is set to A4 portrait, full page (the documents lay out their own 10 mm
margins in millimetres from the paper's corner).

Painting happens in the GUI thread: Qt's preview asks for the pages from its own
dialog, and a printer is not to be shared with a worker.
"""
from __future__ import annotations

import logging
from types import ModuleType
from typing import Optional

from PySide6.QtCore import QCoreApplication, QMarginsF, Qt
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.errors import ExportError, Message
from app.exports.context import ExportContext
from app.ui import errors as ui_errors

log = logging.getLogger(__name__)

ITINERARY = "itinerary"
SHEETS = "sheets"
DOCUMENTS = (ITINERARY, SHEETS)


def document_module(document: str) -> ModuleType:
    """The export module that draws ``document`` ("itinerary" or "sheets")."""
    if document == ITINERARY:
        from app.exports import pdf_itinerary

        return pdf_itinerary
    if document == SHEETS:
        from app.exports import pdf_sheets

        return pdf_sheets
    raise ValueError(f"unknown document {document!r} (expected one of {DOCUMENTS})")


def document_title(ctx: ExportContext, document: str) -> str:
    """Window and print-job title, e.g. "Itinerary — <tour>"."""
    if document == ITINERARY:
        return QCoreApplication.translate("Printing", "Itinerary — %1").replace("%1", ctx.tour.name)
    return QCoreApplication.translate("Printing", "Stop sheets — %1").replace("%1", ctx.tour.name)


def make_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    """A printer set to A4 portrait, full page, no margins (the documents place their own)."""
    printer = QPrinter(mode)
    setup_printer(printer)
    return printer


def setup_printer(printer: QPrinter) -> None:
    """Set ``printer`` to A4 portrait, full page, zero margins."""
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))


def paint(ctx: ExportContext, document: str, printer: QPrinter) -> None:
    """Draw every page of ``document`` on ``printer`` (a real printer, a PDF printer or a preview).

    Raises ExportError when the printer cannot be painted on."""
    from app.exports.pdf_adapter import PdfCanvas

    module = document_module(document)
    if not printer.docName():
        printer.setDocName(document_title(ctx, document))
    try:
        with PdfCanvas.on_device(printer) as canvas:
            module.render(ctx, canvas)
    except OSError as exc:
        what = Message("printing.itinerary") if document == ITINERARY else Message("printing.sheets")
        raise ExportError("printing.failed", document=what, detail=str(exc)) from None


def _paint_or_report(ctx: ExportContext, document: str, printer: QPrinter, parent: Optional[QWidget]) -> bool:
    """``paint`` with a wait cursor; a failure is shown as one sentence, never a traceback."""
    failure: Optional[BaseException] = None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        paint(ctx, document, printer)
    except ExportError as exc:
        failure = exc
    except Exception as exc:  # noqa: BLE001 - a drawing bug must not reach the user as a traceback
        log.exception("printing %s failed", document)
        failure = exc
    finally:
        QGuiApplication.restoreOverrideCursor()
    if failure is not None:
        ui_errors.show_error(parent, failure)
        return False
    return True


def preview_dialog(ctx: ExportContext, document: str, parent: Optional[QWidget] = None,
                   printer: Optional[QPrinter] = None) -> QPrintPreviewDialog:
    """Qt's print preview of ``document``, not yet shown (the caller calls exec() or open()).

    Its Print button prints through the same ``paint``."""
    document_module(document)  # an unknown name fails here, not in a slot
    printer = printer or make_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ref = printer  # Qt does not own the printer: keep it alive as long as the dialog
    dialog.setObjectName(f"printPreview_{document}")
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print preview: %1").replace("%1", document_title(ctx, document)))
    dialog.paintRequested.connect(lambda p: _paint_or_report(ctx, document, p, dialog))
    dialog.resize(900, 1000)
    return dialog


def print_preview(ctx: ExportContext, document: str, parent: Optional[QWidget] = None,
                  printer: Optional[QPrinter] = None) -> int:
    """Show the preview (modal); returns the dialog's result."""
    dialog = preview_dialog(ctx, document, parent, printer)
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def print_dialog(ctx: ExportContext, document: str, parent: Optional[QWidget] = None,
                 printer: Optional[QPrinter] = None) -> QPrintDialog:
    """Qt's print dialog for ``document``, not yet shown.

    Page ranges and "selection" are switched off: the documents are drawn whole."""
    printer = printer or make_printer()
    if not printer.docName():
        printer.setDocName(document_title(ctx, document))
    dialog = QPrintDialog(printer, parent)
    dialog.printer_ref = printer  # Qt does not own the printer: keep it alive as long as the dialog
    dialog.setObjectName(f"printDialog_{document}")
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print: %1").replace("%1", document_title(ctx, document)))
    options = dialog.options()
    options &= ~QAbstractPrintDialog.PrintDialogOption.PrintPageRange
    options &= ~QAbstractPrintDialog.PrintDialogOption.PrintSelection
    options &= ~QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage
    dialog.setOptions(options)
    return dialog


def print_document(ctx: ExportContext, document: str, parent: Optional[QWidget] = None,
                   printer: Optional[QPrinter] = None) -> bool:
    """Ask for a printer (QPrintDialog) and print ``document``; True when it was printed."""
    printer = printer or make_printer()
    dialog = print_dialog(ctx, document, parent, printer)
    try:
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    finally:
        dialog.deleteLater()
    return _paint_or_report(ctx, document, printer, parent)
