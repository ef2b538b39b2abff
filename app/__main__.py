"""``python -m app`` does what the ``zitour`` command does."""
import sys

from app.cli.main import main

sys.exit(main())
