"""The command-line tests use the exports' hand-built projects on Krems (one fixture, shared)."""
from tests.exports.conftest import krems  # noqa: F401  (a pytest fixture)


def run_region(argv, lang="en"):
    """Run ``zitour region ...`` through the real parser and dispatcher; returns its exit code."""
    import argparse

    from app.cli import region as cli
    parser = argparse.ArgumentParser(prog="zitour")
    sub = parser.add_subparsers(dest="command")
    cli.register(sub)
    args = parser.parse_args(argv)
    args.lang = lang
    return args.func(args)
