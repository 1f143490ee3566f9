"""Turn the PyInstaller bundle into a Debian package (called by packaging/build-deb.sh).

    python packaging/linux/make_deb.py --bundle dist/pyinstaller/factcheck-desk \
        --icons build/packaging/icons --out dist

Layout of the package:
  /opt/factcheck-desk/                  the one-folder bundle (factcheck-app + _internal/)
  /usr/bin/factcheck-app                symlink to the bundle's executable
  /usr/share/applications/factcheck-desk.desktop, /usr/share/metainfo/..., mime/packages/...
  /usr/share/icons/hicolor/<size>/apps/factcheck-desk.png and scalable/apps/*.svg
  /usr/share/doc/factcheck-desk/{copyright,changelog.Debian.gz}, man1/factcheck-app.1.gz

The menu, MIME and icon caches are refreshed by the dpkg file triggers of desktop-file-utils,
shared-mime-info and the icon cache packages, so the only maintainer script is a postrm that
puts back /opt, which dpkg would otherwise delete with our last file in it (no Debian
package lists /opt itself).

Libraries PyInstaller copied from the build machine that are byte-identical to the file a
Debian package installs are taken out of the bundle and become dependencies instead, so
security updates of OpenSSL, SQLite, GLib, FreeType... reach the desk through apt
(--keep-system-libs keeps them bundled). `Depends:` is computed by dpkg-shlibdeps over every
ELF file left in the bundle.
"""

from __future__ import annotations

import argparse
import email.utils
import filecmp
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

PACKAGE = "factcheck-desk"
APP_ID = "factcheck-desk"
EXE_NAME = "factcheck-app"
REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
RESOURCES = REPO / "resources" / "linux"
INSTALL_DIR = Path("opt") / PACKAGE
DEFAULT_MAINTAINER = "Factcheck desk developers <factcheck-desk@newsroom.invalid>"
# Libraries that must stay in the bundle even when the system has the same file:
# the bootloader opens libpython by path, and Qt/PySide/ICU are not Debian's builds.
KEEP_BUNDLED = re.compile(r"^lib(python3|pyside6|shiboken6|Qt6|icu)")
RECOMMENDS = "fonts-dejavu-core, hicolor-icon-theme, shared-mime-info, desktop-file-utils"


def log(message: str) -> None:
    print(f"make_deb: {message}", flush=True)


def run(
    cmd: list[str], *, capture_output: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, text=True, capture_output=capture_output, env=env)


def bundle_version(bundle: Path) -> str:
    """The app version recorded in the bundle's copy of the package metadata."""
    for metadata in sorted(bundle.glob("_internal/factcheck_app-*.dist-info/METADATA")):
        for line in metadata.read_text(encoding="utf-8").splitlines():
            if line.startswith("Version:"):
                return line.split(":", 1)[1].strip()
    raise SystemExit(f"make_deb: no factcheck_app-*.dist-info in {bundle}/_internal")


def debian_version(python_version: str, revision: str) -> str:
    """PEP 440 -> Debian: pre-releases sort before the release (0.2.0rc1 -> 0.2.0~rc1)."""
    upstream = re.sub(r"(?<=\d)\.?(a|b|rc|dev)(?=\d)", r"~\1", python_version)
    return f"{upstream}-{revision}"


def changelog_top(changelog: Path) -> tuple[str, int]:
    """Version and date (as a Unix time) of the newest changelog entry."""
    text = changelog.read_text(encoding="utf-8")
    head = re.match(r"^\S+ \(([^)]+)\)", text)
    trailer = re.search(r"^ -- .+?  (.+)$", text, re.MULTILINE)
    if not head or not trailer:
        raise SystemExit(f"make_deb: cannot read the first entry of {changelog}")
    when = email.utils.parsedate_to_datetime(trailer.group(1))
    return head.group(1), int(when.timestamp())


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def multiarch() -> str:
    return run(["dpkg-architecture", "-qDEB_HOST_MULTIARCH"], capture_output=True).stdout.strip()


def owning_package(path: Path) -> str | None:
    """The Debian package that installed `path` (merged /usr aware), or None."""
    candidates = [str(path)]
    text = str(path)
    if text.startswith("/usr/lib/"):
        candidates.append(text[len("/usr") :])
    elif text.startswith("/lib/"):
        candidates.append("/usr" + text)
    for candidate in candidates:
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
    return None


