"""Entry point of the frozen bundle (PyInstaller): what the ``zitour`` command runs.

``freeze_support`` lets the background jobs (``app.ui.process_job``, started with the
"spawn" method) re-enter this executable as workers instead of opening a second window.
"""
import multiprocessing
import sys

from app.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
