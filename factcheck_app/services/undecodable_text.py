"""Check Workspace's words for text that is not UTF-8 (storage/undecodable.py finds it):
where it is, by article and sentence number as the window shows them, and what the desk
does with it. Nothing is offered that would change it: retyping a field mends it."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck_app.domain.printable import printable, shown_name, shown_title
from factcheck_app.domain.wording import counted
from factcheck_app.storage.undecodable import MAX_FIELDS, Undecodable

ALL_READABLE = "Text: all of it reads as it was saved (UTF-8)."
LISTED_LINES = 12  # articles (and sources) listed; the rest counted
NAME_CHARS = 60  # an article's or a source's title in a line

# Each field in the reviewer's words, by table and column; "{source}" and "{reviewer}"
# are filled in. An article's own fields name the article, the others its sentence.
_FIELD_WORDS: dict[tuple[str, str], str] = {
    ("articles", "title"): "its title",
    ("articles", "outlet"): "its outlet",
    ("articles", "author"): "its author",
    ("articles", "url"): "its original URL",
    ("articles", "source_name"): "the name of the file it was imported from",
    ("articles", "text"): "its text",
    ("article_text", "text"): "its text",
    ("reviews", "claimant"): "its claimant",
    ("reviews", "explanation"): "its explanation",
    ("reviews", "reviewer"): "the name of who saved its review",
    ("review_versions", "claimant"): "the claimant of {reviewer}’s own review",
    ("review_versions", "explanation"): "the explanation of {reviewer}’s own review",
    ("review_versions", "reviewer"): "the name on a reviewer’s own review",
    ("sentence_sources", "excerpt"): "the excerpt quoted from “{source}”",
    ("sentence_sources", "reviewer"): "the name of who linked “{source}”",
    ("sign_offs", "note"): "the note of its sign-off",
    ("sign_offs", "editor"): "the name of the editor who signed it off",
    ("sign_offs", "checker"): "the name of the checker its sign-off names",
    ("sources", "title"): "its title",
    ("sources", "publisher"): "its publisher",
    ("sources", "url"): "its address",
}


def _cut(text: str) -> str:
    text = printable(shown_title(text))
    return text if len(text) <= NAME_CHARS else text[: NAME_CHARS - 1] + "…"


def _words(place: Undecodable) -> str:
    words = _FIELD_WORDS.get((place.table, place.column), f"its {place.column}")
    return words.format(source=_cut(place.source_title), reviewer=shown_name(place.reviewer))


def undecodable_lines(places: Sequence[Undecodable]) -> list[str]:
    """Check Workspace's lines: one saying all text reads as saved, or what is not UTF-8,
    where (a line per article or source), and what the desk does with it."""
    if not places:
        return [ALL_READABLE]
    articles: dict[int | None, list[Undecodable]] = {}
    sources: dict[str, list[Undecodable]] = {}
    for place in places:
        if place.table == "sources":
            sources.setdefault(place.source_title, []).append(place)
        else:
            articles.setdefault(place.article_id, []).append(place)
    count = counted(len(places), "field") + ("" if len(places) < MAX_FIELDS else " or more")
    holds = "holds" if len(places) == 1 else "hold"
    lines = [
        f"Text that is not UTF-8: {count} {holds} bytes that are not text (a bit flipped on "
        "disk, or another program that wrote another encoding). The desk shows � where "
        "those bytes are, and searches and exports the text that way; everything else "
        "reads as it was saved:"
    ]
    listed = [_article_line(article_id, group) for article_id, group in articles.items()]
    listed += [
        f"Source “{_cut(title)}”: {', '.join(_words(p) for p in group)}."
        for title, group in sources.items()
    ]
    lines += listed[:LISTED_LINES]
    if len(listed) > LISTED_LINES:
        lines.append(f"… and {counted(len(listed) - LISTED_LINES, 'more place')}.")
    lines.append(
        "Typing such a field again in the desk saves it as it should be; an article's text "
        "cannot be typed again, but a backup from before the damage may hold it whole "
        "(File → Restore from Backup). Nothing was changed."
    )
    return lines


def _article_line(article_id: int | None, places: list[Undecodable]) -> str:
    """ "Article 3, “Title”: its title; sentence 4: its claimant, its explanation." """
    own: list[str] = []
    by_sentence: dict[int, list[str]] = {}
    for place in places:
        number = place.sentence_number
        if place.column == "text" and not place.inside_sentence:
            own.append(
                f"the text after sentence {number}" if number else "the text before sentence 1"
            )
        elif number is None:
            own.append(_words(place))
        else:
            words = _words(place)
            sentence = by_sentence.setdefault(number, [])
            if words not in sentence:
                sentence.append(words)
    parts = [", ".join(dict.fromkeys(own))] if own else []
    parts += [f"sentence {n}: {', '.join(words)}" for n, words in sorted(by_sentence.items())]
    if article_id is None:
        return f"Sentences no longer in an article: {'; '.join(parts)}."
    title = _cut(places[0].article_title)
    return f"Article {article_id}, “{title}”: {'; '.join(parts)}."
