"""The window monkey (bench/fuzz_window.py) still runs and finds nothing: a few dozen
seeded steps of keys, typing, actions and answered dialogs on the real window, with every
check it makes after each step and at the end. The long runs are a bench, run by hand
(docs/safety.md "The window monkey")."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import REPO_ROOT

# Seed 100's first 60 steps answer the export dialog with a name holding a NUL (step 22):
# before that was refused in words, this test failed with its traceback.
SEED, STEPS = 100, 60


def _load_fuzz_window(monkeypatch: pytest.MonkeyPatch) -> Any:
    spec = importlib.util.spec_from_file_location(
        "fuzz_window", REPO_ROOT / "bench" / "fuzz_window.py"
    )
    assert spec is not None and spec.loader is not None
    fuzz_window = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "fuzz_window", fuzz_window)  # for its dataclasses
    spec.loader.exec_module(fuzz_window)
    return fuzz_window


def _run_monkey(
    tmp_path: Path,
    steps: list[dict[str, object]] | None = None,
    *args: str,
    home: Path | None = None,
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """bench/fuzz_window.py in a process of its own, offscreen, in `tmp_path`: the given
    `steps` (numbered here) or `args`; what it ended with and its JSON outcome."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    if home is not None:
        env["HOME"] = str(home)
    if steps is not None:
        steps_file = tmp_path / "steps.json"
        numbered = [{**step, "n": number} for number, step in enumerate(steps)]
        steps_file.write_text(json.dumps(numbered), encoding="utf-8")
        args = ("--steps-file", str(steps_file), *args)
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "fuzz_window.py"), *args, "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.stdout.strip(), done.stderr[-3000:]
    return done, json.loads(done.stdout.strip().splitlines()[-1])


def test_the_window_monkey_runs_a_few_dozen_steps_and_finds_nothing(tmp_path: Path) -> None:
    done, outcome = _run_monkey(tmp_path, None, "--seed", str(SEED), "--steps", str(STEPS))
    assert outcome["findings"] == [], json.dumps(outcome["findings"], indent=1)
    assert done.returncode == 0, done.stderr[-3000:]
    assert outcome["steps"] == STEPS
    # It drove the window: keys, actions and their dialogs, with the models watched.
    assert {"review_key", "wrong_key", "action", "type"} <= set(outcome["kinds"])
    assert sum(outcome["dialogs"].values()) > 0
    assert outcome["models"] >= 10


# One step of an export whose dialog the monkey accepts as offered (answers 8): the
# report goes to the folder the dialog offers, Documents or else the home folder.
EXPORT_AS_OFFERED = [{"n": 0, "kind": "action", "action": "EXPORT", "answers": 8}]


def test_the_monkey_writes_no_report_into_the_home_folder_of_whoever_runs_it(
    tmp_path: Path,
) -> None:
    """Its reports stay in its own temporary folder: they were left in the home folder
    (48 files over two days of runs on one machine: `summary-monkey.csv`,
    `https:/example.org/a.html`)."""
    home = tmp_path / "home"
    home.mkdir()
    _, outcome = _run_monkey(tmp_path, EXPORT_AS_OFFERED, home=home)
    assert outcome["findings"] == [], json.dumps(outcome["findings"], indent=1)
    assert outcome["dialogs"].get("dialog: ExportDialog", 0) >= 1
    assert sorted(p.name for p in home.rglob("*")) == []


