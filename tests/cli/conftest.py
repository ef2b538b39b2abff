"""The command-line tests use the exports' hand-built projects on Krems (one fixture, shared)."""
from tests.exports.conftest import krems  # noqa: F401  (a pytest fixture)
