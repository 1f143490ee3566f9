#!/usr/bin/env python3
"""A seeded "monkey" that drives the real window: keys, typing, actions and dialogs.

`bench/fuzz_readers.py` fuzzes the services and the command line; this drives the
window's own widgets. It opens a real `MainWindow` (offscreen, or on the display in
`DISPLAY` with `--platform xcb`) over a workspace holding the sample article, the
hostile article of `tests/hostile_reports.py` and hostile stored values (bytes where
the desk keeps text, an explanation of invisible characters, 100,000 characters), and
plays seeded random steps:

- the review keys of the keyboard contract (J/K, arrows, Home/End, N, Shift+N, A, C,
  D, F, X, 1–6, V, F2, Delete, Ctrl+M, Ctrl+Shift+M, Esc, F6, Alt+I …) and wrong keys
  (other letters, digits, F-keys, Tab, Enter, Shift/Ctrl/Alt combinations), sent to
  whichever widget has focus;
- typing into the claimant and explanation fields, and pasting hostile text there
  (right-to-left overrides, NUL, lone surrogates, 100,000 characters, emoji, newlines,
  a whole article);
- the window's actions, triggered through its one registry (`window.registry`), and
  focus moves to its lists, boxes and fields;
- every modal dialog or message box is answered by a zero-delay timer that finds the
  active modal widget and accepts, rejects, or types random text and presses Enter;
  file dialogs are patched to give a file in a temporary folder or nothing.

After every step: no exception reached `sys.excepthook` (or `threading.excepthook`), no
message box said "Unexpected error", every item model of the window passes
`QAbstractItemModelTester` (its failures come as Qt warnings, all collected), and the
review panel, when it says nothing is waiting to be saved, shows what the workspace
holds for its sentence. At the end the window is closed, the workspace passes
`PRAGMA integrity_check`, holds every review the window last showed as saved, and opens
in a new window again.

Each step follows from `--seed` and its number alone, so a failing run is replayed with
`--replay N` (steps 0…N) and cut down with `--shrink` to the fewest steps that still
fail the same way (each trial runs in a fresh process). `--steps-file` runs a list of
steps saved by `--shrink`.

    nice -n 19 .venv/bin/python bench/fuzz_window.py --seed 1 --minutes 20
    .venv/bin/python bench/fuzz_window.py --seed 1 --replay 412 --shrink

Exit status 0 when nothing was found, 1 otherwise.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
HANG_SECONDS = 90  # a step taking longer is a hang
START = time.monotonic()
VERBOSE = os.environ.get("FUZZ_WINDOW_VERBOSE") == "1"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# -- the steps ----------------------------------------------------------------------------

REVIEW_KEYS = [
    "J", "K", "Down", "Up", "Home", "End", "N", "Shift+N", "A", "C", "D", "F", "X",
    "1", "2", "3", "4", "5", "6", "V", "F2", "Del", "Ctrl+M", "Ctrl+Shift+M", "Esc",
    "F6", "Alt+I", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "F3", "Shift+F3", "Ctrl+S",
    "Ctrl+C", "Ctrl+Return", "PgDown", "PgUp", "Ctrl+Shift+L",
]  # fmt: skip
WRONG_KEYS = [
    *"BEGHLMOPQRSTUWYZ", "7", "8", "9", "0", "F4", "F5", "F7", "F8", "F9", "F10", "F11",
    "F12", "Return", "Enter", "Tab", "Shift+Tab", "Backspace", "Space", "Shift+C",
    "Shift+1", "Ctrl+K", "Ctrl+J", "Alt+X", "Alt+F", "Alt+E", "Alt+R", "Alt+S", "Alt+L",
    "Ctrl+Alt+D", "Ctrl+Shift+X", "Alt+Down", "Alt+Up", "Ctrl+Home", "Ctrl+End",
    "Left", "Right", "Shift+Down", "Shift+Up", "Ctrl+A", "Ctrl+Backspace", "Menu", "Ins",
]  # fmt: skip
# Actions never triggered: they leave this workspace or this process (the quit, another
# workspace, a restore over it) and so end the run rather than test the window.
LEAVING = {"QUIT", "OPEN_WORKSPACE", "RESTORE_BACKUP", "OPEN_LOG_FOLDER"}
FOCUS_TARGETS = [
    "sentence_view", "article_view", "article_list", "filter_box", "claimant",
    "explanation", "verdict_box", "status_box", "sources_view", "earlier", "denies_box",
    "history", "article_find", "article_state_box",
]  # fmt: skip
TEXT_KINDS = [
    "words", "rtl", "nul", "surrogate", "emoji", "newlines", "big", "article", "control",
    "combining", "empty", "spaces", "files",
]  # fmt: skip
SAMPLE_WORDS = [
    "the",
    "minister",
    "said",
    "unemployment",
    "fell",
    "by",
    "32",
    "percent",
    "in",
    "2019",
    "according",
    "to",
    "officials",
    "denied",
    "claim",
    "source",
    "Yerevan",
    "Baku",
    "cost",
    "million",
    "euros",
]


def make_step(seed: int, number: int, action_names: list[str]) -> dict[str, Any]:
    """Step `number` of run `seed`: a plain dict (saved as JSON, replayed alone)."""
    rng = random.Random(f"{seed}:{number}")
    answers = rng.randrange(2**31)  # how its dialogs are answered
    kind = rng.choices(
        ["review_key", "wrong_key", "type", "paste", "action", "focus", "filter", "click", "wait"],
        [34, 14, 10, 6, 18, 10, 3, 5, 3],
    )[0]
    step: dict[str, Any] = {"n": number, "kind": kind, "answers": answers}
    if kind in ("review_key", "wrong_key"):
        keys = REVIEW_KEYS if kind == "review_key" else WRONG_KEYS
        step["keys"] = [rng.choice(keys) for _ in range(rng.choice([1, 1, 1, 2, 3, 5]))]
    elif kind == "type":
        step["field"] = rng.choice(["claimant", "explanation", "focus"])
        step["text"] = " ".join(rng.choice(SAMPLE_WORDS) for _ in range(rng.randint(1, 6)))
        step["then"] = rng.choice(["stay", "stay", "Esc", "Tab", "Return", "Ctrl+S"])
    elif kind == "paste":
        step["field"] = rng.choice(["claimant", "explanation", "claimant", "explanation", "focus"])
        step["text_kind"] = rng.choice(TEXT_KINDS)
        step["text_seed"] = rng.randrange(2**31)
        step["then"] = rng.choice(["stay", "Esc", "Tab", "Ctrl+S"])
    elif kind == "action":
        step["action"] = rng.choice(action_names)
    elif kind == "focus":
        step["target"] = rng.choice(FOCUS_TARGETS)
    elif kind == "filter":
        step["index"] = rng.randrange(16)
        step["box"] = rng.choice(["filter", "filter", "articles"])
    elif kind == "click":
        step["target"] = rng.choice(["article_view", "article_list", "sentence_view"])
        step["where"] = [rng.random(), rng.random()]
    elif kind == "wait":  # background work (search, suggestions, an export) comes in
        step["rounds"] = rng.choice([10, 50, 200])
    return step


def hostile_text(kind: str, seed: int) -> str:
    """Text a journalist may paste, or that a hostile page carried."""
    rng = random.Random(seed)
    words = " ".join(rng.choice(SAMPLE_WORDS) for _ in range(rng.randint(1, 8)))
    if kind == "words":
        return words
    if kind == "rtl":
        return rng.choice(["\u202e", "\u202etxt.exe\u202c ", "\u2067", "\u200f\u202b"]) + words
    if kind == "nul":
        return words[:5] + "\x00" + words[5:] + "\x00"
    if kind == "surrogate":
        return words + rng.choice(["\ud800", "\udfff", "\udc00x", "a\ud83d"])
    if kind == "emoji":
        return words + " 👩‍👩‍👧‍👦🇦🇲🏳️‍🌈" * rng.randint(1, 20)
    if kind == "newlines":
        return "\n".join([words] * rng.randint(2, 40)) + "\r\n\u2028\u2029"
    if kind == "big":
        return (words + " ") * (100_000 // (len(words) + 1) + 1)
    if kind == "article":
        return (REPO / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    if kind == "control":
        return "".join(
            chr(rng.choice([1, 7, 8, 11, 12, 27, 127, 0x85, 0xAD, 0xFEFF])) for _ in range(9)
        )
    if kind == "combining":
        return "e" + "\u0301" * rng.randint(10, 3000)
    if kind == "spaces":
        return rng.choice([" ", "\t", "\u00a0", "\u200b", "\u3000"]) * rng.randint(1, 300)
    return ""


# -- the harness -------------------------------------------------------------------------------


@dataclass
class Finding:
    kind: str  # a short signature: what and where
    step: int
    detail: str

    def signature(self) -> str:
        return self.kind


@dataclass
class Run:
    """What one run saw."""

    findings: list[Finding] = field(default_factory=list)
    warnings: dict[str, int] = field(default_factory=dict)
    warned_first: dict[str, int] = field(default_factory=dict)  # the step of each's first
    dialogs: dict[str, int] = field(default_factory=dict)
    steps_done: int = 0
    models: int = 0  # item models given a QAbstractItemModelTester
    step: int = -1
    kinds: dict[str, int] = field(default_factory=dict)

    def find(self, kind: str, detail: str) -> None:
        if not any(f.kind == kind for f in self.findings):
            self.findings.append(Finding(kind, self.step, detail))


# Qt warnings that are no bug of the desk: the offscreen platform's own, fonts.
QUIET_WARNINGS = (
    "This plugin does not support",
    "propagateSizeHints",
    "QFont::",
    "Fontconfig",
    "OpenType support missing",
    "QPainter::",  # a paint on a widget never shown offscreen
    "requestActivate",
)


def _private_home() -> Path:
    """The run's own folder, and the home folder of the window it drives: an export
    accepted as offered, or a relative name typed into *Save to*, is written to the
    offered folder (Documents, else home). Runs before this left their reports there
    (`summary-monkey.csv`, `https:/example.org/a.html`: 48 files in two days of runs on
    one machine), in the home folder of whoever ran them."""
    home = Path(tempfile.mkdtemp(prefix="fuzz-window-"))
    (home / "home").mkdir()
    xauthority = Path.home() / ".Xauthority"  # an X display's key (--platform xcb)
    if "XAUTHORITY" not in os.environ and xauthority.is_file():
        os.environ["XAUTHORITY"] = str(xauthority)
    os.environ["HOME"] = str(home / "home")
    os.environ["FACTCHECK_DATA_DIR"] = str(home / "data")
    os.environ["FACTCHECK_LOG_DIR"] = str(home / "log")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ.setdefault("FACTCHECK_REVIEWER", "Monkey")
    return home


LONG_SENTENCES = 1_100  # a long article to find and re-split (its steps run in workers)


def build_colleague(path: Path) -> None:
    """A colleague's workspace to merge: the sample article with reviews of their own."""
    from factcheck_app import config
    from factcheck_app.services.desk import Desk

    desk = Desk.open(path, backup=False)
    try:
        for seed in sorted(config.seed_dir().glob("*.txt")):
            article = desk.importer.import_file(seed).article_id
            ids = [row.sentence.id for row in desk.reviews.sentence_rows(article)]
            for number, sid in enumerate(ids[:6]):
                desk.reviews.set_verdict(sid, ["false", "mixed", "true"][number % 3])
                desk.reviews.set_text_field(sid, "explanation", f"Colleague's note {number}.")
                desk.reviews.set_text_field(sid, "claimant", "‮the colleague's minister")
    finally:
        desk.close()