def test_the_folder_an_export_is_offered_is_the_monkeys_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Whatever the step's answers: the export dialog's folder when none was chosen
    (Documents, else home) lies in the run's temporary folder; an X display's key in the
    real home folder is still found (`--platform xcb` on a desktop)."""
    from factcheck_app import config
    from factcheck_app.gui import settings

    for name in ("FACTCHECK_DATA_DIR", "FACTCHECK_LOG_DIR", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, os.environ.get(name, ""))
    real_home = tmp_path / "real home"
    real_home.mkdir()
    (real_home / ".Xauthority").write_bytes(b"key")
    monkeypatch.setenv("HOME", str(real_home))
    monkeypatch.delenv("XAUTHORITY", raising=False)
    fuzz_window = _load_fuzz_window(monkeypatch)
    own = fuzz_window._private_home()
    try:
        assert config.home().is_relative_to(own)
        assert settings.folder_to_offer("export/never-chosen").is_relative_to(own)
        assert os.environ["XAUTHORITY"] == str(real_home / ".Xauthority")
    finally:
        shutil.rmtree(own)


def _reach_steps() -> list[dict[str, object]]:
    """The long article found by the finder and re-split; merges; exports."""
    steps: list[dict[str, object]] = [
        {"kind": "focus", "target": "article_find", "answers": 0},
        {"kind": "type", "field": "focus", "text": "Long", "then": "Return", "answers": 0},
    ]
    for action, answers in (("RESPLIT_ARTICLE", 6), ("MERGE_WORKSPACE", 6), ("EXPORT", 12)):
        for answer in range(answers):
            steps.append({"kind": "action", "action": action, "answers": answer})
            steps.append({"kind": "wait", "rounds": 50, "answers": 0})
    return [{**step, "n": number} for number, step in enumerate(steps)]


def test_the_monkey_reaches_the_long_resplit_the_merge_and_all_articles(tmp_path: Path) -> None:
    """Its workspace holds an article long enough to be re-split in a worker, its file
    dialog offers a colleague's workspace to merge, and it answers a dialog's radio
    buttons and check boxes: the re-split's question, the merge's result, the export's
    *All articles* and its Replace/Skip question are all answered (none was before)."""
    done, outcome = _run_monkey(tmp_path, _reach_steps())
    assert done.returncode == 0, done.stderr[-3000:]
    assert outcome["findings"] == [], json.dumps(outcome["findings"], indent=1)
    said = list(outcome["dialogs"])
    assert any(k.startswith("box: Re-split Article: 1 sentence of this article") for k in said)
    assert any(k.startswith(("progress: Merge Workspace", "box: Merge Workspace")) for k in said)
    assert any(k.startswith("button: &All articles") for k in said)
    # The first export of every article was let run (as a reviewer leaves it): all four
    # reports are there when the next one asks. The monkey answered the dialog again and
    # again while it wrote, stopping it after as many reports as the machine's speed
    # allowed (one or two; none under load, and no question at all).
    assert any(k.startswith("box: Replace Files?: 4 reports are already") for k in said)


def test_a_wait_step_waits_for_the_re_splits_check_and_the_next_step_is_taken(
    tmp_path: Path,
) -> None:
    """A "wait" step lasts until the window's worker has come in (the long re-split's
    check, its question answered, the re-split itself), however few its rounds: the
    merge asked next is taken, its file dialog answered. Its rounds alone returned while
    the check still ran (a round of events is 5 ms, the check 40 ms idle, seconds under
    load), and the merge was refused: "A re-split is running"."""
    steps = [
        *_reach_steps()[:3],  # the finder's "Long" and Enter, Re-split
        {"kind": "wait", "rounds": 1, "answers": 0},
        {"kind": "action", "action": "MERGE_WORKSPACE", "answers": 1},
    ]
    done, outcome = _run_monkey(tmp_path, steps)
    assert done.returncode == 0, done.stderr[-3000:]
    said = list(outcome["dialogs"])
    assert any(k.startswith("box: Re-split Article: 1 sentence of this article") for k in said)
    assert "file dialog" in said, said


def test_a_progress_note_up_while_the_monkey_waits_is_left_to_run(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """A re-split's note shows only once its worker has taken 300 ms (under load, the
    check of the long article): in a "wait" step the monkey lets it run, as the reviewer
    who waits does, drawing none of the step's answers. Answered with the wait's own
    (Esc, for the answers 0 every wait of the reach test has), it stopped every check
    under load, and the re-split's question never came."""
    import random

    from PySide6.QtWidgets import QProgressDialog

    fuzz_window = _load_fuzz_window(monkeypatch)
    monkey = fuzz_window.Monkey.__new__(fuzz_window.Monkey)  # no window: its answers only
    monkey.run = fuzz_window.Run()
    monkey.answer_rng = random.Random(0)  # its first draw: Esc
    monkey.answers_this_step = 0
    monkey._answering = False
    monkey.waiting = True
    note = QProgressDialog("Reading the article…", "Stop", 0, 1000)
    note.setWindowTitle("Re-split Article")
    qtbot.add_widget(note)
    note.setMinimumDuration(0)
    note.show()
    qtbot.waitExposed(note)
    for _ in range(3):  # at each turn of the event loop it stays up
        monkey._answer(note)
    assert note.isVisible() and not note.wasCanceled()
    assert monkey.answer_rng.random() == random.Random(0).random()  # nothing drawn
    assert monkey.answers_this_step == 0
    assert monkey.run.dialogs == {"progress: Re-split Article": 1}


# Seed 2313 (on Xvfb at step 3525, offscreen at step 2342): lines with "\r\n", U+2028 and
# U+2029 pasted into a claimant; on the sentence before it an explanation typed; Ctrl+M.
MERGE_CARRYING_LINE_BREAKS = [
    {"kind": "focus", "target": "sentence_view"},
    {"kind": "review_key", "keys": ["Home", "Down"]},
    {
        "kind": "paste",
        "field": "claimant",
        "text_kind": "newlines",
        "text_seed": 5,
        "then": "Ctrl+S",
    },
    {"kind": "focus", "target": "sentence_view"},
    {"kind": "review_key", "keys": ["Up"]},
    {"kind": "type", "field": "explanation", "text": "the minister said", "then": "Ctrl+S"},
    {"kind": "focus", "target": "sentence_view"},
    {"kind": "review_key", "keys": ["Ctrl+M"]},
]


def test_the_monkey_reads_an_explanation_as_the_plain_text_box_holds_it(tmp_path: Path) -> None:
    """Merge with Next carries the second sentence's claimant into the explanation, with
    its "\\r\\n", U+2028 and U+2029; the explanation box shows each as the line break it
    is ("\\n"). The monkey took that for the panel showing other than was saved."""
    _, outcome = _run_monkey(
        tmp_path, [{**step, "answers": 0} for step in MERGE_CARRYING_LINE_BREAKS]
    )
    assert outcome["findings"] == [], json.dumps(outcome["findings"], indent=1)
    assert outcome["steps"] == len(MERGE_CARRYING_LINE_BREAKS)


def test_the_monkey_takes_an_untagged_sentence_given_a_verdict_for_a_check(
    tmp_path: Path,
) -> None:
    """Verdict 1 on the untagged first sentence: done, with a verdict and no tag, which
    is a check ("#1 Untagged: True"), not "nothing to check", and the panel lights no
    tag button. The monkey expected X lit for any done sentence without a tag, and
    reported the panel as showing other than saved (seed 2801, step 9)."""
    _, outcome = _run_monkey(tmp_path, [{"kind": "action", "action": "VERDICT_1", "answers": 0}])
    assert outcome["findings"] == [], json.dumps(outcome["findings"], indent=1)
    assert outcome["kinds"] == {"action": 1}
