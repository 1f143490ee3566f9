"""A Markdown article exported by a newsroom CMS, imported through the desk: its `---`
front-matter block fills the article's properties, and none of its lines are sentences
to review (until 8 December "title: "Mayor opens 40 schools" author: Dana Reyes …" was
the article's first sentence, and its properties were empty)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck_app.domain import importing
from factcheck_app.services.desk import Desk

EXPORT = """---
title: "Mayor opens 40 schools"
authors:
  - Dana Reyes
  - Li Wei
date: 2024-05-02T09:30:00+02:00
publisher: Lyon Daily
canonical: https://example.org/a
lang: fr
tags: [schools, city]
draft: false
---
# Mayor opens 40 schools

Le maire a ouvert 40 écoles lundi matin. Il en promet dix de plus avant 2026.

---

La ville compte désormais 212 écoles.
"""


def test_a_cms_markdown_export_comes_in_with_its_properties(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "mayor.md"
    path.write_text(EXPORT, encoding="utf-8")
    result = desk.importer.import_file(path)
    assert result.title == "Mayor opens 40 schools"

    article = desk.repo.articles.get_article(result.article_id)
    assert article.title == "Mayor opens 40 schools"
    assert article.author == "Dana Reyes, Li Wei"
    assert article.published == dt.date(2024, 5, 2)
    assert article.outlet == "Lyon Daily"
    assert article.url == "https://example.org/a"
    # Split by the French rules it declares, as if chosen in Article Properties.
    assert article.language == "fr"

    sentences = [row.sentence.text for row in desk.repo.sentences.sentence_rows(article.id)]
    assert sentences[0] == "Mayor opens 40 schools"  # the body's heading, as without a block
    assert "Le maire a ouvert 40 écoles lundi matin." in sentences
    words = " ".join(sentences)
    for block_word in ("title:", "Dana", "2024-05-02", "publisher", "canonical", "tags", "draft"):
        assert block_word not in words
    # The rule in the body is left to the text untouched: a "sentence" of its own, as it
    # is in any Markdown file (the reader does not take rules out).
    assert article.text.count("---") == 1


def test_a_declared_language_is_the_one_the_article_is_split_in(desk: Desk, tmp_path: Path) -> None:
    """The block's `lang` is the publisher's word, taken over a guess from the text (a
    short article is guessed as English); a code the desk has no rules for is passed
    over and the language detected, as for any file."""
    given = tmp_path / "given.md"
    given.write_text("---\ntitle: Kurz\nlang: de\n---\nThe mayor spoke.\n", encoding="utf-8")
    unknown = tmp_path / "unknown.md"
    unknown.write_text("---\ntitle: Kort\nlang: nl\n---\nThe mayor left.\n", encoding="utf-8")
    given_id = desk.importer.import_file(given).article_id
    unknown_id = desk.importer.import_file(unknown).article_id
    assert desk.repo.articles.get_article(given_id).language == "de"
    assert desk.repo.articles.get_article(unknown_id).language == "en"


def test_a_declared_language_of_another_script_than_the_texts_is_passed_over(
    desk: Desk, tmp_path: Path
) -> None:
    """A CMS stamps its site's `lang: en` on every page, an Arabic or a Russian one too:
    English rules do not end a sentence at the Arabic question mark, and the article's
    questions ran into their answers. The text is not written in the declared language's
    letters, so the language is detected, as for any file; a declared language in the
    text's own letters is still taken (above)."""
    arabic = tmp_path / "arabic.md"
    arabic.write_text(
        "---\ntitle: T\nlang: en\n---\n"
        "افتتح رئيس البلدية 40 مدرسة يوم الاثنين. ووعد بعشر مدارس أخرى؟ نعم.\n",
        encoding="utf-8",
    )
    russian = tmp_path / "russian.md"
    russian.write_text(
        "---\ntitle: T\nlang: fr\n---\nМэр открыл 40 школ. Он обещает ещё десять.\n",
        encoding="utf-8",
    )
    english = tmp_path / "english.md"
    english.write_text("---\ntitle: T\nlang: ru\n---\nThe mayor opened 40 schools.\n", "utf-8")
    arabic_id = desk.importer.import_file(arabic).article_id
    assert desk.repo.articles.get_article(arabic_id).language == "ar"
    sentences = [row.sentence.text for row in desk.repo.sentences.sentence_rows(arabic_id)]
    assert sentences[-1] == "نعم."
    russian_id = desk.importer.import_file(russian).article_id
    assert desk.repo.articles.get_article(russian_id).language == "ru"
    english_id = desk.importer.import_file(english).article_id
    assert desk.repo.articles.get_article(english_id).language == "en"


FRENCH_BODY = (
    "Le maire a ouvert quarante écoles lundi matin dans les quartiers nord de la ville. "
    "M. Dupont, adjoint chargé de l’éducation, a dit « c’est un jour historique pour nos "
    "enfants. » Mme Martin, conseillère d’opposition, a répondu que les travaux avaient "
    "coûté deux fois plus cher que prévu. Il y en aura douze de plus en sept. 2025."
)


def test_a_declared_language_the_text_does_not_read_as_is_said(desk: Desk, tmp_path: Path) -> None:
    """A CMS stamps its site's `lang: en` on a French page: split by English rules ("» Mme
    Martin …", "2025." a sentence), and nothing said so; the language was only to be seen
    in Article Properties. The declared one is still taken (the publisher's word), and the
    import says the text reads as another; not for a text too short to be sure of."""
    stamped = tmp_path / "stamped.md"
    stamped.write_text(f"---\ntitle: T\nlang: en\n---\n{FRENCH_BODY}\n", encoding="utf-8")
    result = desk.importer.import_file(stamped)
    assert result.language_note == (
        "split as English, as its front matter says, though its text reads as French"
    )
    assert desk.repo.articles.get_article(result.article_id).language == "en"
    right = tmp_path / "right.md"
    right.write_text(f"---\ntitle: T\nlang: fr\n---\n{FRENCH_BODY} Fin.\n", encoding="utf-8")
    assert desk.importer.import_file(right).language_note == ""
    short = tmp_path / "short.md"
    short.write_text("---\ntitle: T\nlang: en\n---\nM. Dupont a dit non.\n", encoding="utf-8")
    assert desk.importer.import_file(short).language_note == ""
    detected = tmp_path / "detected.md"  # no `lang`: detected, nothing to say
    detected.write_text(f"---\ntitle: T\n---\n{FRENCH_BODY} Encore.\n", encoding="utf-8")
    assert desk.importer.import_file(detected).language_note == ""


def test_a_file_imported_before_front_matter_was_read_is_found_again(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CMS export imported by an earlier version holds its block as text, and its text's
    hash with it: imported again (a folder of exports swept in once more for the new
    ones), every such file came in as a second article beside the one holding the work,
    "Imported 40 articles" where all 40 were there. It is found again, as the same text
    is; a new import of it takes the block as properties."""
    path = tmp_path / "mayor.md"
    path.write_text(EXPORT, encoding="utf-8")
    with monkeypatch.context() as before:  # as the desk read it before 8 December
        before.setattr(importing, "split_yaml_front_matter", lambda text, **_: (None, text))
        first = desk.importer.import_file(path)
    assert "title:" in desk.repo.articles.get_article(first.article_id).text
    again = desk.importer.import_file(path)
    assert again.duplicate and again.article_id == first.article_id
    assert len(desk.articles.list_articles()) == 1
    # The same block above another text is no such article: imported as new.
    other = tmp_path / "other.md"
    other.write_text(EXPORT.replace("212", "213"), encoding="utf-8")
    assert not desk.importer.import_file(other).duplicate
