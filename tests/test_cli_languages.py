"""`segment` and `suggest` in each language: --lang CODE, or detected (issue 18)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.languages import SUPPORTED

DATA = Path(__file__).resolve().parent / "data"


def _article(lang: str) -> tuple[str, list[str]]:
    """The first cases of a language joined into one article, and its sentences."""
    path = (
        DATA / "segmentation_cases.jsonl"
        if lang == "en"
        else DATA / "segmentation" / f"{lang}.jsonl"
    )
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:6]]
    text = "\n\n".join(str(c["text"]) for c in cases)
    return text, [s for c in cases for s in c["sentences"]]


@pytest.mark.parametrize("lang", SUPPORTED)
def test_segment_lang_json(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, sentences = _article(lang)
    source = tmp_path / f"{lang}.txt"
    source.write_text(text, encoding="utf-8")
    assert run(["segment", "--lang", lang, "--json", str(source)]) == 0
    out = capsys.readouterr()
    spans = json.loads(out.out)
    assert [s["text"] for s in spans] == sentences
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)
    assert out.err.startswith(f"language: {lang} (") and "given" in out.err
    # Without --lang the language is detected, and said.
    assert run(["segment", "--json", str(source)]) == 0
    detected = capsys.readouterr()
    assert json.loads(detected.out) == spans
    assert detected.err.startswith(f"language: {lang} (") and "detected" in detected.err


def test_segment_other_codes_and_bad_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "pt.txt"
    source.write_text("O governo aprovou a lei. A oposição criticou.", encoding="utf-8")
    assert run(["segment", "--lang", "pt", str(source)]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == ["O governo aprovou a lei.", "A oposição criticou."]
    assert "rules all languages share" in out.err
    with pytest.raises(SystemExit) as exited:
        run(["segment", "--lang", "english", str(source)])
    assert exited.value.code == 2
    assert "not an ISO 639-1 language code" in capsys.readouterr().err


def test_suggest_lang_through_the_real_entry_point() -> None:
    text = "Баку заявил, что погибли 32 человека. Ереван опроверг эти сообщения."
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "suggest", "--lang", "ru", "--json"],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    rows = json.loads(result.stdout)
    assert [r["tag"] for r in rows] == ["claim", "denial"]
    assert rows[1]["denies_index"] == 0
    assert "English articles only" in rows[0]["note"]
    assert result.stderr.decode().startswith("language: ru (Russian, given)")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Баку заявил, что погибли 32 человека. Ереван опроверг эти сообщения."),
        ("pt", "O governo disse que a inflação subiu 7%. A oposição negou."),
        ("en", "Baku said 32 people died. Yerevan denied the reports."),
    ],
)
def test_suggest_says_once_what_its_suggestions_cannot_know(
    lang: str, text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outside English every suggestion's note says what it cannot know; the command
    says it once on stderr too (for English there is nothing to say)."""
    source = tmp_path / f"{lang}.txt"
    source.write_text(text, encoding="utf-8")
    assert run(["suggest", "--lang", lang, "--json", str(source)]) == 0
    out = capsys.readouterr()
    notes = {row["note"] for row in json.loads(out.out)}
    assert len(notes) == 1
    note = notes.pop()
    assert bool(note) == (lang != "en")
    assert out.err.splitlines()[1:] == ([note] if note else [])  # after "language: …"
    assert run(["suggest", "--lang", lang, str(source)]) == 0
    assert capsys.readouterr().err.splitlines()[1:] == ([note] if note else [])


FRENCH_EXPORT = "---\ntitle: Dupont\nlang: fr\n---\nM. Dupont a dit « non ! » Mme Martin aussi.\n"


@pytest.mark.parametrize("command", ["segment", "suggest"])
def test_a_front_matters_lang_is_the_language_segment_and_suggest_split_in(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CMS's Markdown export declares `lang: fr`; import splits it by French rules, and
    `segment` and `suggest` detected the language instead: this short French text came
    out English, and their sentences were not the desk's ("» Mme Martin aussi.").
    --lang still wins over it."""
    source = tmp_path / "ecoles.md"
    source.write_text(FRENCH_EXPORT, encoding="utf-8")
    assert run([command, "--json", str(source)]) == 0
    out = capsys.readouterr()
    assert out.err.startswith("language: fr (French, given by its front matter)")
    sentences = [s["text"] for s in json.loads(out.out)]
    assert sentences == ["M. Dupont a dit « non ! »", "Mme Martin aussi."]
    assert run([command, "--lang", "en", "--json", str(source)]) == 0
    assert capsys.readouterr().err.startswith("language: en (English, given)")


def test_import_says_a_declared_language_the_text_does_not_read_as(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factcheck-app import` of a French page stamped `lang: en` by its CMS printed its
    id, count and title only: split by English rules, and nothing said so."""
    from tests.services.test_import_front_matter import FRENCH_BODY

    source = tmp_path / "stamped.md"
    source.write_text(f"---\ntitle: Écoles\nlang: en\n---\n{FRENCH_BODY}\n", encoding="utf-8")
    workspace = tmp_path / "w.fcdesk"
    assert run(["import", "--workspace", str(workspace), str(source)]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert line.endswith(
        "Écoles  (split as English, as its front matter says, though its text reads as French)"
    )
