"""Run a long job in a child process, so the GUI thread never waits for the GIL.

A pool thread alone is not enough: a C extension that holds Python's GIL during
one long call (reading an OSM file with osmium, a big numpy step, a solver
iteration) stops the GUI thread for as long, whatever the thread pool does. A
child process has its own interpreter. The calling :class:`~app.ui.workers.Worker`
thread relays the child's progress, passes cancellation through a shared event,
and returns the child's result (pickled: plans and paths are plain values).

Job functions must be importable module-level functions that do not need Qt
(see :mod:`app.ui.jobs`); the child imports only what the job imports.
"""
from __future__ import annotations

import importlib
import logging
import multiprocessing as mp
import queue
import time
import traceback
from typing import Any, Callable, Optional

import routing.errors
from routing.errors import Cancelled, UserError
from routing.messages import Message
from routing.progress import CancelToken, ProgressCallback

log = logging.getLogger(__name__)

POLL_S = 0.05
CANCEL_GRACE_S = 3.0  # after Cancel, how long the child may take to stop by itself before it is killed


class _EventToken(CancelToken):
    """A cancel token backed by a multiprocessing event (set by the parent)."""

    def __init__(self, event) -> None:  # noqa: D107 - same interface as CancelToken
        self._event = event


def _child(fn: Callable[..., Any], args: tuple, kwargs: dict, out, cancel_event) -> None:
    last = [0.0]

    def progress(fraction: float, label: str = "") -> None:
        now = time.monotonic()
        if fraction >= 1.0 or now - last[0] >= POLL_S:
            last[0] = now
            out.put(("progress", float(fraction), str(label)))

    try:
        value = fn(*args, progress=progress, cancel=_EventToken(cancel_event), **kwargs)
    except Cancelled:
        out.put(("cancelled",))
    except UserError as exc:
        out.put(("error", f"{type(exc).__module__}:{type(exc).__qualname__}", exc.message.to_json()))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which logs it
        out.put(("crash", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    else:
        out.put(("result", value))


def user_error_class(name: str) -> type[UserError]:
    """The project's UserError subclass named ``"module:QualName"`` (a module of ``app`` or
    ``routing``, imported if needed), else UserError: the parent raises what the child raised."""
    module_name, _, qualname = name.partition(":")
    if not qualname:  # a bare class name: look in the two error modules
        module_name, qualname = "app.errors", name
    if module_name.split(".")[0] not in ("app", "routing"):
        return UserError
    try:
        cls = getattr(importlib.import_module(module_name), qualname, None)
    except ImportError:
        cls = None
    if cls is None and module_name == "app.errors":
        cls = getattr(routing.errors, qualname, None)
    if isinstance(cls, type) and issubclass(cls, UserError) and cls is not Cancelled:
        return cls
    return UserError


def run_in_process(fn: Callable[..., Any], *args: Any, progress: Optional[ProgressCallback] = None,
                   cancel: Optional[CancelToken] = None, **kwargs: Any) -> Any:
    """Call ``fn(*args, progress=..., cancel=..., **kwargs)`` in a fresh child process; return its value.

    Raises what the job raised (the same :class:`UserError` subclass, when it is one of
    :mod:`app.errors` or :mod:`routing.errors`, with the same message; or :class:`Cancelled`),
    or a UserError if the child died.
    """
    ctx = mp.get_context("spawn")  # never fork a process that runs Qt threads
    out = ctx.Queue()
    event = ctx.Event()
    child = ctx.Process(target=_child, args=(fn, args, kwargs, out, event), daemon=True, name="zitour-job")
    child.start()
    cancel_at: Optional[float] = None
    try:
        while True:
            if cancel is not None and cancel.cancelled and cancel_at is None:
                event.set()
                cancel_at = time.monotonic()
            if cancel_at is not None and time.monotonic() - cancel_at > CANCEL_GRACE_S:
                child.kill()
                raise Cancelled()
            try:
                msg = out.get(timeout=POLL_S)
            except queue.Empty:
                if not child.is_alive() and out.empty():
                    raise UserError("job.died", code=child.exitcode)
                continue
            kind = msg[0]
            if kind == "progress":
                if progress is not None:
                    progress(msg[1], msg[2])
            elif kind == "result":
                return msg[1]
            elif kind == "cancelled":
                raise Cancelled()
            elif kind == "error":
                exc = user_error_class(msg[1])(Message.from_json(msg[2]))
                log.info("job %s failed: %s", getattr(fn, "__name__", fn), exc)
                raise exc
            elif kind == "crash":
                log.error("background job crashed:\n%s", msg[2])
                raise RuntimeError(msg[1])
    finally:
        child.join(timeout=2.0)
        if child.is_alive():
            child.kill()
            child.join(timeout=2.0)
        out.close()
