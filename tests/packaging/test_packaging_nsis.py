"""The Windows installer script compiles (Debian's makensis, a placeholder payload; opt-in).

The real payload is a Windows PyInstaller bundle, which only a Windows machine can build
(.github/workflows/installers.yml does, and installs and uninstalls it there). Here the
script itself is checked: it compiles, and the setup.exe holds the payload and an uninstaller.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.packaging._support import OPT_IN, PACKAGING, need_tool

pytestmark = OPT_IN


def test_nsis_script_builds_a_setup_exe(tmp_path: Path) -> None:
    makensis = need_tool("makensis")  # Debian: apt-get install nsis
    payload = tmp_path / "factcheck-desk"
    (payload / "_internal" / "seeds").mkdir(parents=True)
    (payload / "factcheck-app.exe").write_bytes(b"MZ placeholder GUI")
    (payload / "factcheck-app-cli.exe").write_bytes(b"MZ placeholder CLI")
    (payload / "_internal" / "seeds" / "sample.txt").write_text("date 2020-10-04 Text.\n")
    icons = tmp_path / "icons"
    subprocess.run(
        [sys.executable, str(PACKAGING / "render_icons.py"), str(icons)],
        check=True,
        capture_output=True,
    )
    setup = tmp_path / "factcheck-desk-9.8.7-setup.exe"
    result = subprocess.run(
        [
            makensis,
            "-V2",
            "-WX",  # warnings are errors: the script must compile clean
            "-DVERSION=9.8.7",
            "-DVERSION_QUAD=9.8.7.0",
            f"-DPAYLOAD={payload}",
            f"-DICON={icons / 'factcheck-desk.ico'}",
            f"-DOUTFILE={setup}",
            str(PACKAGING / "windows" / "factcheck-desk.nsi"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    head = setup.read_bytes()[:2]
    assert head == b"MZ", "not a Windows executable"

    seven_zip = need_tool("7z")  # Debian: apt-get install p7zip-full (reads NSIS installers)
    listing = subprocess.run(
        [seven_zip, "l", str(setup)], capture_output=True, text=True, check=True
    ).stdout
    expected = ("factcheck-app.exe", "factcheck-app-cli.exe", "_internal/seeds/sample.txt")
    for name in (*expected, "uninstall.exe"):
        assert name in listing, f"{name} missing from setup.exe:\n{listing}"
