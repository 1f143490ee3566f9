"""`factcheck-app suggest` on a long article reads its later sentences in a second process
(issue 17: 10,000 sentences in under a second on two cores). What it suggests must not
depend on where a sentence was read: claimants carried over from the sentence before, and
denials linked to claims, across the point where the article is divided."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.assist import Suggestion, suggest_article
from factcheck_app.services import assist

ROOT = Path(__file__).resolve().parents[2]

STORY = [
    "The Interior Ministry said 32 people were wounded in Kavala on Tuesday.",
    "It said police had arrested 14 protesters near the port.",
    "Opposition leader Maria Doukas accused the government of hiding the death toll.",
    "She said at least three people had died in the clashes.",
    "Government spokesman Petros Alexiou dismissed the allegations as baseless.",
    "He denied that anyone had died.",
    "Smoke hung over the harbour for most of the afternoon.",
    "Unemployment in the region rose to 19 percent last year, official figures show.",
    "The mayor rejected claims that the port would close.",
    "Residents queued for bread as shops reopened.",
    "Kavala has 70,000 residents.",  # a name only because the article uses it mid-sentence
]


def article(sentences: int) -> list[str]:
    return [STORY[i % len(STORY)].replace("32", str(32 + i)) for i in range(sentences)]


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many sentences each forked helper was given."""
    given: list[int] = []
    fork = assist._read_in_child

    def counted(sentences: list[str], start: int, *args: Any) -> object:
        given.append(len(sentences) - start)
        return fork(sentences, start, *args)

    monkeypatch.setattr(assist, "_read_in_child", counted)
    return given


@pytest.mark.skipif(not assist._can_fork_a_helper(), reason="needs fork and two cores")
@pytest.mark.parametrize("sentences", [11, 12, 57, 230])
def test_two_processes_suggest_what_one_does(sentences: int, children: list[int]) -> None:
    text = article(sentences)
    shared = assist.suggest_sentences(text, "en", parallel_from=1)
    assert children == [sentences - round(sentences * assist.OWN_SHARE)]
    assert shared == suggest_article(text, "en")


@pytest.mark.skipif(not assist._can_fork_a_helper(), reason="needs fork and two cores")
@pytest.mark.parametrize("sentences", [11, 12])
def test_what_runs_across_the_division_is_kept(
    sentences: int, children: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pronoun's claimant from before the division, a denial's claim before it, a name
    the article uses before it: the helper reads the later sentences, not the others."""
    monkeypatch.setattr(assist, "OWN_SHARE", 0.4)  # the division where the story has them
    text = article(sentences)
    shared = assist.suggest_sentences(text, "en", parallel_from=1)
    assert children and shared == suggest_article(text, "en")
    start = round(sentences * assist.OWN_SHARE)
    later = shared[start:]
    assert any(s.claimant and "=" in s.cue for s in later)
    assert any(s.denies_index is not None and s.denies_index < start for s in later)
    assert any("named entity: Kavala" in s.cue for s in later)


@pytest.mark.skipif(not assist._can_fork_a_helper(), reason="needs fork and two cores")
def test_a_helper_that_fails_leaves_its_sentences_to_this_process(
    monkeypatch: pytest.MonkeyPatch, children: list[int]
) -> None:
    def broken(sentences: list[str], start: int, proper: frozenset[str]) -> None:
        raise MemoryError("the helper ran out of memory")

    monkeypatch.setattr(assist, "suggest_later_part", broken)  # the forked child inherits it
    text = article(40)
    assert assist.suggest_sentences(text, "en", parallel_from=1) == suggest_article(text, "en")
    assert children  # a helper was forked, and failed


@pytest.mark.skipif(not assist._can_fork_a_helper(), reason="needs fork and two cores")
def test_the_helper_renders_what_it_settles_itself() -> None:
    """The helper hands back the later sentences rendered (the command's JSON, say), all
    but the first few, which depend on the sentences before them: this process renders
    those, and its own, while the helper is at work."""
    text = article(400)
    start = round(len(text) * assist.OWN_SHARE)

    def where(first: int, hints: list[Suggestion]) -> tuple[int, int, int]:
        return os.getpid(), first, len(hints)

    parts = assist.suggest_in_parts(text, where, "en", parallel_from=1)
    here = os.getpid()
    assert [(pid == here, first) for pid, first, _ in parts] == [
        (True, 0),
        (True, start),
        (False, start + parts[1][2]),
    ]
    assert sum(count for _, _, count in parts) == len(text)
    assert 0 < parts[1][2] < 100 < parts[2][2]  # the story's 25th claim comes within 100


def test_short_or_foreign_articles_are_read_in_one_process(children: list[int]) -> None:
    assist.suggest_sentences(article(30), "en")
    spanish = "El ministerio dijo que 32 personas resultaron heridas."
    assist.suggest_sentences([spanish] * 3000, "es")
    assert children == []


def test_the_command_suggests_for_a_long_article_as_in_one_process(tmp_path: Path) -> None:
    text = article(assist.PARALLEL_MIN_SENTENCES + 10)
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(text) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "suggest", "--json", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    rows = json.loads(done.stdout)
    alone = suggest_article([row["text"] for row in rows], "en")
    assert len(rows) == len(text)
    assert [(r["tag"], r["claimant"], r["checkworthiness"], r["denies_index"]) for r in rows] == [
        (s.tag.value if s.tag else None, s.claimant, s.checkworthiness, s.denies_index)
        for s in alone
    ]


@pytest.mark.skipif(not assist._can_fork_a_helper(), reason="needs fork and two cores")
@pytest.mark.parametrize("options", [["--json"], []])
def test_the_command_prints_what_it_prints_in_one_process(
    options: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each process writes its own part of the output: joined, it is byte for byte what
    one process writes, JSON and lines."""
    text = article(assist.PARALLEL_MIN_SENTENCES + 10)
    text[1000] += " \x9b2J\x1b “quoted” \\ back\u00a0slash 🍮"  # escaped, kept, escaped
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(text) + "\n", encoding="utf-8")
    forks: list[int] = []
    fork = assist._read_in_child
    monkeypatch.setattr(assist, "_read_in_child", lambda *a: forks.append(1) or fork(*a))
    assert run(["suggest", *options, str(path)]) == 0
    shared = capsys.readouterr()
    monkeypatch.setattr(assist, "_can_fork_a_helper", lambda: False)
    assert run(["suggest", *options, str(path)]) == 0
    assert forks == [1] and shared == capsys.readouterr()


def test_when_no_second_process_can_be_made_this_one_reads_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A desktop short of memory or of processes refuses the fork: the command goes on
    alone instead of failing."""

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(assist.os, "fork", refused)
    monkeypatch.setattr(assist, "_can_fork_a_helper", lambda: True)
    text = article(40)
    assert assist.suggest_sentences(text, "en", parallel_from=1) == suggest_article(text, "en")
