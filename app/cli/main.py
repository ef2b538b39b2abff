"""``zitour``: the command line.

Each sub-command lives in its own module of this package exposing
``register(subparsers)``; the handler set with ``set_defaults(func=...)`` returns
the exit code. User errors become one line on stderr and exit 1 (commands may
choose other codes, e.g. ``plan``); a traceback is a bug.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys
from typing import Optional, Sequence

from app import __version__
from app.store.refusals import sqlite_refusal
from routing.errors import UserError
from routing.messages import Message

# Sub-command modules, imported lazily so `zitour --help` and the GUI start fast.
COMMAND_MODULES = ("app.cli.project", "app.cli.sites", "app.cli.region", "app.cli.plan", "app.cli.export",
                   "app.cli.day", "app.cli.self_check", "app.cli.impact")


def env_language() -> Optional[str]:
    """The environment's language as it is set (ZITOUR_LANG, else LC_ALL, else LANG), None when unset."""
    return os.environ.get("ZITOUR_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG") or None


def cli_language(cli_lang: Optional[str] = None) -> str:
    """The language of the commands that print: ``--lang``, else the environment's, else French (the users
    are French). Unlike the application (:func:`app.ui.launch.choose_language`), they never read the
    language saved in the application's settings: scripts get the same words wherever they run."""
    from app.ui.launch import choose_language  # pure, Qt-free

    return choose_language(cli_lang, None, env_language())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zitour",
        description="ZI Tour planner: plan, run and share guided bus tours of industrial zones. "
        "With no command, opens the application.",
    )
    parser.add_argument("--version", action="version", version=f"zitour {__version__}")
    parser.add_argument("--lang", choices=("fr", "en"), help="language of messages and of the application")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def with_open_command(argv: list[str], commands: Sequence[str]) -> list[str]:
    """``zitour PATH`` — what a file manager runs for a double-clicked ``.zitour`` file — as
    ``zitour open PATH``: the first word that is no option and no command, when it names a
    ``.zitour`` file or an existing file. Anything else is left to the parser (and its errors)."""
    skip = False
    for i, word in enumerate(argv):
        if skip:
            skip = False
            continue
        if word == "--lang":
            skip = True
            continue
        if word.startswith("-"):
            continue
        if word in commands or not (word.lower().endswith(".zitour") or os.path.isfile(word)):
            return argv
        return argv[:i] + ["open"] + argv[i:]
    return argv


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = next(a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    args = parser.parse_args(with_open_command(argv, list(commands)))
    # --lang as given (None: not given): the application weighs it against its saved language
    args.cli_lang, args.env_lang = args.lang, env_language()
    lang = args.lang = cli_language(args.cli_lang)
    if args.command is None:
        from app.ui.launch import run_gui

        return run_gui(project=None, lang=args.cli_lang, env_lang=args.env_lang)
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"zitour: {exc.text(lang)}", file=sys.stderr)
        return getattr(exc, "exit_code", 1)
    except BrokenPipeError:  # output piped into a program that stopped reading (head, less)
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(Message("cli.interrupted").text(lang), file=sys.stderr)
        return 130
    except sqlite3.OperationalError as exc:  # the file system or another program said no
        print(f"zitour: {sqlite_refusal(exc).text(lang)}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, the details in the log file
        log_file = _log_unexpected(exc)
        print(f"zitour: {Message('cli.unexpected', error=type(exc).__name__, log=str(log_file)).text(lang)}",
              file=sys.stderr)
        return 70  # EX_SOFTWARE


def _log_unexpected(exc: Exception):
    """Write the traceback to the log file (data folder); returns its path."""
    import logging
    import traceback

    from app.logs import log_path, setup_logging

    setup_logging()
    logging.getLogger("zitour.cli").error("unexpected error:\n%s",
                                          "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return log_path()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
