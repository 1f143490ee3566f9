"""Markdown for wikis and chat (CommonMark/GFM). Article and user text is escaped so it
shows literally: no stray emphasis, links, HTML or headings from what someone typed."""

from __future__ import annotations

import re

from factcheck_app.domain.models import Tag
from factcheck_app.domain.printable import or_untitled
from factcheck_app.domain.wording import counted, figure
from factcheck_app.services.reports.model import (
    ArticleReport,
    ReportSentence,
    ReportSource,
    Ticker,
    quiet_ticker,
)
from factcheck_app.services.reports.text import (
    ORIGINAL_ARTICLE,
    article_blocks,
    bounded_report,
    clean,
    draft_line,
    excerpt_paragraphs,
    long_date,
    open_reviews,
    paragraphs,
    report_date,
    safe_url,
    shown_address,
    sign_off_label,
    sign_off_line,
    squash,
    status_note,
)

# Characters that start Markdown syntax anywhere in a line (CommonMark ASCII punctuation
# that may be backslash-escaped); `&` stops entity references, `<` raw HTML and autolinks.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#$])")
# Constructs only active at the start of a line: lists, headings, quotes, setext rules.
# An ordered-list marker is defused by escaping its punctuation (1\.): a backslash
# before a digit would be shown literally. The indent is white space within the line:
# `\s*` also ran over line breaks, so every line start tried all the lines after it
# (20,000 blank lines took 13.6 s; issue 13).
_LINE_START = re.compile(r"^([^\S\n]*)(\d*)([-+=>.)])", re.MULTILINE)


def _defuse_line_start(match: re.Match[str]) -> str:
    spaces, digits, mark = match.groups()
    if digits and mark not in ".)":
        return match.group(0)
    if not digits and mark in ".)":
        return match.group(0)
    return f"{spaces}{digits}\\{mark}"


def md_escape(text: str) -> str:
    """Text that renders exactly as typed."""
    escaped = _INLINE.sub(r"\\\1", clean(text))
    return _LINE_START.sub(_defuse_line_start, escaped)


def md_line(text: str) -> str:
    """Escaped and on one line (for table cells, list items and headings)."""
    return md_escape(squash(text))


def _md_url(url: str) -> str | None:
    target = safe_url(url)
    if target is None:
        return None
    # Angle brackets allow spaces and parentheses; encode the two characters that end them.
    return "<" + target.replace("<", "%3C").replace(">", "%3E") + ">"


def _link(url: str, label: str) -> str:
    target = _md_url(url)
    return f"[{md_line(label)}]({target})" if target else md_line(label)


def _block(text: str, prefix: str = "") -> list[str]:
    """Typed multi-paragraph text, each line prefixed (e.g. for a quote). A line break
    within a paragraph ends its line with a backslash, CommonMark's hard break: a bare
    line end is a soft break, which Markdown shows as a space."""
    lines: list[str] = []
    for number, part in enumerate(paragraphs(text)):
        if number:
            lines.append(prefix.rstrip())
        typed = [prefix + md_escape(line.strip()) for line in part.split("\n") if line.strip()]
        lines += [line + "\\" for line in typed[:-1]] + typed[-1:]
    return lines


def _source(source: ReportSource) -> list[str]:
    meta = [
        part
        for part in (
            md_line(source.publisher),
            f"accessed {long_date(source.accessed)}" if source.accessed else "",
        )
        if part
    ]
    line = f"- **{source.stance.label}:** {_link(source.url, source.display_title)}"
    if meta:
        line += " — " + ", ".join(meta)
    lines = [line]
    quote: list[str] = []
    for part, quoted in [*excerpt_paragraphs(source.excerpt), ("", False)]:
        if quoted:
            quote.append(part)
            continue
        if quote:  # the source's words, in one quote block
            lines += ([""] if len(lines) > 1 else []) + _block("\n\n".join(quote), "  > ")
            quote = []
        if part:  # the desk's note after them: a blank line ends the quote first
            lines += ["", "  " + md_escape(part.replace("\n", " "))]
    return lines


