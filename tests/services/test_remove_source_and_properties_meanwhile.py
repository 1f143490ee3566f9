"""Two desks on one workspace (two windows, or a colleague's desk on a shared file):
Bea's desk saves a change while Ana's window still shows the one before.

Remove Source read the link again by its number, so Ana removed an excerpt or stance
she never saw (Bea's), without a word. Article Properties saved every field as the
dialog was filled, over Bea's author or date saved while it was open, though Ana only
typed a title. Now a removal is made from the link as shown and refused in words when
it is no longer so; properties left as shown keep what is saved, and a field both
changed is refused in words, the next OK saving Ana's over it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import ChangedMeanwhile, EditRefused
from factcheck_app.domain.models import ArticleMetadata, Stance
from factcheck_app.services.articles import PropertiesChangedMeanwhile
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.services.meanwhile_fixtures import minister_desk, path_of
from tests.services.merge_fixtures import sentence_ids

STATS = "https://stats.example/unemployment"
BEAS_QUOTE = "Unemployment stood at 4.1 percent in December."


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:
    """Ana's desk (the minister article imported) and a second desk on the same file,
    whose saves are Bea's: another program (a script, the window's own worker) writing
    it meanwhile, under Ana's writer lock, as one desk per workspace allows."""
    for ana in minister_desk(tmp_path):
        bea = Desk.open(
            path_of(ana),
            backup=False,
            session=False,
            held_lock=ana.writer_lock,
            owns_lock=False,
            reviewer="Bea Ito",
        )
        bea.edits.actor = "Bea Ito"
        yield ana, bea
        bea.close()


def test_a_link_another_desk_changed_since_it_was_shown_is_not_removed(
    desks: tuple[Desk, Desk],
) -> None:
    ana, bea = desks
    first = sentence_ids(ana, 1)[0]
    ana.sources.link_source(first, NewSource(STATS, title="Labour statistics"))
    [shown] = ana.sources.links(first)
    bea.sources.edit_link(
        shown.id,
        first,
        NewSource(STATS, title="Labour statistics", stance=Stance.REFUTES, excerpt=BEAS_QUOTE),
    )
    with pytest.raises(ChangedMeanwhile) as refused:
        ana.sources.unlink_source(shown.id, first, shown=shown)
    words = str(refused.value)
    assert "Unemployment stood at" in words and "Refutes" in words, words
    [kept] = bea.sources.links(first)
    assert (kept.excerpt, kept.stance) == (BEAS_QUOTE, Stance.REFUTES)


def test_a_link_removed_as_shown_goes_and_ctrl_z_brings_it_back(
    desks: tuple[Desk, Desk],
) -> None:
    ana, _bea = desks
    first = sentence_ids(ana, 1)[0]
    ana.sources.link_source(first, NewSource(STATS, title="Labour statistics", excerpt="x"))
    [shown] = ana.sources.links(first)
    ana.sources.unlink_source(shown.id, first, shown=shown)
    assert ana.sources.links(first) == []
    ana.edits.undo()
    assert ana.sources.links(first) == [shown]


def _typed_title(metadata: ArticleMetadata, title: str) -> ArticleMetadata:
    return ArticleMetadata(
        title=title,
        outlet=metadata.outlet,
        author=metadata.author,
        url=metadata.url,
        published=metadata.published,
        language=metadata.language,
    )


def test_properties_another_desk_saved_while_the_dialog_was_open_are_kept(
    desks: tuple[Desk, Desk],
) -> None:
    ana, bea = desks
    shown = ana.articles.article_metadata(1)
    theirs = ArticleMetadata(
        title=shown.title,
        outlet="Daily Planet",
        author="Lois Lane",
        url="https://planet.example/minister",
        published=dt.date(2026, 12, 1),
        language=shown.language,
    )
    bea.articles.update_article_metadata(1, theirs)
    ana.articles.update_article_metadata(1, _typed_title(shown, "Minister on jobs"), shown=shown)
    now = bea.articles.article_metadata(1)
    assert (now.title, now.outlet, now.author, now.url, now.published) == (
        "Minister on jobs",
        "Daily Planet",
        "Lois Lane",
        "https://planet.example/minister",
        dt.date(2026, 12, 1),
    )


