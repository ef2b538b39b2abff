"""ZI Tour planner: plan, run and share guided bus tours of industrial zones."""
__version__ = "0.1.0"
APP_NAME = "ZI Tour planner"

# Messages are codes in the core; the catalogs give them words (installs the renderer).
from app import i18n as _i18n  # noqa: E402,F401
