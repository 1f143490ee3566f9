"""Editing a linked source: the link's stance and excerpt for its sentence only, the
source's title, publisher and accessed date for every sentence linking it, another URL
pointing the link at another source; one undo step each, recorded and verified."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.errors import EditRefused, InvalidSourceUrl
from factcheck_app.domain.models import SearchScope, SourceLink, Stance
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.reports import formats
from factcheck_app.services.reports.model import load_article_report
from tests.services.merge_fixtures import (
    SHARED_URL,
    article_titled,
    make_alice,
    make_bob,
    open_as,
    sentence_ids,
)
from tests.services.test_sign_off import act_as, checked

URL = "https://example.org/ganja-report"


def ids(desk: Desk, count: int = 3) -> list[int]:
    return [row.sentence.id for row in desk.reviews.sentence_rows(1)[:count]]


def typed(link: SourceLink, **changes: object) -> NewSource:
    """What the Edit Source dialog gives back: the link as it is, with `changes` typed."""
    fields: dict[str, object] = {
        "url": link.source.url,
        "title": link.source.title,
        "publisher": link.source.publisher,
        "accessed": link.source.accessed,
        "stance": link.stance,
        "excerpt": link.excerpt,
    }
    fields.update(changes)
    return NewSource(**fields)  # type: ignore[arg-type]


def linked_twice(desk: Desk) -> tuple[int, int]:
    """One source linked to the first two sentences, each with its own excerpt."""
    first, second, _ = ids(desk)
    desk.sources.link_source(
        first,
        NewSource(
            URL,
            title="Report on Ganja",
            publisher="Amnesty",
            accessed=dt.date(2020, 10, 5),
            stance=Stance.SUPPORTS,
            excerpt="rockets hit Ganja",
        ),
    )
    desk.sources.link_source(second, NewSource(URL, stance=Stance.CONTEXT, excerpt="a city"))
    return first, second


def history_count(desk: Desk) -> int:
    return int(desk.workspace.db.execute("SELECT count(*) FROM history").fetchone()[0])


def test_excerpt_and_stance_change_for_this_sentence_only_in_one_undo_step(
    seeded_desk: Desk,
) -> None:
    desk = seeded_desk
    first, second = linked_twice(desk)
    [link] = desk.sources.links(first)
    [other] = desk.sources.links(second)
    desk.sources.edit_link(
        link.id, first, typed(link, excerpt=" rockets hit Ganja city ", stance=Stance.REFUTES)
    )
    [edited] = desk.sources.links(first)
    assert (edited.id, edited.excerpt, edited.stance) == (
        link.id,
        "rockets hit Ganja city",
        Stance.REFUTES,
    )
    assert edited.reviewer == link.reviewer  # who linked it stays
    assert desk.sources.links(second) == [other]
    assert desk.edits.undo_text() == "Edit source Report on Ganja"
    [latest, *_] = desk.history.of_sentence(first)
    assert latest.what == "Edit source Report on Ganja"
    assert latest.changes == (
        "Stance: Supports → Refutes",
        "Excerpt: rockets hit Ganja → rockets hit Ganja city",
    )
    desk.undo()
    assert desk.sources.links(first) == [link]
    desk.redo()
    assert desk.sources.links(first) == [edited]
    assert desk.history.verify().ok


def test_title_publisher_and_date_are_the_sources_and_change_for_every_sentence(
    seeded_desk: Desk,
) -> None:
    desk = seeded_desk
    first, second = linked_twice(desk)
    [link] = desk.sources.links(first)
    assert desk.sources.sentences_sharing(link) == 1
    desk.sources.edit_link(
        link.id,
        first,
        typed(link, title="Report on Ganja strikes", publisher="Amnesty International"),
    )
    for sentence in (first, second):
        [shown] = desk.sources.links(sentence)
        assert (shown.source.title, shown.source.publisher) == (
            "Report on Ganja strikes",
            "Amnesty International",
        )
    assert [s.url for s in desk.sources.sources()] == [URL]
    [latest, *_] = desk.history.of_sentence(first)
    assert latest.changes == (
        "Title: Report on Ganja → Report on Ganja strikes",
        "Publisher: Amnesty → Amnesty International",
    )
    desk.undo()
    assert desk.sources.links(second)[0].source.title == "Report on Ganja"
    desk.sources.edit_link(link.id, first, typed(link, accessed=None))  # blank: not recorded
    assert desk.sources.links(second)[0].source.accessed is None
    assert desk.history.verify().ok


def test_verify_on_the_command_line_passes_after_edits_undos_and_redos(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = seeded_desk
    first, _ = linked_twice(desk)
    [link] = desk.sources.links(first)
    desk.sources.edit_link(link.id, first, typed(link, excerpt="rockets", title="Report"))
    desk.sources.edit_link(link.id, first, typed(link, url="https://example.org/elsewhere"))
    desk.undo()
    desk.undo()
    desk.redo()
    path = desk.path
    desk.close()
    assert run(["verify", "-w", str(path)]) == 0
    assert "every hash matches" in capsys.readouterr().out


def test_an_edit_that_changes_nothing_records_nothing(seeded_desk: Desk) -> None:
    desk = seeded_desk
    first, _ = linked_twice(desk)
    [link] = desk.sources.links(first)
    entries, undo = history_count(desk), desk.edits.undo_text()
    assert desk.sources.edit_link(link.id, first, typed(link, excerpt="rockets hit Ganja ")) is None
    assert (
        desk.sources.edit_link(
            link.id, first, typed(link, url=" HTTPS://Example.ORG/ganja-report ")
        )
        is None
    )
    assert history_count(desk) == entries and desk.edits.undo_text() == undo


def test_another_url_points_the_link_at_a_new_source_and_the_old_one_stays(
    seeded_desk: Desk,
) -> None:
    desk = seeded_desk
    first, second = linked_twice(desk)
    [link] = desk.sources.links(first)
    desk.sources.edit_link(
        link.id, first, typed(link, url="https://example.org/ganja-report-2", title="Update")
    )
    [moved] = desk.sources.links(first)
    assert moved.id == link.id
    assert (moved.source.url, moved.source.title, moved.source.publisher) == (
        "https://example.org/ganja-report-2",
        "Update",
        "Amnesty",
    )
    assert (moved.stance, moved.excerpt) == (link.stance, link.excerpt)
    # The old source keeps its other link, as it was.
    assert desk.sources.links(second)[0].source == link.source
    assert len(desk.sources.sources()) == 2
    desk.undo()
    assert desk.sources.links(first) == [link]
    assert [s.url for s in desk.sources.sources()] == [URL]
    desk.redo()
    assert desk.sources.links(first) == [moved]  # the same ids again
    [latest, *_] = desk.history.of_sentence(first)
    assert latest.changes[0] == f"URL: {URL} → https://example.org/ganja-report-2"
    assert desk.history.verify().ok


def test_another_url_already_here_is_that_source_as_it_is(seeded_desk: Desk) -> None:
    desk = seeded_desk
    first, second, third = ids(desk)
    desk.sources.link_source(first, NewSource(URL, title="Report on Ganja"))
    desk.sources.link_source(third, NewSource("https://example.org/other", title="Other"))
    desk.sources.link_source(second, NewSource("https://example.org/wrong", title="Wrong"))
    [wrong] = desk.sources.links(second)
    desk.sources.edit_link(wrong.id, second, typed(wrong, url=URL, excerpt="a city"))
    [link] = desk.sources.links(second)
    assert (link.source.url, link.source.title, link.excerpt) == (URL, "Report on Ganja", "a city")
    assert link.id == wrong.id and link.stance is wrong.stance
    # The source it left stays in the library, as after removing a link.
    assert "https://example.org/wrong" in {s.url for s in desk.sources.sources()}


def test_a_url_linked_to_the_sentence_already_is_refused(seeded_desk: Desk) -> None:
    desk = seeded_desk
    first, _, _ = ids(desk)
    desk.sources.link_source(first, NewSource(URL))
    desk.sources.link_source(first, NewSource("https://example.org/other"))
    link, _other = desk.sources.links(first)
    with pytest.raises(EditRefused, match="already linked to the sentence"):
        desk.sources.edit_link(link.id, first, typed(link, url="https://example.org/other"))
    assert desk.sources.links(first)[0] == link


def test_a_url_linked_here_only_is_corrected_in_place(seeded_desk: Desk) -> None:
    """A typo in the URL of a source nobody else links leaves no stray record of it."""
    desk = seeded_desk
    first, _, _ = ids(desk)
    desk.sources.link_source(first, NewSource("https://exmaple.org/report", title="Report"))
    [link] = desk.sources.links(first)
    desk.sources.edit_link(link.id, first, typed(link, url="https://example.org/report"))
    [fixed] = desk.sources.links(first)
    assert fixed.source.id == link.source.id
    assert [s.url for s in desk.sources.sources()] == ["https://example.org/report"]
    desk.undo()
    assert [s.url for s in desk.sources.sources()] == ["https://exmaple.org/report"]
    assert desk.history.verify().ok


def test_a_url_that_is_not_http_is_refused_and_nothing_changes(seeded_desk: Desk) -> None:
    desk = seeded_desk
    first, _ = linked_twice(desk)
    [link] = desk.sources.links(first)
    entries = history_count(desk)
    with pytest.raises(InvalidSourceUrl):
        desk.sources.edit_link(link.id, first, typed(link, url="javascript:alert(1)"))
    assert desk.sources.links(first) == [link] and history_count(desk) == entries


def test_an_edited_link_of_an_approved_check_awaits_sign_off_again(seeded_desk: Desk) -> None:
    desk = seeded_desk
    sentence = checked(desk)
    desk.sources.link_source(sentence, NewSource(URL, excerpt="rockets"))
    act_as(desk, "Zoë Ngata")
    desk.sign_offs.approve(sentence)
    approved = desk.sign_offs.sign_off(sentence)
    act_as(desk, "Ana Ruiz")
    [link] = desk.sources.links(sentence)
    desk.sources.edit_link(link.id, sentence, typed(link, excerpt="rockets hit Ganja"))
    assert desk.sign_offs.sign_off(sentence) is None
    [latest, *_] = desk.history.of_sentence(sentence)
    assert "Sign-off: Approved by Zoë Ngata → none" in latest.changes
    desk.undo()  # one step: the excerpt and the approval
    assert desk.sign_offs.sign_off(sentence) == approved
    assert desk.sources.links(sentence) == [link]
    desk.redo()
    assert desk.sign_offs.sign_off(sentence) is None
    assert desk.history.verify().ok


def test_a_shared_title_corrected_elsewhere_leaves_this_approval_alone(
    seeded_desk: Desk,
) -> None:
    """The approved sentence's link and the address it cites did not change."""
    desk = seeded_desk
    sentence = checked(desk)
    first = ids(desk, 1)[0]
    desk.sources.link_source(sentence, NewSource(URL, title="Reprot"))
    desk.sources.link_source(first, NewSource(URL))
    act_as(desk, "Zoë Ngata")
    desk.sign_offs.approve(sentence)
    approved = desk.sign_offs.sign_off(sentence)
    act_as(desk, "Ana Ruiz")
    [link] = desk.sources.links(first)
    desk.sources.edit_link(link.id, first, typed(link, title="Report"))
    assert desk.sources.links(sentence)[0].source.title == "Report"
    assert desk.sign_offs.sign_off(sentence) == approved