def test_a_property_both_changed_is_refused_in_words_then_the_next_ok_saves_it(
    desks: tuple[Desk, Desk],
) -> None:
    ana, bea = desks
    shown = ana.articles.article_metadata(1)
    bea.articles.update_article_metadata(1, _typed_title(shown, "Bea's title"))
    typed = _typed_title(shown, "Ana's title")
    with pytest.raises(PropertiesChangedMeanwhile) as refused:
        ana.articles.update_article_metadata(1, typed, shown=shown)
    words = str(refused.value)
    assert "title" in words and "Bea's title" in words, words
    assert bea.articles.article_metadata(1).title == "Bea's title"
    over = refused.value.over
    ana.articles.update_article_metadata(1, typed, shown=over)
    assert bea.articles.article_metadata(1).title == "Ana's title"


def test_properties_saved_between_the_read_and_the_write_are_not_written_over(
    desks: tuple[Desk, Desk],
    between_read_and_write: Callable[[Desk, Callable[[], None]], None],
) -> None:
    """Bea's author saved between Ana's desk reading the properties and its save (a
    moment, but the window's worker saves in it too): written over as read."""
    ana, bea = desks
    shown = ana.articles.article_metadata(1)
    theirs = dataclasses.replace(shown, author="Lois Lane")
    between_read_and_write(ana, lambda: bea.articles.update_article_metadata(1, theirs))
    with pytest.raises(ChangedMeanwhile):
        ana.articles.update_article_metadata(1, _typed_title(shown, "Minister on jobs"))
    assert bea.articles.article_metadata(1).author == "Lois Lane"


@pytest.mark.parametrize("action", ["undo", "redo"])
def test_ctrl_z_of_properties_never_puts_them_back_over_what_another_desk_saved_since(
    desks: tuple[Desk, Desk], action: str
) -> None:
    """Ana's title saved, then Bea's author: Ana's Ctrl+Z put back every field as it
    was before her step, Bea's author gone without a word (Ctrl+Y likewise over an
    author saved after the undo). Refused in words now, her title and Bea's author
    kept as saved."""
    ana, bea = desks
    shown = ana.articles.article_metadata(1)
    ana.articles.update_article_metadata(1, _typed_title(shown, "Minister on jobs"), shown=shown)
    if action == "redo":
        ana.edits.undo()
    saved = bea.articles.article_metadata(1)
    bea.articles.update_article_metadata(1, dataclasses.replace(saved, author="Lois Lane"))
    with pytest.raises(EditRefused) as refused:
        getattr(ana.edits, action)()
    assert "changed since by another program" in str(refused.value), str(refused.value)
    now = bea.articles.article_metadata(1)
    assert (now.title, now.author) == (saved.title, "Lois Lane")


@pytest.mark.parametrize("action", ["undo", "redo"])
@pytest.mark.parametrize(
    ("field", "respelled"),
    [
        ("title", lambda title: f" {title}\n"),  # a script's blank and line break
        ("url", lambda url: url.replace("https://news.example", "https://NEWS.example")),
    ],
)
def test_ctrl_z_of_properties_goes_over_the_same_words_saved_again_but_for_a_space(
    desks: tuple[Desk, Desk], action: str, field: str, respelled: Callable[[str], str]
) -> None:
    """Another program saved the properties again with the same words but for a blank
    at an end or a line break (or the same address, its host in capitals): no change
    the dialog would call a clash (`_alike`). Ctrl+Z (Ctrl+Y) was refused for good, the
    step dropped from the stack, her title or URL kept whether she wanted it or not."""
    ana, bea = desks
    first = ana.articles.article_metadata(1)
    bea.articles.update_article_metadata(
        1, dataclasses.replace(first, url="https://news.example/minister")
    )
    shown = ana.articles.article_metadata(1)
    mine = dataclasses.replace(
        shown, title="Minister on jobs", url="https://news.example/minister-jobs"
    )
    ana.articles.update_article_metadata(1, mine, shown=shown)
    if action == "redo":
        ana.edits.undo()
    saved = bea.articles.article_metadata(1)
    bea.repo.articles.update_article_metadata(
        1, dataclasses.replace(saved, **{field: respelled(getattr(saved, field))})
    )
    getattr(ana.edits, action)()
    now = bea.articles.article_metadata(1)
    wanted = shown if action == "undo" else mine
    assert getattr(saved, field) != respelled(getattr(saved, field))
    assert (now.title, now.url) == (wanted.title, wanted.url)