def unbundle_system_libraries(internal: Path) -> list[tuple[str, str]]:
    """Remove bundled libraries identical to a Debian package's; returns (file, package)."""
    arch_dir = multiarch()
    removed = []
    for lib in sorted(internal.glob("lib*.so*")):
        if KEEP_BUNDLED.match(lib.name) or not is_elf(lib):
            continue
        for folder in (Path("/usr/lib") / arch_dir, Path("/lib") / arch_dir):
            system = folder / lib.name
            if system.exists() and filecmp.cmp(lib, system.resolve(), shallow=False):
                package = owning_package(system)
                if package:
                    lib.unlink()
                    removed.append((lib.name, package))
                break
    return removed


def shlib_depends(workdir: Path, root: Path) -> str:
    """`Depends:` for every ELF file under root/opt, as dpkg-shlibdeps computes it."""
    (workdir / "debian").mkdir(parents=True, exist_ok=True)
    (workdir / "debian" / "control").write_text(
        f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n", encoding="utf-8"
    )
    bundle = root / INSTALL_DIR
    elf_files = sorted(str(p) for p in bundle.rglob("*") if is_elf(p))
    private_dirs = sorted({str(Path(p).parent) for p in elf_files if ".so" in Path(p).name})
    cmd = ["dpkg-shlibdeps", "-O", "--ignore-missing-info", f"-T{workdir / 'substvars'}"]
    cmd += [f"-l{d}" for d in private_dirs] + elf_files
    result = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True)
    (workdir / "dpkg-shlibdeps.log").write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-4000:])
        raise SystemExit("make_deb: dpkg-shlibdeps failed (log: build/deb/dpkg-shlibdeps.log)")
    match = re.search(r"^shlibs:Depends=(.*)$", result.stdout, re.MULTILINE)
    if not match:
        raise SystemExit("make_deb: dpkg-shlibdeps printed no shlibs:Depends")
    return match.group(1).strip()


def gzip_to(source: Path, target: Path, mtime: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # Like gzip -n: no file name and a fixed time, so the package is reproducible.
    with (
        source.open("rb") as src,
        target.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=mtime) as gz,
    ):
        shutil.copyfileobj(src, gz)


