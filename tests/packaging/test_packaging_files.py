"""The installers' source files agree with each other and with the app (opt-in, fast)."""

from __future__ import annotations

import configparser
import re
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.packaging._support import OPT_IN, PACKAGING, REPO, RESOURCES, need_tool

pytestmark = OPT_IN

APP_ID = "factcheck-desk"
MIME_TYPE = "application/x-factcheck-desk-workspace"
DESKTOP = RESOURCES / "linux" / f"{APP_ID}.desktop"
METAINFO = RESOURCES / "linux" / f"{APP_ID}.metainfo.xml"
MIME_XML = RESOURCES / "linux" / f"{APP_ID}-mime.xml"


def project_version() -> str:
    from factcheck_app import __version__  # the one place the version is written

    return __version__


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_is_valid_and_names_our_program() -> None:
    entry = desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "factcheck-app"
    assert entry["StartupWMClass"] == APP_ID
    assert MIME_TYPE in entry["MimeType"].split(";")
    tool = need_tool("desktop-file-validate")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_appstream_metadata_is_valid_and_current() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == project_version()
    tool = need_tool("appstreamcli")
    result = subprocess.run(
        [tool, "validate", "--no-net", "--pedantic", str(METAINFO)], capture_output=True, text=True
    )
    issues = [line for line in result.stdout.splitlines() if re.match(r"^[EW]: ", line)]
    # The one known warning: config.APP_ID is not reverse-DNS (docs/packaging.md).
    assert [i for i in issues if "cid-desktopapp-is-not-rdns" not in i] == [], result.stdout


def test_workspace_type_is_declared_the_same_everywhere() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(MIME_XML).getroot().find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == MIME_TYPE
    globs = [g.get("pattern") for g in mime.findall("m:glob", ns)]
    from factcheck_app import config

    assert globs == ["*" + config.WORKSPACE_SUFFIX]
    plist = (PACKAGING / "macos" / "Info.plist").read_text("utf-8")
    assert f"<string>{config.WORKSPACE_SUFFIX.lstrip('.')}</string>" in plist
    assert MIME_TYPE in plist
    nsi = (PACKAGING / "windows" / "factcheck-desk.nsi").read_text("utf-8")
    assert f'"Software\\Classes\\{config.WORKSPACE_SUFFIX}"' in nsi
    assert MIME_TYPE in nsi


def test_debian_changelog_matches_the_app_version() -> None:
    first = (PACKAGING / "linux" / "debian" / "changelog").read_text("utf-8").splitlines()[0]
    assert first.startswith(f"{APP_ID} ({project_version()}-"), first


def test_constraints_pin_every_runtime_dependency_compatibly() -> None:
    """Installers are built from pinned versions: each must exist and satisfy pyproject."""
    from packaging.requirements import Requirement

    pins = {}
    for line in (PACKAGING / "constraints.txt").read_text("utf-8").splitlines():
        spec = line.split("#")[0].strip()
        if spec:
            name, _, version = spec.partition("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    declared = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    for text in declared["dependencies"]:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue  # for another Python than the build's
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        assert name in pins, f"pin {requirement.name} in packaging/constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"packaging/constraints.txt pins {name}=={pins[name]}, pyproject.toml wants {text}"
        )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_icons_render_in_every_size_and_format(tmp_path: Path) -> None:
    def render(out: Path) -> None:
        # A subprocess: a QGuiApplication here would break the QApplication of the GUI tests.
        subprocess.run(
            [sys.executable, str(PACKAGING / "render_icons.py"), str(out)],
            check=True,
            capture_output=True,
        )

    render(tmp_path / "a")
    render(tmp_path / "b")
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        png = tmp_path / "a" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(png.read_bytes()) == (size, size)
        same = tmp_path / "b" / png.relative_to(tmp_path / "a")
        assert png.read_bytes() == same.read_bytes(), "icon rendering is not deterministic"

    ico = (tmp_path / "a" / f"{APP_ID}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    sizes = set()
    for index in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * index : 22 + 16 * index]
        )
        assert png_size(ico[offset : offset + length])[0] == (width or 256)
        sizes.add(width or 256)
    assert {16, 32, 48, 256} <= sizes

    icns = (tmp_path / "a" / f"{APP_ID}.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    types, offset = {}, 8
    while offset < len(icns):
        ostype = icns[offset : offset + 4]
        (length,) = struct.unpack(">I", icns[offset + 4 : offset + 8])
        types[ostype] = png_size(icns[offset + 8 : offset + length])[0]
        offset += length
    assert types[b"ic10"] == 1024 and types[b"icp4"] == 16 and types[b"ic07"] == 128
