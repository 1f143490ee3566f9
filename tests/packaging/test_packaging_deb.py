"""The .deb as an editor's machine gets it (opt-in: root, Debian, a few minutes).

One run of packaging/build-deb.sh (unless FACTCHECK_PACKAGE_DEB names a built package) and
one of packaging/test-deb.sh: `apt-get install ./….deb` into a clean debootstrap root, the
installed program run as an ordinary user (--version, --smoke from the menu entry's Exec=
line, the CLI), `apt-get remove`/`purge`/`autoremove`, then /opt and /usr compared with the
clean root. The tests below read the facts that run recorded in build/package-test/.
FACTCHECK_PACKAGE_SCREENSHOT=PNG also takes a screenshot of the installed app under Xvfb.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging._support import OPT_IN, PACKAGING, REPO, need_tool

pytestmark = OPT_IN

OUT = REPO / "build" / "package-test"
TIMEOUT = 1800


def _tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return f"({path} not written)"
    return "\n".join(path.read_text("utf-8", errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="module")
def summary() -> Iterator[dict[str, str]]:
    if os.geteuid() != 0:
        pytest.skip("the package test needs root (chroot, mount)")
    need_tool("dpkg-deb")
    need_tool("apt-get")
    OUT.mkdir(parents=True, exist_ok=True)
    facts: dict[str, str] = {}

    deb = os.environ.get("FACTCHECK_PACKAGE_DEB")
    if not deb:
        started = time.monotonic()
        with (OUT / "build-deb.log").open("w") as log:
            built = subprocess.run(
                [str(PACKAGING / "build-deb.sh")],
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=TIMEOUT,
            )
        assert built.returncode == 0, _tail(OUT / "build-deb.log")
        facts["build_seconds"] = f"{time.monotonic() - started:.1f}"
        deb = str(max((REPO / "dist").glob("factcheck-desk_*.deb"), key=os.path.getmtime))

    cmd = [str(PACKAGING / "test-deb.sh"), deb]
    screenshot = os.environ.get("FACTCHECK_PACKAGE_SCREENSHOT")
    if screenshot:
        cmd += ["--screenshot", screenshot]
    tested = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    facts["returncode"] = str(tested.returncode)
    facts["stderr_tail"] = "\n".join(tested.stderr.splitlines()[-25:])
    summary_file = OUT / "summary.txt"
    if summary_file.exists():
        for line in summary_file.read_text("utf-8").splitlines():
            key, _, value = line.partition("=")
            facts[key] = value
    yield facts


def fact(summary: dict[str, str], key: str) -> str:
    if key not in summary:
        pytest.fail(f"the package test recorded no {key!r}:\n{summary.get('stderr_tail', '')}")
    return summary[key]


def test_package_test_passed(summary: dict[str, str]) -> None:
    assert summary.get("result") == "pass", summary.get("stderr_tail")


def test_apt_installs_it_with_its_dependencies(summary: dict[str, str]) -> None:
    assert re.search(r"\d+ newly installed", fact(summary, "install_summary"))
    assert int(fact(summary, "opt_kib")) > 10_000


def test_launcher_on_path_is_the_bundle(summary: dict[str, str]) -> None:
    assert fact(summary, "launcher") == "/opt/factcheck-desk/factcheck-app"


def test_installed_program_reports_the_package_version(summary: dict[str, str]) -> None:
    from factcheck_app import __version__

    assert fact(summary, "version") == f"factcheck-app {__version__}"


def test_smoke_from_the_menu_entry(summary: dict[str, str]) -> None:
    assert fact(summary, "desktop_exec").split()[0] == "factcheck-app"
    smoke = fact(summary, "smoke")
    match = re.match(
        r"smoke ok: (\d+) articles?, (\d+) sentences?, check-worthiness ([\d.]+), export (\S+)",
        smoke,
    )
    assert match, smoke
    assert int(match.group(1)) >= 1 and int(match.group(2)) >= 1
    assert float(match.group(3)) >= 0.5  # the bundled model scored the probe sentence
    assert match.group(4).startswith("/home/editor/.local/share/factcheck-desk/")


def test_menu_knows_the_workspace_type(summary: dict[str, str]) -> None:
    assert fact(summary, "mime_association") == (
        "application/x-factcheck-desk-workspace=factcheck-desk.desktop;"
    )


def test_program_writes_nothing_next_to_itself(summary: dict[str, str]) -> None:
    assert fact(summary, "writes_next_to_itself") == "none"


def test_removal_leaves_opt_and_usr_as_they_were(summary: dict[str, str]) -> None:
    assert fact(summary, "leftovers") == "0"


def test_package_stays_within_its_size_budget(summary: dict[str, str]) -> None:
    # Measured 48 MB / 122 MiB (docs/packaging.md); a jump means something new got bundled.
    assert int(fact(summary, "deb_bytes")) < 70_000_000
    assert int(fact(summary, "installed_size_kib")) < 180 * 1024