def _entry(report: ArticleReport, entry: ReportSentence, level: str = "###") -> list[str]:
    review = entry.review
    title = f"{level} #{entry.number} {entry.tag.label if entry.tag else 'Untagged'}: "
    title += entry.verdict or "No verdict yet"
    note = status_note(entry)
    if note:
        title += f" ({note.lower()})"
    lines = [title, "", f"> {md_line(entry.text)}", ""]
    target = report.sentence_at(entry.denies_index)
    if entry.tag is Tag.DENIAL and target is not None:
        lines += [f"*Denies #{target.number}:* “{md_line(target.text)}”", ""]
    if review.claimant.strip():
        lines += [f"**Claimant:** {md_line(review.claimant)}", ""]
    # Nothing may be left of the typed text once invisible characters are taken out (an
    # explanation of one pasted RIGHT-TO-LEFT OVERRIDE).
    explanation = _block(review.explanation)
    if explanation:
        lines += [f"**Explanation:** {explanation[0]}", *explanation[1:], ""]
    credit = sign_off_line(entry)
    if credit:
        lines += [f"**{sign_off_label(entry)}:** {md_line(credit)}", ""]
    if entry.sources:
        lines += ["**Sources:**", ""]
        for source in entry.sources:
            lines += _source(source)
        lines.append("")
    return lines


def render_markdown(report: ArticleReport, ticker: Ticker | None = None) -> str:
    ticker = ticker or quiet_ticker()
    report = bounded_report(report)  # each field at most FIELD_CHARS long
    article = report.article
    lines = [f"# Fact-check: {md_line(or_untitled(article.title))}", ""]
    meta = [
        md_line(part)
        for part in (
            article.outlet,
            f"By {article.author}" if article.author else "",
            f"Published {long_date(article.published)}" if article.published else "",
        )
        if part
    ]
    if meta:
        lines += [" · ".join(meta), ""]
    if article.url:
        # The address itself, linked (as text when it is no web address).
        lines += [ORIGINAL_ARTICLE + _link(article.url, shown_address(article.url)), ""]
    made = [f"Report of {report_date(report.generated_at)}"]
    if draft_line(report):
        made.append(draft_line(report))
    if report.publishing.publisher_name:
        made.insert(0, f"Published by {md_line(report.publishing.publisher_name)}")
    if report.credits:
        made.append(md_line(report.credits[0].lower() + report.credits[1:]))
    lines += ["*" + " · ".join(made) + "*", ""]

    percent = round(100 * report.reviewed / report.total) if report.total else 0
    tags = ", ".join(counted(n, tag.value) for tag, n in report.tag_counts.items())
    unfinished = open_reviews(report.status_counts)
    lines += [
        "## Summary",
        "",
        f"**{report.reviewed:,} of {counted(report.total, 'sentence')} reviewed** "
        f"({percent}%{'; ' + unfinished if unfinished else ''}) · {tags}",
        "",
        "| Verdict | Count | |",
        "|---|---:|---|",
    ]
    top = max((c.count for c in report.verdict_counts), default=0) or 1
    for c in report.verdict_counts:
        bar = "█" * round(12 * c.count / top)
        lines.append(f"| {md_line(c.label)} | {figure(c.count)} | {bar} |")
    lines.append("")

    lines += ["## Claims, denials and facts checked", ""]
    if not report.groups:
        lines += ["*No sentence has been tagged yet.*", ""]
    for group in report.groups:
        ticker.step(1 + len(group.denials))
        lines += _entry(report, group.entry)
        for denial in group.denials:
            lines += _entry(report, denial, "####")

    lines += ["## The article", ""]
    for block in article_blocks(report):
        parts = []
        for piece in block:
            if isinstance(piece, str):
                parts.append(md_line(piece) if piece.strip() else " ")
                continue
            ticker.step()
            if piece.is_entry:
                verdict = md_line(piece.verdict or "no verdict")
                parts.append(f"**{md_line(piece.text)}** *(#{piece.number}, {verdict})*")
            else:
                parts.append(md_line(piece.text))
        lines += ["".join(parts).strip(), ""]
    lines.append(
        f"*Prepared with Factcheck desk {md_line(report.app_version)} on "
        f"{report.generated_at:%Y-%m-%d %H:%M} UTC.*"
    )
    ticker.finish()
    return "\n".join(lines) + "\n"
