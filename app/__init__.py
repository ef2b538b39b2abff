"""ZI Tour planner: plan, run and share guided bus tours of industrial zones."""
__version__ = "0.1.0"
APP_NAME = "ZI Tour planner"
