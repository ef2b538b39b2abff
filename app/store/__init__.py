"""The ``.zitour`` project file (SQLite via sqlite-utils)."""
from app.store.project import Project, check_project_file

__all__ = ["Project", "check_project_file"]
