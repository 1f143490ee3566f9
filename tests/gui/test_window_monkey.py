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

import pytest

from tests.conftest import REPO_ROOT

# Seed 100's first 60 steps answer the export dialog with a name holding a NUL (step 22):
# before that was refused in words, this test failed with its traceback.
SEED, STEPS = 100, 60


def test_the_window_monkey_runs_a_few_dozen_steps_and_finds_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    script = REPO_ROOT / "bench" / "fuzz_window.py"
    done = subprocess.run(
        [sys.executable, str(script), "--seed", str(SEED), "--steps", str(STEPS), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
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
    steps = tmp_path / "steps.json"
    steps.write_text(json.dumps(EXPORT_AS_OFFERED), encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
    }
    script = REPO_ROOT / "bench" / "fuzz_window.py"
    done = subprocess.run(
        [sys.executable, str(script), "--steps-file", str(steps), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
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
    spec = importlib.util.spec_from_file_location(
        "fuzz_window", REPO_ROOT / "bench" / "fuzz_window.py"
    )
    assert spec is not None and spec.loader is not None
    fuzz_window = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "fuzz_window", fuzz_window)  # for its dataclasses
    spec.loader.exec_module(fuzz_window)
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
    steps = tmp_path / "steps.json"
    steps.write_text(json.dumps(_reach_steps()), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    script = REPO_ROOT / "bench" / "fuzz_window.py"
    done = subprocess.run(
        [sys.executable, str(script), "--steps-file", str(steps), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
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
    steps = tmp_path / "steps.json"
    steps.write_text(
        json.dumps([{**s, "n": n, "answers": 0} for n, s in enumerate(MERGE_CARRYING_LINE_BREAKS)]),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    script = REPO_ROOT / "bench" / "fuzz_window.py"
    done = subprocess.run(
        [sys.executable, str(script), "--steps-file", str(steps), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["findings"] == [], json.dumps(outcome["findings"], indent=1)
    assert outcome["steps"] == len(MERGE_CARRYING_LINE_BREAKS)