@pytest.mark.parametrize("action", ["undo", "redo"])
@pytest.mark.parametrize(
    ("was", "corrected"),
    [
        ("https://strasse.example/artikel", "https://straße.example/artikel"),
        ("https://σοφοσ.example/a", "https://σοφος.example/a"),  # a final sigma
    ],
)
def test_ctrl_z_of_properties_never_puts_back_another_site_of_a_like_name(
    desks: tuple[Desk, Desk], action: str, was: str, corrected: str
) -> None:
    """Another program corrected the URL to the site the article is on: straße.example
    and strasse.example are two sites (as browsers read names since 2023), and the
    desk's own address form (IDNA 2003) writes both the same way, so `_alike` called
    them alike. Ctrl+Z (Ctrl+Y) put the old site back over the correction, unsaid. Only
    a host differing in capitals (and blanks at the ends) is the same address."""
    ana, bea = desks
    first = ana.articles.article_metadata(1)
    bea.articles.update_article_metadata(1, dataclasses.replace(first, url=was))
    shown = ana.articles.article_metadata(1)
    ana.articles.update_article_metadata(1, _typed_title(shown, "Minister on jobs"), shown=shown)
    if action == "redo":
        ana.edits.undo()
    saved = bea.articles.article_metadata(1)
    bea.repo.articles.update_article_metadata(1, dataclasses.replace(saved, url=corrected))
    with pytest.raises(EditRefused) as refused:
        getattr(ana.edits, action)()
    assert "changed since by another program" in str(refused.value), str(refused.value)
    assert bea.articles.article_metadata(1).url == corrected


def test_a_language_both_changed_is_named_as_the_dialog_names_it(
    desks: tuple[Desk, Desk],
) -> None:
    """The refusal said "the language is now “fr”": a code the dialog shows nowhere (it
    lists "French (français)")."""
    ana, bea = desks
    shown = ana.articles.article_metadata(1)
    bea.articles.update_article_metadata(1, dataclasses.replace(shown, language="fr"))
    with pytest.raises(PropertiesChangedMeanwhile) as refused:
        ana.articles.update_article_metadata(
            1, dataclasses.replace(shown, language="de"), shown=shown
        )
    words = str(refused.value)
    assert "the language is now French" in words, words


def test_the_same_address_both_typed_is_no_clash(desks: tuple[Desk, Desk]) -> None:
    """Bea saved the article's address; Ana typed the same one with a capital in the
    site's name: refused as "the URL is now “https://planet.example/minister”", which
    reads as hers (the desk saves both alike)."""
    ana, bea = desks
    shown = ana.articles.article_metadata(1)
    bea.articles.update_article_metadata(
        1, dataclasses.replace(shown, url="https://planet.example/minister")
    )
    typed = dataclasses.replace(shown, url="https://Planet.example/minister")
    ana.articles.update_article_metadata(1, typed, shown=shown)
    assert bea.articles.article_metadata(1).url == "https://planet.example/minister"


@pytest.mark.parametrize(
    ("attr", "theirs", "typed"),
    [
        ("title", "Jobs: the minister's figures ", "Jobs: the minister's figures"),
        ("author", " Lois Lane", "Lois Lane"),
        ("outlet", "Daily\nPlanet", "Daily Planet"),
        ("outlet", "Daily Planet\u00a0", "Daily Planet"),
    ],
)
def test_the_same_words_both_typed_but_for_a_space_are_no_clash(
    desks: tuple[Desk, Desk], attr: str, theirs: str, typed: str
) -> None:
    """Another program saved the words Ana typed with a space at an end (or a line break
    the field shows as a space): refused as "the author is now “ Lois Lane”", which
    reads as hers, and OK again was needed to save what she had already typed."""
    ana, bea = desks
    shown = ana.articles.article_metadata(1)
    bea.articles.update_article_metadata(1, dataclasses.replace(shown, **{attr: theirs}))
    ana.articles.update_article_metadata(
        1, dataclasses.replace(shown, **{attr: typed}), shown=shown
    )
    assert getattr(bea.articles.article_metadata(1), attr) == typed


def test_a_field_another_program_changed_only_by_a_space_is_no_clash(
    desks: tuple[Desk, Desk],
) -> None:
    """Another program (a script tidying the file) saved the title Ana was shown with a
    space after it, and she typed a new one: refused as changed meanwhile, "the title is
    now “…”" naming the very title she had typed over."""
    ana, bea = desks
    shown = ana.articles.article_metadata(1)
    bea.articles.update_article_metadata(1, dataclasses.replace(shown, title=shown.title + " "))
    ana.articles.update_article_metadata(1, _typed_title(shown, "Minister on jobs"), shown=shown)
    assert bea.articles.article_metadata(1).title == "Minister on jobs"