def build_workspace(path: Path) -> None:
    """The sample article, the hostile article, and hostile stored values."""
    from factcheck_app import config
    from factcheck_app.domain.models import Stance, Tag
    from factcheck_app.services.desk import Desk, NewSource
    from tests.hostile_reports import hostile_article

    desk = Desk.open(path, backup=False)
    try:
        for seed in sorted(config.seed_dir().glob("*.txt")):
            desk.importer.import_file(seed)
        hostile_article(desk)
        odd = desk.importer.import_text(
            "‮The minister said 32 percent.\u200b Officials denied it on Monday.\n\n"
            "Emoji 👩‍👩‍👧 in a claim, said the mayor. Nothing else."
        ).article_id
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(odd)]
        desk.reviews.set_tag(ids[0], Tag.CLAIM)
        desk.reviews.set_verdict(ids[0], "mixed")
        desk.reviews.set_text_field(ids[0], "explanation", "\u202e\u200b\u2066")  # invisible
        desk.reviews.set_text_field(ids[1], "claimant", "x" * 100_000)
        desk.reviews.set_text_field(ids[-1], "claimant", "the\x00mayor")
        desk.reviews.set_text_field(ids[2], "explanation", "word " * 20_000)
        desk.sources.link_source(
            ids[0], NewSource("https://example.org/\u202eevil", title="‮RTL", stance=Stance.CONTEXT)
        )
        # An article long enough to be re-split (and its re-split undone) in a worker,
        # with progress and Stop.
        long_text = " ".join(
            f"The minister said {n} percent in {n % 28 + 1990}." for n in range(LONG_SENTENCES)
        )
        long_id = desk.importer.import_text(
            "title Long article\n" + long_text, source_name="long.txt"
        ).article_id
        long_ids = [row.sentence.id for row in desk.reviews.sentence_rows(long_id)]
        for sid in long_ids[10:40:10]:  # joined by hand: a re-split cuts them again
            desk.boundaries.merge_with_next(sid)
        desk.reviews.set_verdict(long_ids[5], "false")
        db = desk.repo.db
        # Bytes where the desk keeps text (another program wrote the file): read as text.
        db.execute("UPDATE articles SET title = x'c3a96669ff' WHERE id = ?", [odd])
        db.execute("UPDATE reviews SET claimant = x'4d61ff' WHERE sentence_id = ?", [ids[0]])
        db.execute("UPDATE reviews SET explanation = x'ff00fe' WHERE sentence_id = ?", [ids[-2]])
        db.execute("UPDATE sources SET publisher = x'ff' WHERE url LIKE 'https://example.org/%'")
    finally:
        desk.close()


