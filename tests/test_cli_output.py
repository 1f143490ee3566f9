"""Standard output that cannot take what the command prints: a full disk, a locale that
is not UTF-8. Each is said in one line, never taken for a bug."""

from __future__ import annotations

import errno
import io
import sys
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.services.desk import Desk

TITLE = "Baku’s main backer said 32 people died in Iğdır."


@pytest.fixture
def workspace(desk: Desk) -> Path:
    desk.importer.import_text(TITLE)
    path = desk.path
    assert path is not None
    desk.close()
    return path


class FullDisk(io.TextIOBase):
    """A stdout on a full disk (`factcheck-app list > /dev/full`)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_under_stdout_is_one_line_not_a_bug(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", FullDisk())
    assert run(["list", "-w", str(workspace)]) == 1
    err = capsys.readouterr().err
    assert err == "factcheck-app: cannot write the output: No space left on device\n"


@pytest.mark.parametrize(
    ("encoding", "errors"),
    [
        ("iso-8859-1", "strict"),  # LANG=en_US.ISO-8859-1: no ’, no ğ or ı
        ("ascii", "surrogateescape"),  # LC_ALL=C with PYTHONUTF8=0
    ],
)
def test_a_non_utf8_locale_gets_escapes_for_what_it_cannot_show(
    encoding: str,
    errors: str,
    workspace: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors=errors, write_through=True)
    monkeypatch.setattr(sys, "stdout", stream)
    assert run(["list", "-w", str(workspace)]) == 0
    assert run(["search", "-w", str(workspace), "Baku", "--json"]) == 0
    out = raw.getvalue().decode(encoding)
    assert "Baku\\u2019s main backer" in out
    assert '"text": "Baku\\u2019s main backer said 32 people died in I\\u011fd\\u0131r."' in out
    assert "unexpected error" not in capsys.readouterr().err
