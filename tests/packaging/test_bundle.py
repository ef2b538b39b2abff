"""The frozen bundle on a machine with no Python: built by ``packaging/bundle.py``, unpacked
from its archive as an organiser would, then run with every Python of this machine hidden
(the checkout, the virtual environment's interpreter, the system's), as a user who owns
nothing here, with a fresh home, an empty environment and no network (a new network
namespace: no interface but a loopback that is down).

It writes the demo, plans a tour, exports the PDF and the web map, passes ``zitour
self-check`` (which plays a video with QtMultimedia) and opens its main window on an X
server. Set ``ZITOUR_BUNDLE_ARCHIVE`` to an archive already built to skip the two-minute build.

The isolation needs root (mount and network namespaces, another user id); elsewhere the
same commands run with the empty environment and the fresh home only, and the test says so.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]  # the build: about two minutes

TOUR = "ZI Tour prescripteurs — Port et chimie"
UID = 54321  # no account on the machine: owns nothing but the fresh home
ISOLATED = os.name == "posix" and os.geteuid() == 0 and shutil.which("unshare") and shutil.which("setpriv")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    given = os.environ.get("ZITOUR_BUNDLE_ARCHIVE")
    if given:
        return Path(given)
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run([sys.executable, str(REPO / "packaging" / "bundle.py"), "--dist", str(dist),
                            "--work", str(tmp_path_factory.mktemp("work"))], capture_output=True, text=True,
                           timeout=1200)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (built,) = dist.glob("zitour-planner-*.tar.gz")
    return built


@pytest.fixture(scope="module")
def machine(archive, tmp_path_factory) -> Path:
    """A 'fresh machine': the archive unpacked, and a home owned by the fresh user."""
    root = tmp_path_factory.mktemp("organiser")
    with tarfile.open(archive) as tar:
        tar.extractall(root, filter="tar")
    home = root / "home"
    home.mkdir()
    if ISOLATED:
        os.chown(home, UID, UID)
        for d in (root, *root.parents):  # the fresh user must reach the bundle
            if d == Path("/"):
                break
            d.chmod(d.stat().st_mode | 0o011)
    return root


def _hidden_pythons() -> list[str]:
    """Every place a Python could be picked up from, to be covered by an empty tmpfs."""
    places = {REPO, Path(sys.base_prefix), Path(sys.prefix)}
    for base in (Path("/usr/lib"), Path("/usr/local/lib")):
        places.update(base.glob("python3*"))
    places = {p.resolve() for p in places if p.is_dir()}
    # a place inside another one is hidden with it (and could not be mounted on once that is)
    return [str(p) for p in sorted(places) if not any(p != q and p.is_relative_to(q) for q in places)]


def _argv(machine: Path, *command: str, display: str | None = None) -> list[str]:
    """``command`` as the fresh user on the fresh machine would run it (isolated when root)."""
    env = {"HOME": str(machine / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "ZITOUR_LANG": "fr",
           "QT_QPA_PLATFORM": "xcb" if display else "offscreen", **({"DISPLAY": display} if display else {})}
    inner = ["env", "-i", *(f"{k}={v}" for k, v in env.items()), *command]
    if not ISOLATED:
        return inner
    hide = "".join(f"mount -t tmpfs none '{p}' && " for p in _hidden_pythons())
    binaries = "".join(f"mount --bind /dev/null '{b}' && " for b in ("/usr/bin/python3", "/usr/bin/python3.11")
                       if Path(b).exists())
    script = f"{hide}{binaries}exec setpriv --reuid={UID} --regid={UID} --clear-groups " + " ".join(
        f"'{w}'" for w in inner)
    return ["unshare", "--mount", "--net", "--fork", "--kill-child", "sh", "-c", script]


def _run(machine: Path, *command: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(_argv(machine, *command), cwd=machine / "home", capture_output=True, text=True,
                          timeout=timeout)


def test_the_bundle_runs_without_python_without_network_as_a_fresh_user(machine):
    zitour = str(machine / "zitour-planner" / "zitour")
    if ISOLATED:  # the isolation itself holds: no Python to fall back on, no network
        probe = _run(machine, "sh", "-c", f"python3 -c 1; ls '{REPO}' | wc -l; id -u")
        assert "python3" in probe.stderr and probe.stdout.split()[-2:] == ["0", str(UID)], probe
    version = _run(machine, zitour, "--version")
    assert version.returncode == 0 and version.stdout.startswith("zitour "), version

    assert _run(machine, zitour, "demo", "demo.zitour").returncode == 0
    plan = _run(machine, zitour, "plan", "demo.zitour", "--tour", TOUR, "--time-limit", "1")
    assert plan.returncode == 0, plan.stderr
    export = _run(machine, zitour, "export", "demo.zitour", "--tour", TOUR, "--format", "pdf,html", "--out", "out")
    assert export.returncode == 0, export.stderr
    out = machine / "home" / "out"
    pdf = next(out.glob("*-itineraire.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "leaflet" in next(out.glob("*-carte.html")).read_text(encoding="utf-8").lower()

    check = _run(machine, zitour, "self-check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "vidéo lue" in check.stdout and "sans réseau" in check.stdout


@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool")
def test_the_bundle_opens_its_window_on_the_demo(machine):
    zitour = str(machine / "zitour-planner" / "zitour")
    assert _run(machine, zitour, "demo", "window.zitour").returncode == 0
    # -displayfd: a free display, said once it accepts clients; -noreset: xdotool's calls do not reset it;
    # -ac: the fresh user may connect (its own uid, no cookie)
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24", "-nolisten", "tcp",
                             "-noreset", "-ac"], pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        display = ":" + os.read(read_fd, 16).decode().strip()
        x_env = {**os.environ, "DISPLAY": display}
        gui = subprocess.Popen(_argv(machine, zitour, "window.zitour", display=display), cwd=machine / "home",
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        title, started = "", time.monotonic()
        try:
            while not title and time.monotonic() - started < 60:
                assert gui.poll() is None, gui.communicate()[0]
                found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "ZI Tour"], env=x_env,
                                       capture_output=True, text=True).stdout.split()
                if found:
                    title = subprocess.run(["xdotool", "getwindowname", found[0]], env=x_env, capture_output=True,
                                           text=True).stdout.strip()
                time.sleep(0.05)
        finally:
            gui.kill()  # unshare --kill-child takes the application with it
            gui.wait(10)
        assert "window.zitour" in title, title  # ``zitour PATH`` (a double click) opened that project
    finally:
        xvfb.terminate()
        xvfb.wait(10)