class Monkey:
    """One window driven through steps; findings collected in `run`."""

    def __init__(self, workspace: Path, out: Path, platform_ok: bool = True) -> None:
        from PySide6.QtCore import QTimer, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        self.workspace = workspace
        self.out = out
        self.run = Run()
        self.answer_rng = random.Random(0)
        self.answers_this_step = 0
        self._answering = False
        self.waiting = False  # a "wait" step runs: the reviewer waits for background work
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        self.testers: dict[int, Any] = {}
        self.mimes: list[Any] = []  # files "copied in a file manager"
        self.models: list[Any] = []
        qInstallMessageHandler(self._qt_message)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        self._patch_dialogs()
        self.timer = QTimer(interval=0)
        self.timer.timeout.connect(self._answer_modal)
        self.timer.start()
        self.window: Any = None

    # -- what the run watches ------------------------------------------------------------

    def _qt_message(self, mode: Any, context: Any, message: str) -> None:
        if any(quiet in message for quiet in QUIET_WARNINGS):
            return
        key = message[:160]
        self.run.warnings[key] = self.run.warnings.get(key, 0) + 1
        self.run.warned_first.setdefault(key, self.run.step)
        if "FAIL!" in message:  # QAbstractItemModelTester
            self.run.find(f"model tester: {message[:120]}", message)

    def _excepthook(self, kind: type[BaseException], error: BaseException, tb: Any) -> None:
        frames = traceback.extract_tb(tb)
        place = next(
            (
                f"{Path(f.filename).name}:{f.lineno}"
                for f in reversed(frames)
                if "factcheck_app" in f.filename
            ),
            "?",
        )
        text = "".join(traceback.format_exception(kind, error, tb))
        print(text, file=sys.stderr, flush=True)  # the monkey's own mistakes too
        self.run.find(f"exception {kind.__name__} at {place}", text)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self._excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _patch_dialogs(self) -> None:
        """File dialogs give a file in the temporary folder, or nothing; no browser opens."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QFileDialog

        files = self.out / "files"
        files.mkdir(parents=True, exist_ok=True)
        article = files / "article.txt"
        article.write_text("The minister said 40 percent. The mayor denied it.\n", encoding="utf-8")
        hostile = files / "hostile.txt"
        hostile.write_bytes("‮a\x00b said the mayor. ".encode() * 50 + b"\xff\xfe")
        folder = files / "folder"
        folder.mkdir(exist_ok=True)
        (folder / "one.md").write_text(
            "# Title\n\nThe cost rose 3 percent, he said.\n", encoding="utf-8"
        )
        latin = files / "latin.txt"  # Windows-1252, as wire copy often is
        latin.write_bytes(
            "\u201cCaf\u00e9 prices rose 5 \u20ac\u201d, the mayor said.".encode("cp1252")
        )
        self.copied_files = [[article], [hostile], [latin, folder / "one.md"], [folder]]
        colleague = files / "colleague.fcdesk"
        build_colleague(colleague)
        exports = self.out / "exports"
        exports.mkdir(exist_ok=True)

        def choose(options: list[Any]) -> Any:
            self._note_dialog("file dialog")
            return self.answer_rng.choice(options)

        def open_names(*_a: Any, **_k: Any) -> tuple[list[str], str]:
            return choose(
                [[], [str(article)], [str(hostile)], [str(article), str(hostile)], [str(latin)]]
            ), ""

        def open_name(
            _parent: Any = None, caption: str = "", *_a: Any, **_k: Any
        ) -> tuple[str, str]:
            if "Merge" in caption:  # a colleague's workspace, or this one again
                return choose(["", str(colleague), str(colleague), str(self.workspace)]), ""
            return "", ""  # another workspace to open: none (it leaves this one)

        def folder_name(*_a: Any, **_k: Any) -> str:
            return choose(["", str(folder)])

        def save_name(
            _parent: Any = None, _caption: str = "", directory: str = "", *_a: Any, **_k: Any
        ) -> tuple[str, str]:
            suffix = Path(directory).suffix if directory else ".html"
            name = choose(["", f"export{suffix}", f"sub/new folder/export{suffix}", f"‮x{suffix}"])
            return (str(exports / name) if name else ""), ""

        QFileDialog.getOpenFileNames = staticmethod(open_names)  # type: ignore[method-assign]
        QFileDialog.getOpenFileName = staticmethod(open_name)  # type: ignore[method-assign]
        QFileDialog.getExistingDirectory = staticmethod(folder_name)  # type: ignore[method-assign]
        QFileDialog.getSaveFileName = staticmethod(save_name)  # type: ignore[method-assign]

        def open_url(url: QUrl) -> bool:
            self._note_dialog("open url")
            return True

        QDesktopServices.openUrl = staticmethod(open_url)  # type: ignore[method-assign]

    def _note_dialog(self, name: str) -> None:
        self.run.dialogs[name] = self.run.dialogs.get(name, 0) + 1

    def _answer_modal(self) -> None:
        """Answer the active modal dialog or message box, or close an open popup menu.

        The answer runs from a zero-delay single shot, not inside this timer's slot: an
        answer that opens another question (Cancel asking whether to drop typed text) runs
        that question's event loop, in which this timer must fire again to answer it."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        if self._answering:
            return
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
            return
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            return
        self._answering = True
        QTimer.singleShot(0, lambda: self._answer(modal))

    def _answer(self, modal: Any) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import (
            QCheckBox,
            QComboBox,
            QDialog,
            QLineEdit,
            QMessageBox,
            QPlainTextEdit,
            QProgressDialog,
            QPushButton,
            QRadioButton,
            QTextEdit,
        )

        self._answering = False
        try:
            if not modal.isVisible():
                return
        except RuntimeError:  # deleted meanwhile
            return
        rng = self.answer_rng
        if isinstance(modal, QDialog) and getattr(modal, "running", None) is True:
            # Its worker is writing (an export: its fields and Export button are disabled,
            # Esc and Stop stop it). Answered at every turn of the event loop while it ran,
            # what it wrote depended on the machine's speed (accept() even closed it, which
            # stops the worker): under load the export of every article was stopped before
            # its first report, and the next one asked no "Replace Files?". As a reviewer
            # does, it is left to run or stopped, decided once; the next step waits for it.
            if modal.property("monkeyRunDecided"):
                return
            modal.setProperty("monkeyRunDecided", True)
            self._note_dialog(f"running: {type(modal).__name__}")
            if rng.random() >= 0.5:
                QTest.keyClick(modal, Qt.Key.Key_Escape)
            return
        if isinstance(modal, QDialog):
            modal.setProperty("monkeyRunDecided", False)  # the next run is decided again
        if isinstance(modal, QProgressDialog) and (modal.property("monkeyLetRun") or self.waiting):
            # A merge's or a re-split's progress note left to run is not answered again,
            # and counts as no answer (each turn of the event loop it stayed up counted as
            # one, and a slower worker's left the step's next box "given up"). In a "wait"
            # step it is left to run, as the reviewer who waits for it does, and draws
            # nothing from the step's answers: shown there only on a slow machine (a
            # re-split's check takes 40 ms, its note shows after 300), its Esc stopped
            # every check of the long re-split under load, and its question never came.
            if not modal.property("monkeyLetRun"):
                modal.setProperty("monkeyLetRun", True)
                self._note_dialog(f"progress: {modal.windowTitle()}")
            return
        self.answers_this_step += 1
        # A dialog that keeps coming back (a form refused again and again) is cancelled.
        give_up = self.answers_this_step > 8
        if isinstance(modal, QMessageBox):
            text = modal.text()
            self._note_dialog(f"box: {modal.windowTitle()}: {' '.join(text.split())[:70]}")
            if "Unexpected error" in text or modal.objectName() == "crashDialog":
                self.run.find(f"message box: {text[:80]}", text)
            buttons = modal.buttons()
            # Giving up, a box is answered with one of its buttons: its Esc may be "Keep
            # Editing" of a form that is being cancelled, asked again at each cancel.
            if not buttons or (not give_up and rng.random() < 0.2):
                modal.reject()
            else:
                rng.choice(buttons).click()
            return
        if isinstance(modal, QProgressDialog):
            # A merge's or a re-split's progress: left to run (decided once per showing),
            # Stop, or Esc. Never accept(): it has no such button, and hid it while the
            # worker wrote on.
            self._note_dialog(f"progress: {modal.windowTitle()}")
            choice = rng.random()
            if choice < 0.5:
                modal.setProperty("monkeyLetRun", True)
            elif choice < 0.8:
                buttons = [b for b in modal.findChildren(QPushButton) if b.isVisible()]
                if buttons:
                    buttons[0].click()
            else:
                QTest.keyClick(modal, Qt.Key.Key_Escape)
            return
        if isinstance(modal, QDialog):
            self._note_dialog(f"dialog: {type(modal).__name__}")
            if give_up:
                modal.reject()
                return
            choice = rng.random()
            if choice < 0.15:
                # Another radio button or check box (the export's *All articles*, its
                # ClaimReview check), then Enter.
                buttons = [
                    b
                    for b in modal.findChildren(QRadioButton) + modal.findChildren(QCheckBox)
                    if b.isVisible() and b.isEnabled()
                ]
                for button in rng.sample(buttons, min(len(buttons), rng.randint(1, 2))):
                    self._note_dialog(f"button: {' '.join(button.text().split())[:40]}")
                    button.click()
                QTest.keyClick(modal, Qt.Key.Key_Return)
            elif choice < 0.4:
                fields = [
                    w
                    for w in modal.findChildren(QLineEdit) + modal.findChildren(QPlainTextEdit)
                    if w.isVisible() and w.isEnabled()
                ]
                for widget in rng.sample(fields, min(len(fields), rng.randint(1, 3))):
                    kind = rng.choice(TEXT_KINDS[:7])
                    text = rng.choice(
                        [
                            "",
                            "https://example.org/a",
                            "2026-13-45",
                            "x" * 3000,
                            hostile_text(kind, rng.randrange(99)),
                        ]
                    )
                    try:
                        if isinstance(widget, QLineEdit):
                            widget.setText(text[:5000])
                        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
                            widget.setPlainText(text)
                    except (UnicodeError, ValueError, TypeError):
                        pass  # a string Qt cannot take
                # Another choice in one of its boxes: the export's format (PDF, Word…),
                # a source's stance, an article's language (which offers a re-split).
                boxes = [
                    b for b in modal.findChildren(QComboBox) if b.isVisible() and b.isEnabled()
                ]
                if boxes and rng.random() < 0.6:
                    box = rng.choice(boxes)
                    if box.count():
                        box.setCurrentIndex(rng.randrange(box.count()))
                        box.activated.emit(box.currentIndex())
                QTest.keyClick(modal, Qt.Key.Key_Return)
            elif choice < 0.6:
                modal.accept()
            elif choice < 0.8:
                QTest.keyClick(modal, Qt.Key.Key_Escape)
            else:
                modal.reject()
            return
        modal.close()

    # -- the window ----------------------------------------------------------------------------

    def open_window(self) -> None:
        from factcheck_app.gui.app import open_workspace, show_opening_window

        window = show_opening_window(self.workspace)
        if not open_workspace(window, self.workspace, seed=False):
            raise SystemExit("the workspace did not open")
        self.window = window
        window.activateWindow()
        self.settle()
        # The open's look at a copy taken while open (the monkey's workspace is one: it
        # writes reviews behind the desk's back) runs beside the window and ends in a box.
        # A first step racing it answered that box instead of its own dialog, so a run of
        # given steps did not always do the same (the home-folder test failed 1 in 3).
        from PySide6.QtCore import QEventLoop

        ends = time.monotonic() + HANG_SECONDS
        while window.workspace.copy_look_running and time.monotonic() < ends:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        self.settle()

    def in_event_loop(self, work: Any) -> None:
        """Run `work` (a step) from inside a running event loop, as the window's slots run
        under `app.exec()`. Run from none (Qt's loop level 0), a `deleteLater` made during
        the step was carried out by the first modal box's own loop: a re-split's progress
        note was deleted while it was being updated (it ran the events, the worker's
        refusal among them, shown in a box) and the monkey crashed, which the desk, always
        inside its event loop, does not."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()

        def run() -> None:
            try:
                work()
            finally:
                loop.quit()

        QTimer.singleShot(0, run)
        loop.exec()

    def settle(self, rounds: int = 3) -> None:
        for _ in range(rounds):
            self.app.processEvents()

    def watch_models(self) -> None:
        """A QAbstractItemModelTester on every item model the window's views use."""
        from PySide6.QtCore import QAbstractItemModel
        from PySide6.QtTest import QAbstractItemModelTester
        from PySide6.QtWidgets import QAbstractItemView, QComboBox

        views: list[Any] = self.window.findChildren(QAbstractItemView) + self.window.findChildren(
            QComboBox
        )
        for view in views:
            model = view.model()
            if not isinstance(model, QAbstractItemModel):
                continue
            key = id(model)
            if key in self.testers:
                continue
            mode = QAbstractItemModelTester.FailureReportingMode.Warning
            self.testers[key] = QAbstractItemModelTester(model, mode)
            self.models.append(model)
            self.run.models += 1

    def check_panel(self) -> None:
        """The panel, when nothing typed waits to be saved, shows what the workspace holds."""
        window = self.window
        if window is None or not window.has_desk() or not hasattr(window, "panel"):
            return
        if window.merging.running:  # its worker writes; the window shows it when done
            return
        panel = window.panel
        sid = panel.sentence_id
        from factcheck_app.domain.errors import FactcheckError

        if sid is not None and sid != window.current_sentence_id() and window.current_row():
            # Typing goes to the panel's sentence: it must be the one the list shows.
            self.run.find(
                "panel and sentence list on different sentences",
                f"panel {sid}, list {window.current_sentence_id()}",
            )
        if window.article_id is not None:
            index = window.article_list.currentIndex()
            listed = index.data(window.article_model.ArticleIdRole) if index.isValid() else None
            if listed is not None and listed != window.article_id:
                self.run.find(
                    "article list and open article differ",
                    f"list {listed}, open {window.article_id}",
                )
        if sid is None or panel.has_pending_text() or window.desk.closed:
            return
        try:
            review = window.desk.repo.reviews.get_review(sid)
        except FactcheckError:  # a damaged row: the window says so, not this check's
            return
        from factcheck_app.domain.printable import typed_line, typed_lines
        from factcheck_app.domain.review_rules import nothing_to_check
        from factcheck_app.gui.review_panel import NO_TAG_ID, NO_VERDICT, TAG_BUTTONS
        from factcheck_app.gui.typed_fields import field_text

        tag_ids = {tag: number for number, (tag, _) in enumerate(TAG_BUTTONS, start=1)}
        shown = (
            panel.claimant_edit.text(),
            field_text(panel.explanation_edit),  # as it saves it (a no-break space kept)
            panel.status_box.currentData(),
            panel.verdict_box.currentData(),
            panel.tag_group.lit_id(),
        )
        stored_tag = tag_ids.get(review.tag) if review.tag is not None else None
        if stored_tag is None:
            # X lit for a sentence marked nothing to check only: done with no tag and no
            # verdict. An untagged sentence given a verdict is a check, none lit.
            stored_tag = NO_TAG_ID if nothing_to_check(review) else -1
        stored = (
            typed_line(review.claimant),  # as its field shows a stored one
            typed_lines(review.explanation),  # as the box holds it (Qt's line breaks)
            review.status.value,
            review.verdict or NO_VERDICT,
            stored_tag,
        )
        if shown != stored:
            names = ("claimant", "explanation", "status", "verdict", "tag")
            which = [n for n, a, b in zip(names, shown, stored, strict=True) if a != b]
            self.run.find(
                "panel shows other than saved",
                f"{','.join(which)} of sentence {sid}: shown {[_short(s) for s in shown]} "
                f"stored {[_short(s) for s in stored]}",
            )

    def saved_reviews(self) -> dict[int, tuple[Any, ...]]:
        """Every review as the open window's workspace holds it (text as shown)."""
        db = self.window.desk.repo.db
        return {
            row[0]: tuple(_as_text(v) for v in row[1:])
            for row in db.execute(
                "SELECT sentence_id, claimant, explanation, status, rating, tag FROM reviews"
            ).fetchall()
        }

    # -- the steps -----------------------------------------------------------------------------

    def do(self, step: dict[str, Any]) -> None:
        from PySide6.QtGui import QGuiApplication, QKeySequence

        self.run.step = step["n"]
        self.answer_rng = random.Random(step["answers"])
        self.answers_this_step = 0
        self.run.kinds[step["kind"]] = self.run.kinds.get(step["kind"], 0) + 1
        window = self.window
        kind = step["kind"]
        from PySide6.QtWidgets import QApplication

        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible() and kind != "wait":
            # A merge's or re-split's progress is up (window-modal, the worker writing):
            # the reviewer can reach neither the menus nor the window's widgets; the step
            # waits until it has closed (its worker done, or stopped by the answer timer),
            # then is taken. `action.trigger()` and sent events would have gone past the
            # modality no user gets past. It used to be dropped after ten turns of the
            # event loop: on a busy machine, where the worker takes longer, more steps
            # were dropped, and a run of given steps did not reach what it did elsewhere.
            self.run.kinds["blocked"] = self.run.kinds.get("blocked", 0) + 1
            from PySide6.QtCore import QEventLoop

            while modal is not None and modal.isVisible():  # a hang ends the run (faulthandler)
                self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                modal = QApplication.activeModalWidget()
            self.settle()
            if QApplication.activeModalWidget() is not None:
                return  # another one came up as it closed: the next step waits for it
        if QApplication.activeWindow() is None:
            # Offscreen, a box shown as the workspace opened (its reviews of two moments)
            # left no window active when it closed, and so no widget with the focus: keys
            # and typing went to the window itself until some later box. The reviewer
            # clicks on the window; here it is activated.
            window.activateWindow()
            self.settle()
        if kind in ("review_key", "wrong_key"):
            for key in step["keys"]:
                self.press(key)
        elif kind == "type":
            from PySide6.QtTest import QTest
            from PySide6.QtWidgets import QApplication

            if step["field"] == "focus":  # the search box after Ctrl+F, a list, a field
                field_widget = QApplication.focusWidget() or window
            else:
                field_widget = self.field(step["field"])
                if field_widget is not None and field_widget.isEnabled():
                    field_widget.setFocus()
            if field_widget is not None and field_widget.isEnabled():
                QTest.keyClicks(field_widget, step["text"])
                self.then(step["then"])
        elif kind == "wait":
            self.wait(step["rounds"])
        elif kind == "paste":
            text = hostile_text(step["text_kind"], step["text_seed"])
            try:
                if step["text_kind"] == "files":  # copied in a file manager
                    from PySide6.QtCore import QMimeData, QUrl

                    mime = QMimeData()
                    files = self.copied_files[step["text_seed"] % len(self.copied_files)]
                    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
                    # Kept here, and the clipboard emptied before Python exits: Qt's own
                    # exit deleted the clipboard's data after Python had ended, through
                    # its Python wrapper (a segmentation fault of the monkey, not the desk).
                    self.mimes.append(mime)
                    QGuiApplication.clipboard().setMimeData(mime)
                else:
                    QGuiApplication.clipboard().setText(text)
            except (UnicodeError, ValueError, TypeError):
                return  # a string Qt cannot take (a lone surrogate): nothing to paste
            target = self.field(step["field"]) if step["field"] != "focus" else None
            if target is not None and target.isEnabled():
                target.setFocus()
            self.press(QKeySequence(QKeySequence.StandardKey.Paste).toString())
            self.then(step["then"])
        elif kind == "action":
            from factcheck_app.gui.actions import ActionId

            action = window.registry[ActionId[step["action"]]]
            if action.isEnabled():
                action.trigger()
        elif kind == "focus":
            widget = self.target(step["target"])
            if widget is not None and widget.isVisible():
                widget.setFocus()
        elif kind == "filter":  # the Show box, or the article finder's
            box = window.article_state_box if step.get("box") == "articles" else window.filter_box
            if box.count():
                box.setCurrentIndex(step["index"] % box.count())
                box.activated.emit(box.currentIndex())
        elif kind == "click":
            self.click(step["target"], step["where"])
        self.settle()

    def background_running(self) -> bool:
        """Does work the window started run on in a worker, its end still to be shown (a
        merge, a re-split or its check, a long undo or redo of one, an import)?"""
        window = self.window
        return bool(window.merging.running or window.imports.running())

    def wait(self, rounds: int) -> None:
        """A "wait" step: `rounds` turns of up to 5 ms of events (timers, a search, the
        suggestions), then on until the window's background work has come in, its question
        or result box answered, as a reviewer who waits sees it. The rounds alone returned
        after 0.25 s whatever still ran: a re-split's check (40 ms idle) was still running
        under load, the next step's Re-split or Merge was refused ("A re-split is
        running"), and what a run of given steps reached depended on the machine's speed.
        Never a sleep; a worker that never ends is a hang (faulthandler ends the run)."""
        from PySide6.QtCore import QEventLoop

        self.waiting = True
        try:
            for _ in range(rounds):
                self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            # Blocked until an event comes (the worker's end is one; so is any timer's),
            # not spun: a busy loop here took a core from the worker it waited for.
            wake = QEventLoop.ProcessEventsFlag.WaitForMoreEvents
            while self.background_running():
                self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents | wake)
        finally:
            self.waiting = False

    def then(self, key: str) -> None:
        if key != "stay":
            self.press(key)

    def press(self, key: str) -> None:
        from PySide6.QtGui import QKeySequence
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        sequence = QKeySequence(key)
        if sequence.isEmpty():
            return
        combo = sequence[0]
        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, combo.key(), combo.keyboardModifiers())

    def field(self, name: str) -> Any:
        panel = getattr(self.window, "panel", None)
        if panel is None:
            return None
        return panel.claimant_edit if name == "claimant" else panel.explanation_edit

    def target(self, name: str) -> Any:
        window = self.window
        panel = getattr(window, "panel", None)
        simple = {
            "sentence_view": window.sentence_view,
            "article_view": window.article_view,
            "article_list": window.article_list,
            "filter_box": window.filter_box,
            "article_find": window.article_find,
            "article_state_box": window.article_state_box,
        }
        if name in simple:
            return simple[name]
        if panel is None:
            return None
        return {
            "claimant": panel.claimant_edit,
            "explanation": panel.explanation_edit,
            "verdict_box": panel.verdict_box,
            "status_box": panel.status_box,
            "sources_view": panel.sources_view,
            "earlier": panel.earlier.view,
            "denies_box": panel.denies_box,
            "history": getattr(panel, "history_box", None),
        }.get(name)

    def click(self, name: str, where: list[float]) -> None:
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        widget = self.target(name)
        if widget is None or not widget.isVisible():
            return
        viewport = getattr(widget, "viewport", lambda: widget)()
        point = QPoint(int(where[0] * viewport.width()), int(where[1] * viewport.height()))
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)

    # -- the end -----------------------------------------------------------------------------

    def close_and_check(self) -> None:
        """Close the window (answering its questions), then the file must be whole and hold
        what the window last showed as saved; and it must open in a window again."""
        from PySide6.QtWidgets import QApplication, QWidget

        self.run.step = 10**9
        self.check_panel()
        window = self.window
        window.panel.flush_pending_text()  # as the close does; then what it must keep
        self.settle()
        before = self.saved_reviews() if not window.desk.closed else {}
        for attempt in range(12):
            self.answer_rng = random.Random(attempt)
            self.answers_this_step = 0 if attempt < 6 else 100  # then cancel every question
            window.close()
            self.settle()
            if not window.isVisible():
                break
        if window.isVisible():
            self.run.find("window would not close", "12 closes with their questions answered")
            return
        # Background work (an export, a check) stops with the window; give it a moment.
        deadline = time.monotonic() + 20
        while window.has_desk() and not window.desk.closed and time.monotonic() < deadline:
            self.settle()
            time.sleep(0.01)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QWidget) and widget.isVisible():
                widget.close()
        window.deleteLater()
        self.settle()
        self.window = None
        self.testers.clear()
        with sqlite3.connect(f"file:{self.workspace}?mode=ro", uri=True) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                self.run.find("integrity_check failed", repr(result[:5]))
            after = {
                row[0]: tuple(_as_text(v) for v in row[1:])
                for row in conn.execute(
                    "SELECT sentence_id, claimant, explanation, status, rating, tag FROM reviews"
                )
            }
        conn.close()
        lost = [sid for sid, review in before.items() if after.get(sid) != review]
        if lost:
            sid = lost[0]
            self.run.find(
                "saved edit missing after reopening",
                f"{len(lost)} reviews; sentence {sid}: before the close "
                f"{[_short(v) for v in before[sid]]}, after "
                f"{[_short(v) for v in after.get(sid, ())]}",
            )
        self.open_window()  # and once more in a window
        self.watch_models()
        self.settle(10)
        self.window.close()
        self.settle()


