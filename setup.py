"""Packaging beyond what ``pyproject.toml`` can say: the top-level ``maps/`` and ``resources/``
folders travel inside the wheel as ``routing/_shipped/maps`` and ``routing/_shipped/resources``
(found at run time by ``routing.shipped.shipped_dir``), beside the packages' own data files.
Metadata, dependencies and tools are in pyproject.toml.
"""
from setuptools import find_packages, setup

SHIPPED = {
    "maps": ["*.osm", "*.osm.gz", "*.osm.pbf", "*.md"],
    "resources": ["demo/*.json", "desktop/*", "i18n/*.qm"],
}
PACKAGE_DATA = {
    "app.i18n": ["catalogs/*.mo"],
    "app.exports": ["vendor/leaflet/*", "vendor/leaflet/images/*"],
    **{f"routing._shipped.{name}": globs for name, globs in SHIPPED.items()},
}

setup(
    packages=find_packages(include=["app", "app.*", "routing", "routing.*"])
    + [f"routing._shipped.{name}" for name in SHIPPED],
    package_dir={f"routing._shipped.{name}": name for name in SHIPPED},
    package_data=PACKAGE_DATA,
)