def test_search_and_earlier_verdicts_see_the_edited_text(seeded_desk: Desk) -> None:
    desk = seeded_desk
    first, second = linked_twice(desk)
    [link] = desk.sources.links(first)

    def found(words: str) -> set[int]:
        hits = desk.lookup.search(words, SearchScope.SOURCES).hits
        return {hit.found.row.sentence.id for hit in hits}

    assert found("amnesty") == {first, second}
    desk.sources.edit_link(
        link.id, first, typed(link, publisher="Human Rights Watch", excerpt="shelling of Ganja")
    )
    assert found("amnesty") == set()
    assert found("human rights watch") == {first, second}  # shared: both rows refreshed
    assert found("shelling") == {first}
    desk.undo()
    assert found("amnesty") == {first, second} and found("shelling") == set()


def test_an_earlier_verdict_shows_its_source_as_edited(seeded_desk: Desk) -> None:
    desk = seeded_desk
    first, _ = linked_twice(desk)
    desk.reviews.set_verdict(first, "false")
    [row] = [r for r in desk.reviews.sentence_rows(1) if r.sentence.id == first]
    again = desk.importer.import_text(row.sentence.text, source_name="again.txt").article_id
    later = sentence_ids(desk, again)[0]
    [link] = desk.sources.links(first)
    desk.sources.edit_link(link.id, first, typed(link, title="Strikes on Ganja"))
    [earlier] = [v for v in desk.lookup.earlier_verdicts(later) if v.found.row.sentence.id == first]
    assert [s.source.title for s in earlier.sources] == ["Strikes on Ganja"]