def _as_text(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 80 else f"{text[:60]}… ({len(text)} chars)"


# -- running ------------------------------------------------------------------------------------


def action_names() -> list[str]:
    from factcheck_app.gui.actions import ActionId

    return [a.name for a in ActionId if a.name not in LEAVING]


def run_steps(
    steps: Iterator[dict[str, Any]], folder: Path, *, stop_at_finding: bool, deadline: float
) -> Run:
    """Build the workspace, open the window, play the steps; the run's findings."""
    from factcheck_app import logs

    log = logs.setup("window")  # as the desk's window logs: read for errors at the end
    # A crash of the process (a segmentation fault) prints the stack of every thread, with
    # the step it was at (the verbose line before it): its JSON line never comes.
    faulthandler.enable(all_threads=True)
    workspace = folder / "monkey.fcdesk"
    build_workspace(workspace)
    monkey = Monkey(workspace, folder)
    monkey.open_window()
    monkey.watch_models()
    for step in steps:
        # A step that hangs (a dialog nobody could answer, a loop) ends the run with the
        # stacks of every thread: the finding "hang" (exit status 3).
        faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
        if VERBOSE:
            print(
                f"{time.monotonic() - START:7.1f} step {step['n']}: {json.dumps(step)[:200]}",
                file=sys.stderr,
                flush=True,
            )
        monkey.in_event_loop(lambda step=step: monkey.do(step))
        monkey.watch_models()
        monkey.check_panel()
        monkey.run.steps_done += 1
        if (stop_at_finding and monkey.run.findings) or time.monotonic() > deadline:
            break
    faulthandler.dump_traceback_later(HANG_SECONDS * 2, exit=True)
    monkey.close_and_check()
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()  # its data deleted while Python still runs
    monkey.settle()
    monkey.mimes.clear()
    faulthandler.cancel_dump_traceback_later()
    logs.flush()
    # A bug told as "Unexpected error" or logged as critical (the crash report's line).
    logged = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    for line in logged.splitlines():  # made at the first record (none in a quiet run)
        if " CRITICAL " in line or "Unexpected error" in line:
            monkey.run.find(f"logged: {line[:100]}", line)
    return monkey.run


def _steps(seed: int, count: int) -> Iterator[dict[str, Any]]:
    names = action_names()
    for number in range(count):
        yield make_step(seed, number, names)


def _trial(steps: list[dict[str, Any]], signature: str) -> bool:
    """Do these steps, in a fresh process, still give the finding `signature`?"""
    with tempfile.TemporaryDirectory(prefix="fuzz-window-trial-") as tmp:
        path = Path(tmp) / "steps.json"
        path.write_text(json.dumps(steps), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, __file__, "--steps-file", str(path), "--json"],
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        try:
            found = json.loads(result.stdout.strip().splitlines()[-1])["findings"]
        except (IndexError, ValueError, KeyError):
            return False
        return any(f["kind"] == signature for f in found)


def shrink(steps: list[dict[str, Any]], signature: str) -> list[dict[str, Any]]:
    """The fewest steps (by removing chunks, then single steps) that still give the finding."""
    chunk = max(1, len(steps) // 2)
    while chunk >= 1:
        start = 0
        while start < len(steps):
            candidate = steps[:start] + steps[start + chunk :]
            if candidate and _trial(candidate, signature):
                steps = candidate
                print(f"  shrunk to {len(steps)} steps", file=sys.stderr, flush=True)
            else:
                start += chunk
        chunk //= 2
    return steps


def report(run: Run, seconds: float, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {
                    "steps": run.steps_done,
                    "seconds": round(seconds, 1),
                    "findings": [f.__dict__ for f in run.findings],
                    "warnings": run.warnings,
                    "warned_first": run.warned_first,
                    "dialogs": run.dialogs,
                    "kinds": run.kinds,
                    "models": run.models,
                }
            )
        )
        return
    print(f"{run.steps_done} steps in {seconds:.1f} s; kinds {run.kinds}")
    print(f"dialogs answered: {sum(run.dialogs.values())} ({len(run.dialogs)} kinds)")
    for name, count in sorted(run.dialogs.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {count:5} {name}")
    print(f"item models watched: {run.models}")
    print(f"Qt warnings: {len(run.warnings)} kinds")
    for message, count in sorted(run.warnings.items(), key=lambda kv: -kv[1]):
        print(f"  {count:5} {message} (first at step {run.warned_first[message]})")
    print(f"findings: {len(run.findings)}")
    for finding in run.findings:
        print(f"- step {finding.step}: {finding.kind}\n{finding.detail}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--steps", type=int, default=500, help="how many steps (default 500)")
    parser.add_argument("--minutes", type=float, help="run until this many minutes have passed")
    parser.add_argument("--replay", type=int, metavar="N", help="steps 0…N of --seed, then stop")
    parser.add_argument("--steps-file", type=Path, help="run the steps saved in this JSON file")
    parser.add_argument(
        "--shrink", action="store_true", help="cut a failing run down to its fewest steps"
    )
    parser.add_argument(
        "--keep-going", action="store_true", help="do not stop at the first finding"
    )
    parser.add_argument("--json", action="store_true", help="print the outcome as one JSON line")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = args.platform
    home = _private_home()
    started = time.monotonic()
    deadline = started + args.minutes * 60 if args.minutes else float("inf")
    if args.steps_file:
        steps = json.loads(args.steps_file.read_text(encoding="utf-8"))
    else:
        count = args.replay + 1 if args.replay is not None else args.steps
        if args.minutes and args.replay is None:
            count = 10**9
        steps = list(_steps(args.seed, min(count, 10**6))) if count < 10**6 else None
    source: Iterator[dict[str, Any]] = (
        iter(steps) if steps is not None else _steps(args.seed, 10**9)
    )
    run = run_steps(source, home, stop_at_finding=not args.keep_going, deadline=deadline)
    report(run, time.monotonic() - started, args.json)
    if args.shrink and run.findings:
        finding = run.findings[0]
        played = (steps or list(_steps(args.seed, run.steps_done)))[: run.steps_done]
        print(f"shrinking {len(played)} steps for: {finding.kind}", file=sys.stderr, flush=True)
        smallest = shrink(played, finding.kind)
        saved = home / "shrunk.json"
        saved.write_text(json.dumps(smallest, indent=1), encoding="utf-8")
        print(f"{len(smallest)} steps still give it: {saved}")
        print(json.dumps(smallest, indent=1))
    if run.findings:
        print(f"kept for a look: {home}", file=sys.stderr)
        return 1
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