def install_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def stage_desktop_integration(root: Path, icons: Path, mtime: int) -> None:
    share = root / "usr" / "share"
    install_file(RESOURCES / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    install_file(
        RESOURCES / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml"
    )
    install_file(RESOURCES / f"{APP_ID}-mime.xml", share / "mime" / "packages" / f"{APP_ID}.xml")
    hicolor = icons / "hicolor"
    if not hicolor.is_dir():
        raise SystemExit(f"make_deb: no rendered icons in {hicolor} (run render_icons.py)")
    for icon in sorted(hicolor.rglob("*")):
        if icon.is_file():
            install_file(icon, share / "icons" / "hicolor" / icon.relative_to(hicolor))
    gzip_to(LINUX / f"{EXE_NAME}.1", share / "man" / "man1" / f"{EXE_NAME}.1.gz", mtime)
    doc = share / "doc" / PACKAGE
    install_file(LINUX / "debian" / "copyright", doc / "copyright")
    gzip_to(LINUX / "debian" / "changelog", doc / "changelog.Debian.gz", mtime)
    install_file(LINUX / "debian" / "lintian-overrides", share / "lintian" / "overrides" / PACKAGE)
    launcher = root / "usr" / "bin" / EXE_NAME
    launcher.parent.mkdir(parents=True, exist_ok=True)
    # Absolute: /usr and /opt are different top-level folders (Debian policy 10.5).
    launcher.symlink_to(Path("/") / INSTALL_DIR / EXE_NAME)


def normalise_tree(root: Path, mtime: int) -> None:
    """Debian permissions (0755 dirs and programs, 0644 the rest) and one fixed mtime."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_symlink():
            os.utime(path, (mtime, mtime), follow_symlinks=False)
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            executable = path.name == EXE_NAME and path.parent.name == PACKAGE
            path.chmod(0o755 if executable else 0o644)
        os.utime(path, (mtime, mtime))
    os.utime(root, (mtime, mtime))


def installed_size_kib(root: Path) -> int:
    """As dpkg-gencontrol counts it: each file rounded up to KiB, 1 KiB per dir or link."""
    total = 0
    for path in root.rglob("*"):
        if path.relative_to(root).parts[0] == "DEBIAN":
            continue
        if path.is_file() and not path.is_symlink():
            total += (path.stat().st_size + 1023) // 1024
        else:
            total += 1
    return total


def write_md5sums(root: Path) -> None:
    lines = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] == "DEBIAN" or path.is_symlink() or not path.is_file():
            continue
        digest = hashlib.md5(path.read_bytes()).hexdigest()  # dpkg's md5sums format
        lines.append(f"{digest}  {rel.as_posix()}\n")
    (root / "DEBIAN" / "md5sums").write_text("".join(lines), encoding="utf-8")


def build(args: argparse.Namespace) -> Path:
    started = time.monotonic()
    bundle: Path = args.bundle.resolve()
    if not (bundle / EXE_NAME).is_file():
        raise SystemExit(f"make_deb: {bundle}/{EXE_NAME} not found (run PyInstaller first)")
    version = debian_version(bundle_version(bundle), args.revision)
    logged_version, mtime = changelog_top(LINUX / "debian" / "changelog")
    if logged_version != version:
        raise SystemExit(
            f"make_deb: packaging/linux/debian/changelog starts at {logged_version} but this "
            f"build is {version}: add a changelog entry first (docs/packaging.md)"
        )
    mtime = int(os.environ.get("SOURCE_DATE_EPOCH", mtime))
    arch = run(["dpkg", "--print-architecture"], capture_output=True).stdout.strip()

    workdir: Path = args.work.resolve()
    root = workdir / PACKAGE
    if workdir.exists():
        shutil.rmtree(workdir)
    (root / "DEBIAN").mkdir(parents=True)
    log(f"staging {bundle} as /{INSTALL_DIR}")
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)

    if not args.keep_system_libs:
        removed = unbundle_system_libraries(root / INSTALL_DIR / "_internal")
        packages = sorted({package for _, package in removed})
        log(f"left {len(removed)} libraries to the system ({len(packages)} packages)")
        (workdir / "unbundled.txt").write_text(
            "".join(f"{name}\t{package}\n" for name, package in removed), encoding="utf-8"
        )

    stage_desktop_integration(root, args.icons.resolve(), mtime)
    log("computing Depends with dpkg-shlibdeps")
    depends = shlib_depends(workdir, root)
    normalise_tree(root, mtime)

    template = (LINUX / "debian" / "control.in").read_text(encoding="utf-8")
    control = (
        template.replace("@VERSION@", version)
        .replace("@ARCH@", arch)
        .replace("@MAINTAINER@", os.environ.get("FACTCHECK_DEB_MAINTAINER", DEFAULT_MAINTAINER))
        .replace("@INSTALLED_SIZE@", str(installed_size_kib(root)))
        .replace("@DEPENDS@", depends)
    )
    (root / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    write_md5sums(root)
    install_file(LINUX / "debian" / "postrm", root / "DEBIAN" / "postrm")
    for path in (root / "DEBIAN").iterdir():
        path.chmod(0o755 if path.name == "postrm" else 0o644)
        os.utime(path, (mtime, mtime))

    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{PACKAGE}_{version}_{arch}.deb"
    compress = ["-Z" + args.compression]
    if args.compression == "xz":
        compress.append("-z9")
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(mtime))
    run(["dpkg-deb", "--root-owner-group", *compress, "--build", str(root), str(deb)], env=env)
    size = deb.stat().st_size
    log(f"built {deb} ({size / 1e6:.1f} MB, installed {installed_size_kib(root) / 1024:.0f} MiB)")
    log(f"Depends: {depends}")
    log(f"packaging took {time.monotonic() - started:.1f} s")
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "pyinstaller" / PACKAGE)
    parser.add_argument("--icons", type=Path, default=REPO / "build" / "packaging" / "icons")
    parser.add_argument("--out", type=Path, default=REPO / "dist")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "deb")
    parser.add_argument("--revision", default=os.environ.get("FACTCHECK_DEB_REVISION", "1"))
    parser.add_argument(
        "--compression",
        choices=["zstd", "xz", "gzip"],
        default=os.environ.get("FACTCHECK_DEB_COMPRESSION", "zstd"),
        help="zstd: fast, needs dpkg >= 1.21.18 (Debian 12, Ubuntu 22.04); xz for older",
    )
    parser.add_argument(
        "--keep-system-libs",
        action="store_true",
        default=os.environ.get("FACTCHECK_DEB_KEEP_SYSTEM_LIBS") == "1",
        help="keep every library PyInstaller copied, instead of depending on Debian's",
    )
    build(parser.parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