def test_reports_show_the_edited_values(seeded_desk: Desk) -> None:
    desk = seeded_desk
    first, _ = linked_twice(desk)
    desk.reviews.set_verdict(first, "false")
    [link] = desk.sources.links(first)
    desk.sources.edit_link(
        link.id,
        first,
        typed(
            link,
            title="Strikes on Ganja",
            publisher="HRW",
            excerpt="shelling",
            stance=Stance.REFUTES,
        ),
    )
    report = load_article_report(desk, 1)
    for key in ("html", "md", "csv", "json"):
        text = formats.render_article(key, report)
        assert isinstance(text, str)
        assert "Strikes on Ganja" in text and "HRW" in text and "shelling" in text, key
        assert "Report on Ganja" not in text and "Amnesty" not in text, key
    data = json.loads(formats.render_article("json", report))
    assert "refutes" in json.dumps(data)


# -- merging a colleague's file in which the same link was edited --------------------------


def test_a_link_both_edited_keeps_ours_and_brings_their_edit_in_the_history(
    tmp_path: Path,
) -> None:
    alice_path, bob_path = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice_path)
    make_bob(bob_path)
    bob = open_as(bob_path, "Bob")
    try:
        bob.merge.merge(alice_path)  # Bob now has Alice's link on the shared sentence
        shared = article_titled(bob, "minister")
        s0 = sentence_ids(bob, shared)[0]
        [link] = [x for x in bob.sources.links(s0) if x.source.url == SHARED_URL]
        bob.sources.edit_link(
            link.id, s0, typed(link, excerpt="fell to 4.1 percent", stance=Stance.REFUTES)
        )
        [other] = bob.sources.links(s0)
        bob.sources.edit_link(
            other.id, s0, typed(other, url="https://stats.example/unemployment-2024")
        )
    finally:
        bob.close()
    alice = open_as(alice_path, "Alice")
    try:
        shared = article_titled(alice, "minister")
        s0 = sentence_ids(alice, shared)[0]
        [ours] = alice.sources.links(s0)
        alice.sources.edit_link(ours.id, s0, typed(ours, excerpt="4 percent"))
        alice.merge.merge(bob_path)
        links = {link.source.url: link for link in alice.sources.links(s0)}
        # Our link keeps our excerpt (merge rules: a link both have stays ours); their
        # link to the URL they changed to comes in with their excerpt and stance.
        assert links[SHARED_URL].excerpt == "4 percent"
        theirs = links["https://stats.example/unemployment-2024"]
        assert (theirs.excerpt, theirs.stance) == ("fell to 4.1 percent", Stance.REFUTES)
        said = [change for item in alice.history.of_sentence(s0) for change in item.changes]
        assert "Excerpt: none → fell to 4.1 percent" in said  # their edit, in the history
        assert alice.history.verify().ok
        alice.undo()
        assert alice.sources.links(s0)[0].excerpt == "4 percent"
        assert len(alice.sources.links(s0)) == 1
        assert alice.history.verify().ok
    finally:
        alice.close()


