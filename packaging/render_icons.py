"""Render the app icon SVG into every format the installers need, deterministically.

    python packaging/render_icons.py OUT_DIR [--svg BIG.svg] [--small-svg SMALL.svg]

Writes, under OUT_DIR:
  hicolor/<N>x<N>/apps/factcheck-desk.png  for N in LINUX_SIZES, and hicolor/scalable/apps/*.svg
  factcheck-desk.ico                        Windows (PNG-compressed entries, 16...256 px)
  factcheck-desk.icns                       macOS (PNG-compressed entries, 16...1024 px)

Sizes up to SMALL_MAX px come from the 16 px-grid drawing (factcheck-desk-small.svg), the
rest from the detailed one. Qt's own SVG renderer (QtSvg, shipped in PySide6-Essentials)
draws them, so the step needs nothing beyond the build venv on any of the three build
machines. The ICO and ICNS
containers are written here rather than with Pillow or iconutil: both are a header plus PNG
blobs, and writing them ourselves keeps the output byte-identical between runs and hosts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

APP_ID = "factcheck-desk"
REPO = Path(__file__).resolve().parent.parent
DEFAULT_SVG = REPO / "resources" / "icons" / f"{APP_ID}.svg"
DEFAULT_SMALL_SVG = REPO / "resources" / "icons" / f"{APP_ID}-small.svg"
SMALL_MAX = 24

LINUX_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (the @2x types share pixel sizes).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent size x size canvas, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    png = image.convertToFormat(QImage.Format.Format_ARGB32)
    png.save(buffer, "PNG")  # type: ignore[call-overload]  # stub wants bytes; only str works
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding one PNG-compressed image per size (Windows Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file with PNG elements, as iconutil writes them."""
    body = b""
    for ostype, size in ICNS_TYPES:
        blob = pngs[size]
        body += ostype + struct.pack(">I", len(blob) + 8) + blob
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def render_all(svg: Path, out: Path, small_svg: Path | None = None) -> list[Path]:
    """Write every icon file under `out`; returns the paths written."""
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (keeps Qt alive)
    needed = sorted(set(LINUX_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    small = small_svg or svg
    pngs = {size: render_png(small if size <= SMALL_MAX else svg, size) for size in needed}

    written: list[Path] = []
    for size in LINUX_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)

    ico = out / f"{APP_ID}.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = out / f"{APP_ID}.icns"
    icns.write_bytes(icns_bytes(pngs))
    written += [ico, icns]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--svg", type=Path, default=DEFAULT_SVG, help="detailed source SVG")
    parser.add_argument(
        "--small-svg", type=Path, default=DEFAULT_SMALL_SVG, help=f"SVG for sizes <= {SMALL_MAX} px"
    )
    args = parser.parse_args(argv)
    for path in render_all(args.svg, args.out, args.small_svg):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
