"""The ``.zitour`` project file (SQLite via sqlite-utils)."""
from app.store.project import Project, check_project_file
from app.store.clean import CleanReport, clean_copy, clean_copy_report

__all__ = ["Project", "check_project_file", "CleanReport", "clean_copy", "clean_copy_report"]
