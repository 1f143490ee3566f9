"""A `---` (YAML) front-matter block at a Markdown (or plain text) file's top is read as
the article's properties, not as its text. Until 8 December its lines were the article's
first "sentences" to review ("title: "Mayor opens 40 schools" author: Dana Reyes …") and
the properties stayed empty."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.importing import parse_article, split_yaml_front_matter
from tests.domain.test_linear_time import assert_linear

CMS_EXPORT = """---
title: "Mayor opens 40 schools"
author: Dana Reyes
date: 2024-05-02
publisher: Lyon Daily
url: https://example.org/a
lang: fr
tags: [schools, city]
draft: false
layout: post
---
Le maire a ouvert 40 écoles lundi. Il en promet dix de plus.
"""


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".MD", ".txt"])
def test_a_front_matter_block_is_the_articles_properties_not_its_text(suffix: str) -> None:
    parsed = parse_article(CMS_EXPORT.encode(), suffix=suffix)
    assert parsed.text == "Le maire a ouvert 40 écoles lundi. Il en promet dix de plus."
    meta = parsed.metadata
    assert meta.title == "Mayor opens 40 schools"
    assert meta.author == "Dana Reyes"
    assert meta.published == dt.date(2024, 5, 2)
    assert meta.outlet == "Lyon Daily"
    assert meta.url == "https://example.org/a"
    assert meta.language == "fr"
    # Keys the desk has no property for (tags, draft, layout) are left out: `extra` is
    # neither stored nor exported, and would carry a static-site tool's settings.
    assert meta.extra == {}


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("authors: [Dana Reyes, 'Li Wei']", "Dana Reyes, Li Wei"),
        ('authors:\n  - Dana Reyes\n  - "Li Wei"', "Dana Reyes, Li Wei"),
        ("author:\n- Dana Reyes", "Dana Reyes"),
        ("byline: 'O''Brien, Pat'", "O'Brien, Pat"),
        ("author: Dana Reyes  # staff", "Dana Reyes"),
        ('author: "Dana \\"DR\\" Reyes"', 'Dana "DR" Reyes'),
    ],
    ids=["flow-list", "block-list", "block-list-unindented", "single-quoted", "comment", "escapes"],
)
def test_authors_in_any_yaml_form_are_one_line(block: str, expected: str) -> None:
    parsed = parse_article(f"---\n{block}\n---\nThe text.".encode(), suffix=".md")
    assert parsed.metadata.author == expected
    assert parsed.text == "The text."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("date: 2024-05-02", dt.date(2024, 5, 2)),
        ("date: 2024-05-02T23:30:00+02:00", dt.date(2024, 5, 2)),
        ("published: '2024-05-02 10:00'", dt.date(2024, 5, 2)),
        ("publishDate: June 3, 2024", dt.date(2024, 6, 3)),
        ("pubDate: 3 June 2024", dt.date(2024, 6, 3)),
        ("date: 2024-02-30", None),
        ("date: soon", None),
    ],
)
def test_the_date_is_read_as_the_desk_reads_dates(line: str, expected: dt.date | None) -> None:
    parsed = parse_article(f"---\ntitle: T\n{line}\n---\nThe text.".encode(), suffix=".md")
    assert parsed.metadata.published == expected


@pytest.mark.parametrize(
    ("line", "attr", "expected"),
    [
        ("outlet: Lyon Daily", "outlet", "Lyon Daily"),
        ("site: Lyon Daily", "outlet", "Lyon Daily"),
        ("source: Lyon Daily", "outlet", "Lyon Daily"),
        ("link: https://example.org/b", "url", "https://example.org/b"),
        ("canonical: 'https://example.org/c'", "url", "https://example.org/c"),
        ("permalink: https://example.org/d", "url", "https://example.org/d"),
        ("permalink: /2024/05/a/", "url", ""),  # a site path, no address
        ("language: de", "language", "de"),
        ("lang: fr-FR", "language", "fr"),
        ("lang: EN_gb", "language", "en"),
        ("lang: nl", "language", ""),  # a language the desk has no rules for
        ("lang: und", "language", ""),
        ("Title: Capitalised key", "title", "Capitalised key"),
        ("title: >\n  Folded over\n  two lines", "title", "Folded over two lines"),
    ],
)
def test_each_property_key(line: str, attr: str, expected: str) -> None:
    parsed = parse_article(f"---\n{line}\n---\nThe text.".encode(), suffix=".md")
    assert getattr(parsed.metadata, attr) == expected
    assert parsed.text == "The text."


@pytest.mark.parametrize(
    ("block", "attr", "expected"),
    [
        # A long plain value wrapped onto an indented line, as YAML tools write one.
        (
            "title: Mayor opens 40 schools\n  and promises ten more",
            "title",
            "Mayor opens 40 schools and promises ten more",
        ),
        (
            'title: "Mayor opens 40 schools\n  and promises ten more"',
            "title",
            "Mayor opens 40 schools and promises ten more",
        ),
        # A flow list's item holding a comma in quotes is one item.
        ("authors: ['Reyes, Dana', \"Wei, Li\"]", "author", "Reyes, Dana, Wei, Li"),
        ("authors: [Dana Reyes,\n  Li Wei]", "author", "Dana Reyes, Li Wei"),
        # A key given twice: the first value, not both run together.
        ("title: Mayor opens 40 schools\ntitle: Draft", "title", "Mayor opens 40 schools"),
        ("authors: [Dana Reyes]\nauthors:\n  - Li Wei", "author", "Dana Reyes"),
    ],
    ids=[
        "plain-wrapped",
        "quoted-wrapped",
        "flow-list-quoted-commas",
        "flow-list-wrapped",
        "key-twice",
        "list-key-twice",
    ],
)
def test_a_value_over_several_lines_is_read_whole(block: str, attr: str, expected: str) -> None:
    """The first line alone was kept ("Mayor opens 40 schools"; "\"Mayor opens 40 schools"
    with its opening quote; "'Reyes, Dana'" with both): a property silently cut short."""
    parsed = parse_article(f"---\n{block}\n---\nThe text.".encode(), suffix=".md")
    assert getattr(parsed.metadata, attr) == expected
    assert parsed.text == "The text."


def test_the_front_matter_title_wins_over_the_body_heading_which_stays_text() -> None:
    data = b"---\ntitle: Given title\n---\n# Heading in the body\n\nThe text."
    parsed = parse_article(data, suffix=".md")
    assert parsed.metadata.title == "Given title"
    assert parsed.text == "Heading in the body\n\n\nThe text."  # as without a block
    # Without a title in the block, the heading is the title, as without a block.
    parsed = parse_article(b"---\nauthor: A B\n---\n# Heading\n\nThe text.", suffix=".md")
    assert (parsed.metadata.title, parsed.metadata.author) == ("Heading", "A B")


@pytest.mark.parametrize(
    "text",
    [
        # No closing line.
        "---\ntitle: T\nThe text.\n",
        # A line that is no key: value in the block (a rule above and below prose).
        "---\nThe mayor said it.\n---\nMore text.\n",
        "---\ntitle: T\nThe mayor said it.\n---\nMore text.\n",
        # Not at the very top.
        "Intro.\n---\ntitle: T\n---\nMore text.\n",
        # A rule, a blank line and a rule: no key at all.
        "---\n\n---\nThe text.\n",
        # `key:value` without a space is no YAML mapping.
        "---\nurl:https://example.org\n---\nThe text.\n",
        # The closing line past the 60th line.
        "---\n" + "a: b\n" * 60 + "---\nThe text.\n",
    ],
    ids=["unclosed", "prose", "prose-after-key", "not-at-top", "no-key", "no-space", "too-long"],
)
def test_what_is_not_front_matter_stays_text(text: str) -> None:
    parsed = parse_article(text.encode(), suffix=".md")
    assert parsed.text.count("---") == text.count("---")
    assert split_yaml_front_matter(text.strip(), markdown=True) == (None, text.strip())


@pytest.mark.parametrize(
    ("text", "suffix", "kept"),
    [
        # A note between two rules, in a journalist's own file: a label and a colon.
        (
            "---\nUpdate: The mayor resigned on Tuesday, after this story ran.\n---\n"
            "The mayor of Lyon opened 40 schools on Monday.\n",
            ".txt",
            "The mayor resigned on Tuesday",
        ),
        (
            "---\nUPDATE: The mayor resigned on Tuesday.\n---\n\nThe mayor spoke.\n",
            ".md",
            "The mayor resigned on Tuesday.",
        ),
        # An interview's questions and answers set off by rules: claims to check.
        (
            "---\nQ: Did the city open 40 schools?\nA: Yes, 40 on Monday.\n---\nMore.\n",
            ".txt",
            "Yes, 40 on Monday.",
        ),
        # A correction beside a property-like label: the label is no key of a CMS's.
        (
            "---\nSource: City council\nCorrection: It was 40 schools, not 14.\n---\n"
            "The mayor spoke.\n",
            ".txt",
            "It was 40 schools, not 14.",
        ),
        # A Markdown heading under a rule, and a byline-like label: the heading is text.
        (
            "---\n# Mayor opens 40 schools\nAuthor: Dana Reyes\n---\n\nThe mayor spoke.\n",
            ".md",
            "Mayor opens 40 schools",
        ),
        (
            "---\n# Mayor opens 40 schools\n\nCorrection: It was 40, not 14.\n---\n\n"
            "The mayor spoke.\n",
            ".md",
            "It was 40, not 14.",
        ),
        # Only keys the desk reads none of: nothing to gain, text to lose.
        ("---\nnote: the figures are from 2023\n---\nThe mayor spoke.\n", ".md", "2023"),
    ],
    ids=[
        "update-txt",
        "update-md",
        "q-and-a",
        "correction",
        "heading-author",
        "heading-note",
        "no-property-key",
    ],
)
def test_prose_between_two_rules_stays_the_articles_text(text: str, suffix: str, kept: str) -> None:
    """Article text that opens with a rule, labelled lines ("Update:", "Q:") and a rule
    looks like a block of `key: value` lines; removed as one, it was lost unsaid (none
    of those keys is a property), claims to check among it."""
    parsed = parse_article(text.encode(), suffix=suffix)
    assert kept in parsed.text
    assert parsed.metadata.author == ""


def test_the_block_is_looked_for_in_the_first_8_kb_only() -> None:
    text = "---\ntitle: T\ndescription: " + "x" * 9000 + "\n---\nThe text."
    assert split_yaml_front_matter(text, markdown=True) == (None, text)
    near = "---\ntitle: T\ndescription: " + "x" * 7000 + "\n---\nThe text."
    found, rest = split_yaml_front_matter(near, markdown=True)
    assert found is not None and found.title == "T" and rest == "The text."


def test_a_rule_later_in_the_text_is_untouched() -> None:
    data = b"---\ntitle: T\n---\nFirst part.\n\n---\n\nSecond part.\n---\n"
    parsed = parse_article(data, suffix=".md")
    assert parsed.text == "First part.\n\n---\n\nSecond part.\n---"


def test_markdown_allows_blank_lines_comments_and_nested_keys_a_text_file_does_not() -> None:
    text = "---\n# exported\ntitle: T\n\nseo:\n  description: x\n...\nThe text."
    found, rest = split_yaml_front_matter(text, markdown=True)
    assert found is not None and found.title == "T" and rest == "The text."
    # A .txt file's block must be clearly the shape: key: value lines (and list items).
    assert split_yaml_front_matter(text, markdown=False) == (None, text)
    plain = "---\ntitle: T\nauthors:\n  - A B\n...\nThe text."
    found, rest = split_yaml_front_matter(plain, markdown=False)
    assert found is not None and found.author == "A B" and rest == "The text."


def test_values_are_tidied_and_control_characters_kept_for_the_window_to_show() -> None:
    data = "---\ntitle: '  Two\u00a0 spaces\u200b '\nauthor: A\x1bB\n---\nThe text.".encode()
    parsed = parse_article(data, suffix=".md")
    assert parsed.metadata.title == "Two spaces"
    # Kept as a web page's or a Word file's author is; the window shows it as "A?B".
    assert parsed.metadata.author == "A\x1bB"


def test_a_block_with_no_text_below_is_no_article() -> None:
    with pytest.raises(ArticleImportError, match="no article text"):
        parse_article(b"---\ntitle: Only a title\n---\n", suffix=".md")
    # Said of the block, as the reviewer knows it: no headline, byline or date in sight.
    with pytest.raises(ArticleImportError, match="no words or figures below its front matter"):
        parse_article(b'---\ntitle: "Report"\n---\n***\n', suffix=".md")


def test_a_pasted_text_with_a_block_is_read_as_a_text_file_is() -> None:
    parsed = parse_article(b"---\ntitle: T\n---\nThe text.", pasted=True)
    assert (parsed.metadata.title, parsed.text) == ("T", "The text.")


def test_many_blocks_one_after_another_take_linear_time() -> None:
    """A 50 MB file of "---\\ntitle: b\\n" repeated: the first block is taken, the rest
    is text; the block is looked for in the file's first 8 KB only."""
    parsed = parse_article(b"---\ntitle: b\n" * 1000, suffix=".md")
    assert parsed.text.startswith("title: b\n---\ntitle: b")
    assert parsed.metadata.title == "b"
    assert_linear(
        lambda text: split_yaml_front_matter(text, markdown=True),
        lambda n: "---\na: b\n" * n,
        20_000,
    )
    assert_linear(
        lambda text: split_yaml_front_matter(text, markdown=True),
        lambda n: "---\n" + "a: b\n" * n,
        20_000,
    )