def test_values_with_blanks_at_their_ends_are_kept_unless_retyped(seeded_desk: Desk) -> None:
    """A stored title, publisher or excerpt with blanks (or a no-break space) at its ends,
    from a colleague's merged file or an import, is saved back as stored when only the
    stance is changed, and OK on it unchanged records nothing; what is typed in is trimmed
    as Link Source trims a new link's."""
    desk = seeded_desk
    first, _ = linked_twice(desk)
    [link] = desk.sources.links(first)
    with desk.workspace.db.atomic():  # as a merged file or an import stores them
        desk.workspace.db.execute(
            "UPDATE sources SET title = ?, publisher = ? WHERE id = ?",
            (" Report on Ganja ", "Amnesty\u00a0", link.source.id),
        )
        desk.workspace.db.execute(
            "UPDATE sentence_sources SET excerpt = ? WHERE id = ?",
            ("\u00a0rockets hit Ganja\n", link.id),
        )
    [stored] = desk.sources.links(first)
    assert stored.excerpt == "\u00a0rockets hit Ganja\n"
    entries = history_count(desk)
    assert desk.sources.edit_link(stored.id, first, typed(stored)) is None
    assert history_count(desk) == entries
    desk.sources.edit_link(stored.id, first, typed(stored, stance=Stance.REFUTES))
    [edited] = desk.sources.links(first)
    assert (edited.stance, edited.source.title, edited.source.publisher, edited.excerpt) == (
        Stance.REFUTES,
        " Report on Ganja ",
        "Amnesty\u00a0",
        "\u00a0rockets hit Ganja\n",
    )
    [latest, *_] = desk.history.of_sentence(first)
    assert latest.changes == ("Stance: Supports → Refutes",)
    desk.sources.edit_link(stored.id, first, typed(edited, excerpt=" rockets hit Ganja city "))
    assert desk.sources.links(first)[0].excerpt == "rockets hit Ganja city"
