"""The workspace summary: progress and verdicts over all articles, top claimants, most-cited
sources. As HTML (for the desk), CSV (one row per article, for spreadsheets), and plain
text or JSON (`factcheck-app stats`, for a terminal or a script)."""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factcheck_app import __version__
from factcheck_app.domain.errors import NotFound
from factcheck_app.domain.models import DEFAULT_SCALE, Review, Stance, Status, Tag
from factcheck_app.domain.printable import or_untitled, printable
from factcheck_app.domain.sign_off import SignOffState, sign_off_state
from factcheck_app.domain.urls import MAX_URL_CHARS
from factcheck_app.domain.wording import counted, figure, noun_for
from factcheck_app.services.agreement import PairResult, measure, pairs_json, spelt_two_ways
from factcheck_app.services.collecting import collections_held
from factcheck_app.services.reports.csv_report import write_rows
from factcheck_app.services.reports.html_report import CSP, STYLE, verdict_bars, verdict_class
from factcheck_app.services.reports.model import (
    ArticleReport,
    Ticker,
    VerdictCount,
    count_verdicts,
    load_article_report,
    quiet_ticker,
)
from factcheck_app.services.reports.text import (
    LINE_CHARS,
    STATUS_WORDS,
    bounded,
    clean,
    long_date,
    open_reviews,
    report_date,
    safe_url,
    squash,
)

if TYPE_CHECKING:  # only for annotations: a report or export needs no storage imported
    from pathlib import Path

    from factcheck_app.services.desk import Desk

TOP = 10


@dataclass(frozen=True, slots=True)
class ArticleLine:
    id: int
    title: str
    outlet: str
    published: dt.date | None
    url: str
    total: int
    reviewed: int
    tags: dict[Tag, int]
    verdicts: tuple[VerdictCount, ...]
    # Sentences by where they stand with the editor (approved, returned, awaiting).
    sign_offs: dict[SignOffState, int] = field(default_factory=dict)
    # Sentences reviewers disagree on, not yet decided (their verdicts are counted above
    # as the merge left them).
    conflicts: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.reviewed / self.total) if self.total else 0


@dataclass(frozen=True, slots=True)
class ClaimantLine:
    name: str
    statements: int
    articles: int
    verdicts: tuple[VerdictCount, ...]


@dataclass(frozen=True, slots=True)
class SourceLine:
    url: str
    title: str
    publisher: str
    citations: int
    articles: int
    stances: dict[Stance, int]


@dataclass(frozen=True)
class WorkspaceSummary:
    """Plain data over every article of a workspace."""

    name: str
    articles: tuple[ArticleLine, ...]
    verdicts: tuple[VerdictCount, ...]
    tags: dict[Tag, int]
    claimants: tuple[ClaimantLine, ...]
    sources: tuple[SourceLine, ...]
    # How far reviewers agree, over every article (services/agreement.py).
    agreement: tuple[PairResult, ...] = ()
    # Sentences by review status, over every article.
    statuses: dict[Status, int] = field(default_factory=dict)
    publisher_name: str = ""
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    app_version: str = __version__

    @property
    def total(self) -> int:
        return sum(a.total for a in self.articles)

    @property
    def reviewed(self) -> int:
        return sum(a.reviewed for a in self.articles)

    @property
    def sign_offs(self) -> dict[SignOffState, int]:
        """Sentences by where they stand with the editor, over every article."""
        return {
            state: sum(a.sign_offs.get(state, 0) for a in self.articles) for state in SignOffState
        }


# The sign-off counts by the names the summary CSV's columns, the stats JSON's keys and
# the HTML's words use: sentences an editor approved, returned, and has still to sign off.
SIGN_OFF_KEYS = {
    SignOffState.APPROVED: "approved",
    SignOffState.RETURNED: "returned",
    SignOffState.AWAITING: "awaiting_sign_off",
}


def sign_off_figures(counts: dict[SignOffState, int]) -> dict[str, int]:
    """`{"approved": 2, "returned": 1, "awaiting_sign_off": 5}`, every key there."""
    return {key: counts.get(state, 0) for state, key in SIGN_OFF_KEYS.items()}


def _sign_off_words(counts: dict[SignOffState, int]) -> str:
    """`2 approved · 1 returned · 5 awaiting sign-off`; "" when none is."""
    words = {SignOffState.AWAITING: "awaiting sign-off"}
    figures = [(state, counts.get(state, 0)) for state in SIGN_OFF_KEYS]
    if not any(n for _state, n in figures):
        return ""
    return " · ".join(f"{figure(n)} {words.get(state, state.value)}" for state, n in figures)


def _sign_off_counts(report: ArticleReport) -> dict[SignOffState, int]:
    states = Counter(sign_off_state(s.review, s.sign_off) for s in report.sentences)
    return {state: states[state] for state in SignOffState}


def summarize(
    reports: Iterable[ArticleReport],
    *,
    name: str = "",
    ticker: Ticker | None = None,
    top: int = TOP,
) -> WorkspaceSummary:
    """Aggregate article reports (pure; the GUI runs it in its export worker). One pass:
    `reports` may be a generator (`iter_reports`), each report dropped once counted, so
    that a year's 5,000 articles are never all in memory at once."""
    ticker = ticker or quiet_ticker()
    lines = []
    verdicts: list[str | None] = []
    tags: Counter[Tag] = Counter()
    statuses: Counter[Status] = Counter()
    by_claimant: dict[str, list[tuple[int, str | None, str]]] = defaultdict(list)
    by_source: dict[str, list[tuple[int, Stance, str, str]]] = defaultdict(list)
    described: dict[int, tuple[int, str]] = {}
    versions: list[tuple[int, Review]] = []
    # The decided review of each sentence one reviewer's name was typed two ways on.
    shown: dict[int, Review] = {}
    publisher_name: str | None = None
    for report in reports:
        ticker.step()
        article = report.article
        if publisher_name is None:
            publisher_name = bounded(report.publishing.publisher_name, LINE_CHARS)
        lines.append(
            ArticleLine(
                article.id,
                article.title,  # whole, for the CSV: the page cuts it (render_summary_html)
                article.outlet,
                article.published,
                article.url,
                report.total,
                report.reviewed,
                report.tag_counts,
                report.verdict_counts,
                _sign_off_counts(report),
                report.status_counts.get(Status.CONFLICT, 0),
            )
        )
        tags.update(report.tag_counts)
        statuses.update(report.status_counts)
        for entry in report.entries:
            verdicts.append(entry.review.verdict)
            claimant = squash(bounded(entry.review.claimant, LINE_CHARS))
            if claimant:
                by_claimant[claimant.casefold()].append(
                    (article.id, entry.review.verdict, claimant)
                )
        for sentence in report.sentences:
            for source in sentence.sources:
                by_source[source.url].append(
                    (article.id, source.stance, source.title, source.publisher)
                )
            # Agreement compares reviewers on the sentences both reviewed: a sentence
            # with one version has nothing to compare, and keeping every such version
            # (a year's 120,000) took 80 MB until the end of the summary.
            if len(sentence.versions) >= 2:
                text = bounded(squash(sentence.text), LINE_CHARS)
                described[sentence.id] = (sentence.number, text)
                versions.extend((article.id, version) for version in sentence.versions)
                if spelt_two_ways((article.id, v) for v in sentence.versions):
                    shown[sentence.id] = sentence.review
    claimants = [
        ClaimantLine(
            # The spelling used most often names the group ("Baku", not "baku").
            name=Counter(spelling for _, _, spelling in items).most_common(1)[0][0],
            statements=len(items),
            articles=len({article for article, _, _ in items}),
            verdicts=count_verdicts(verdict for _, verdict, _ in items),
        )
        for items in by_claimant.values()
    ]
    claimants.sort(key=lambda c: (-c.statements, c.name.casefold()))
    sources = [
        SourceLine(
            url=bounded(url, MAX_URL_CHARS),
            title=bounded(next((t for _, _, t, _ in items if t), ""), LINE_CHARS),
            publisher=bounded(next((p for _, _, _, p in items if p), ""), LINE_CHARS),
            citations=len(items),
            articles=len({article for article, _, _, _ in items}),
            stances={s: sum(1 for _, st, _, _ in items if st is s) for s in Stance},
        )
        for url, items in by_source.items()
    ]
    sources.sort(key=lambda s: (-s.citations, -s.articles, s.url))
    agreement = measure(
        versions, lambda sentence_id: described.get(sentence_id, (0, "")), shown=shown
    )
    ticker.finish()
    return WorkspaceSummary(
        name=name,
        articles=tuple(lines),
        verdicts=count_verdicts(verdicts),
        tags={tag: tags.get(tag, 0) for tag in Tag},
        claimants=tuple(claimants[:top]),
        sources=tuple(sources[:top]),
        agreement=agreement,
        statuses={status: statuses.get(status, 0) for status in Status},
        publisher_name=publisher_name or "",
    )


def iter_reports(
    desk: Desk, removed: Callable[[int], None] | None = None
) -> Iterator[ArticleReport]:
    """Every article's report, read one at a time (on the thread that owns the Desk).
    Read outside one transaction (`factcheck-app export` of a summary), an article may
    be removed by the window after the articles were listed: told to `removed` and left
    out when it is given (NotFound was the whole export's failure)."""
    for article in desk.articles.list_articles():
        try:
            report = load_article_report(desk, article.id)
        except NotFound:
            if removed is None:
                raise
            removed(article.id)
            continue
        yield report


def load_reports(desk: Desk) -> list[ArticleReport]:
    """Every article's report (on the thread that owns the Desk)."""
    return list(iter_reports(desk))


def summarize_apart(
    path: Path, *, name: str = "", ticker: Ticker | None = None
) -> WorkspaceSummary:
    """The summary of the workspace at `path`, read through a read-only desk of its own,
    for a worker thread (a connection never crosses threads): a year's 5,000 articles
    take seconds to read, which the window's thread spent before. One read transaction:
    the summary is of one consistent state, the one of this call's start, whatever the
    window saves meanwhile. The reports are read one at a time and dropped once counted:
    all 5,000 at once took 300 MB, and the interpreter's collections of so many objects
    held the window's thread for up to 0.3 s each. What the summary keeps until it is
    done (every claimant, link and compared version: 250,000 objects) is still walked by
    every full collection, 12 ms at first and 101 ms at the end, so collection is held
    off meanwhile (services/collecting.py)."""
    from factcheck_app.services.desk import Desk

    with Desk.reading_apart(path) as desk, collections_held():
        return summarize(iter_reports(desk), name=name, ticker=ticker)


def workspace_name(desk: Desk) -> str:
    return desk.path.stem if desk.path else "workspace"


# -- HTML -----------------------------------------------------------------------------------

SUMMARY_STYLE = """
table.list{width:100%;border-collapse:collapse;font-size:.86rem;margin:0 0 .5rem}
.list th{text-align:left;font-size:.68rem;text-transform:uppercase;letter-spacing:.07em;
color:var(--muted);font-weight:700;border-bottom:2px solid var(--ink);padding:.35rem .5rem .35rem 0}
.list td{border-bottom:1px solid var(--rule);padding:.45rem .5rem .45rem 0;vertical-align:top}
.list td.n,.list th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.list .sub{display:block;color:var(--muted);font-size:.78rem}
.stack{display:flex;height:.7rem;min-width:6rem;background:var(--soft);border-radius:2px;
overflow:hidden;margin-top:.3rem}
.stack span{display:block;height:100%;background:var(--v)}
.mini{height:.4rem;background:var(--soft);border-radius:1rem;overflow:hidden;margin-top:.3rem;
min-width:4rem}
.mini span{display:block;height:100%;background:var(--accent)}
.list a{word-break:break-word}
.list,.list td,.list th{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,
sans-serif}
@media (max-width:40rem){.hide-narrow{display:none}}
"""


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def _own(text: str) -> str:
    """Escaped user text set apart (bdi) from the figures and words beside it: an Arabic
    outlet followed by the date took the day with it ("3 · الجزيرة مثال February 2021")."""
    return f"<bdi>{_e(text)}</bdi>" if text else ""


def _stack(verdicts: tuple[VerdictCount, ...]) -> str:
    total = sum(v.count for v in verdicts) or 1
    spans = "".join(
        f'<span class="{verdict_class(v.key)}" style="width:{100 * v.count / total:.1f}%" '
        f'title="{_e(v.label)}: {figure(v.count)}"></span>'
        for v in verdicts
        if v.count
    )
    return f'<div class="stack">{spans}</div>'


def _verdict_words(verdicts: tuple[VerdictCount, ...]) -> str:
    return ", ".join(f"{figure(v.count)} {v.label.lower()}" for v in verdicts if v.count)


def render_summary_html(summary: WorkspaceSummary, ticker: Ticker | None = None) -> str:
    ticker = ticker or quiet_ticker()
    total, reviewed = summary.total, summary.reviewed
    percent = round(100 * reviewed / total) if total else 0
    checked = sum(v.count for v in summary.verdicts)
    title = f"Workspace summary: {summary.name}" if summary.name else "Workspace summary"
    count = len(summary.articles)
    # Nothing to sign off (no verdict done yet): no line, as in `stats`, rather than one
    # saying so.
    signed_off = _sign_off_words(summary.sign_offs)
    # What is not done, as each article's report says it: a conflict first (its verdict
    # is counted below as the merge left it, not as anyone decided).
    unfinished = open_reviews(summary.statuses)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        # The desk's mark, as on an article's report: imported with the day's articles
        # from the folder it was saved in, it is refused (domain/own_reports.py).
        f'<meta name="generator" content="Factcheck desk {_e(summary.app_version)}">',
        f"<title>{_e(title)}</title><style>{STYLE}{SUMMARY_STYLE}</style></head>",
        '<body><main class="page">',
        '<header><p class="kicker">Fact-check desk · workspace summary</p>',
        f"<h1>{_e(summary.name or 'Workspace')}</h1>",
        f'<p class="meta">{counted(count, "article")}'
        + (f" · {_e(summary.publisher_name)}" if summary.publisher_name else "")
        + f" · Report of {report_date(summary.generated_at)}</p></header>",
        "<h2>At a glance</h2>",
        '<section class="summary"><div>',
        f'<div class="big">{reviewed:,}<small> of {counted(total, "sentence")} reviewed'
        "</small></div>",
        f'<div class="progress"><span style="width:{percent}%"></span></div>',
        f'<p class="note">{percent}% done across all articles'
        + (f" · {_e(unfinished)}" if unfinished else "")
        + "</p>",
        f'<p class="note">Sign-off: {_e(signed_off)}</p>' if signed_off else "",
        '<div class="stats">'
        + "".join(
            f'<div class="stat t-{tag.value}"><b>{figure(n)}</b>'
            f"<span>{noun_for(n, tag.label)}</span></div>"
            for tag, n in summary.tags.items()
        )
        + "</div></div><div>",
        f'<h3 style="margin-top:0">Verdicts on {counted(checked, "checked statement")}</h3>',
        verdict_bars(summary.verdicts),
        "</div></section>",
        "<h2>Articles</h2>",
        '<table class="list"><thead><tr><th>Article</th><th class="n">Reviewed</th>'
        '<th class="hide-narrow">Verdicts</th></tr></thead><tbody>',
    ]
    for line in summary.articles:
        ticker.step()
        outlet = _own(bounded(line.outlet, LINE_CHARS))  # a summary line, not the whole text
        parts = (outlet, _e(long_date(line.published)), f"article {line.id}")
        sub = " · ".join(p for p in parts if p)
        title = or_untitled(bounded(line.title, LINE_CHARS))
        words = _sign_off_words(line.sign_offs)
        signed = f'<span class="sub">{_e(words)}</span>' if words else ""
        if line.conflicts:
            signed += (
                f'<span class="sub">{figure(line.conflicts)} {STATUS_WORDS[Status.CONFLICT]}</span>'
            )
        out.append(
            f'<tr><td>{_own(title)}<span class="sub">{sub}</span></td>'
            f'<td class="n">{figure(line.reviewed)}/{figure(line.total)}<div class="mini">'
            f'<span style="width:{line.percent}%"></span></div>{signed}</td>'
            f'<td class="hide-narrow">{_stack(line.verdicts)}'
            f'<span class="sub">{_e(_verdict_words(line.verdicts)) or "—"}</span></td></tr>'
        )
    out.append("</tbody></table>")
    out.append("<h2>Top claimants</h2>")
    if summary.claimants:
        out.append(
            '<table class="list"><thead><tr><th>Claimant</th><th class="n">Statements</th>'
            '<th class="n hide-narrow">Articles</th><th>Verdicts</th></tr></thead><tbody>'
        )
        for c in summary.claimants:
            out.append(
                f'<tr><td>{_own(c.name)}</td><td class="n">{figure(c.statements)}</td>'
                f'<td class="n hide-narrow">{figure(c.articles)}</td><td>{_stack(c.verdicts)}'
                f'<span class="sub">{_e(_verdict_words(c.verdicts))}</span></td></tr>'
            )
        out.append("</tbody></table>")
    else:
        out.append('<p class="empty">No claimant has been recorded yet.</p>')
    out.append("<h2>Sources most cited</h2>")
    if summary.sources:
        out.append(
            '<table class="list"><thead><tr><th>Source</th><th class="n">Cited</th>'
            '<th class="n hide-narrow">Articles</th><th class="hide-narrow">Stance</th></tr>'
            "</thead><tbody>"
        )
        for s in summary.sources:
            target = safe_url(s.url)
            label = _own(s.title) if s.title else _e(s.url)
            link = f'<a href="{_e(target)}" rel="noreferrer">{label}</a>' if target else label
            stances = ", ".join(f"{figure(n)} {st.value}" for st, n in s.stances.items() if n)
            out.append(
                f'<tr><td>{link}<span class="sub">{_own(s.publisher)}</span>'
                f'<span class="sub">{_e(s.url)}</span></td><td class="n">{figure(s.citations)}</td>'
                f'<td class="n hide-narrow">{figure(s.articles)}</td>'
                f'<td class="hide-narrow">{_e(stances)}</td></tr>'
            )
        out.append("</tbody></table>")
    else:
        out.append('<p class="empty">No source has been linked yet.</p>')
    out += _agreement_html(summary)
    out.append(
        f"<footer>Prepared with Factcheck desk {_e(summary.app_version)} on "
        f"{summary.generated_at:%Y-%m-%d %H:%M} UTC.</footer></main></body></html>\n"
    )
    ticker.finish()
    return "\n".join(out)


AGREEMENT_LISTED = 50  # disagreements listed per pair; the window lists them all


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _agreement_html(summary: WorkspaceSummary) -> list[str]:
    """Agreement between reviewers: per pair, raw agreement and Cohen's kappa on the tag
    and the verdict, then the sentences they labelled differently."""
    out = ["<h2>Agreement between reviewers</h2>"]
    if not summary.agreement:
        out.append('<p class="empty">No two reviewers have reviewed the same sentence.</p>')
        return out
    titles = {line.id: bounded(line.title, LINE_CHARS) for line in summary.articles}
    out.append(
        '<table class="list"><thead><tr><th>Reviewers</th><th class="n">Tag: sentences</th>'
        '<th class="n">agreement</th><th class="n">kappa</th><th class="n">Verdict: '
        'sentences</th><th class="n">agreement</th><th class="n">kappa</th></tr></thead><tbody>'
    )
    for pair in summary.agreement:
        tag, verdict = pair.tag, pair.verdict
        out.append(
            f'<tr><td>{_e(" and ".join(pair.reviewers))}</td><td class="n">{figure(tag.n)}</td>'
            f'<td class="n">{_share(tag.agreement)}</td><td class="n">{_share(tag.kappa)}</td>'
            f'<td class="n">{figure(verdict.n)}</td><td class="n">{_share(verdict.agreement)}</td>'
            f'<td class="n">{_share(verdict.kappa)}</td></tr>'
        )
    out.append("</tbody></table>")
    out.append(
        '<p class="note">Over the sentences both reviewed (a tag, a verdict or marked done); '
        "the verdict over those both gave one. Kappa 1 is full agreement, 0 what chance "
        "would give.</p>"
    )
    for pair in summary.agreement:
        if not pair.disagreements:
            continue
        shown = pair.disagreements[:AGREEMENT_LISTED]
        more = len(pair.disagreements) - len(shown)
        out.append(f"<h3>Where {_e(' and '.join(pair.reviewers))} differ</h3>")
        out.append(
            '<table class="list"><thead><tr><th>Sentence</th><th>On</th>'
            f"<th>{_e(pair.reviewers[0])}</th><th>{_e(pair.reviewers[1])}</th></tr></thead><tbody>"
        )
        for d in shown:
            where = f"{or_untitled(titles.get(d.article_id, ''))} · #{d.number}"
            out.append(
                f'<tr><td>{_e(d.text)}<span class="sub">{_e(where)}</span></td>'
                f"<td>{d.kind}</td><td>{_e(d.labels[0])}</td><td>{_e(d.labels[1])}</td></tr>"
            )
        out.append("</tbody></table>")
        if more:
            out.append(
                f'<p class="note">and {figure(more)} more (Review → Agreement in the desk).</p>'
            )
    return out


# -- CSV ------------------------------------------------------------------------------------

SUMMARY_COLUMNS = (
    "article_id",
    "title",
    "outlet",
    "published",
    "sentences",
    "reviewed",
    "percent_reviewed",
    "claims",
    "denials",
    "facts",
    *(r.key for r in DEFAULT_SCALE),
    "no_verdict",
    # Appended with team review (columns before keep their places): how many sentences an
    # editor approved, returned, and has still to sign off (done, with a verdict).
    *SIGN_OFF_KEYS.values(),
    "url",  # the article's address, appended later still
)


def render_summary_csv(summary: WorkspaceSummary, ticker: Ticker | None = None) -> str:
    ticker = ticker or quiet_ticker()
    rows = []
    for line in summary.articles:
        ticker.step()
        verdicts = {v.key: v.count for v in line.verdicts}
        rows.append(
            [
                line.id,
                line.title,
                line.outlet,
                line.published.isoformat() if line.published else "",
                line.total,
                line.reviewed,
                line.percent,
                *(line.tags[tag] for tag in Tag),
                *(verdicts.get(r.key, 0) for r in DEFAULT_SCALE),
                verdicts.get("", 0),
                *sign_off_figures(line.sign_offs).values(),
                line.url,  # as SUMMARY_COLUMNS ends
            ]
        )
    ticker.finish()
    return write_rows(rows, SUMMARY_COLUMNS)


# -- Plain text and JSON (factcheck-app stats) -----------------------------------------------


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def render_summary_text(summary: WorkspaceSummary) -> str:
    """The summary for a terminal: totals, statuses, tags and verdicts, then each article,
    the top claimants, the sources most cited and the reviewers' agreement. Text from the
    workspace is made one printable line (a title may hold anything)."""
    total, reviewed = summary.total, summary.reviewed
    checked = sum(v.count for v in summary.verdicts if v.key)
    waiting = sum(v.count for v in summary.verdicts if not v.key)
    lines = [
        f"Workspace {printable(summary.name or 'workspace')}: "
        f"{counted(len(summary.articles), 'article')}, {counted(total, 'sentence')}, "
        f"{reviewed:,} done ({_percent(reviewed, total)}%)",
        "Status: "
        + ", ".join(
            f"{figure(count)} {STATUS_WORDS[status]}"
            for status, count in summary.statuses.items()
            if count or status is not Status.CONFLICT  # conflicts only after a merge
        ),
        "Tags: " + ", ".join(counted(n, tag.value) for tag, n in summary.tags.items()),
        f"Verdicts on {counted(checked, 'statement')}: "
        + (_verdict_words(tuple(v for v in summary.verdicts if v.key)) or "none yet")
        + (f"; {figure(waiting)} tagged without a verdict" if waiting else ""),
    ]
    if signed_off := _sign_off_words(summary.sign_offs):  # as summary-html says it
        lines.append(f"Sign-off: {signed_off}")
    if summary.articles:
        lines += ["", "Articles (id, done, title):"]
        for line in summary.articles:
            title = printable(or_untitled(bounded(line.title, LINE_CHARS)))
            verdicts = _verdict_words(tuple(v for v in line.verdicts if v.key))
            lines.append(
                f"  {line.id}\t{figure(line.reviewed)}/{figure(line.total)}\t{title}"
                + (f" — {verdicts}" if verdicts else "")
            )
    lines += ["", "Top claimants:"]
    lines += [
        f"  {printable(c.name)}: {counted(c.statements, 'statement')} in "
        f"{counted(c.articles, 'article')}"
        + (f" — {words}" if (words := _verdict_words(c.verdicts)) else "")
        for c in summary.claimants
    ] or ["  none recorded yet"]
    lines += ["", "Sources most cited:"]
    lines += [
        f"  {printable(s.url)}: cited {figure(s.citations)}× in {counted(s.articles, 'article')}"
        + (f" ({printable(s.title)})" if s.title else "")
        for s in summary.sources
    ] or ["  none linked yet"]
    if summary.agreement:
        lines += ["", "Agreement between reviewers (tag; verdict: sentences, agreement, kappa):"]
        for pair in summary.agreement:
            tag, verdict = pair.tag, pair.verdict
            lines.append(
                f"  {printable(' and '.join(pair.reviewers))}: "
                f"tag {tag.n}, {_share(tag.agreement)}, {_share(tag.kappa)}; "
                f"verdict {verdict.n}, {_share(verdict.agreement)}, {_share(verdict.kappa)}"
            )
    return "\n".join(lines) + "\n"


def summary_data(summary: WorkspaceSummary) -> dict[str, Any]:
    """The summary as plain data for JSON (keys as the CSV's and the workspace's own)."""

    def verdict_map(verdicts: tuple[VerdictCount, ...]) -> dict[str, int]:
        return {v.key or "no_verdict": v.count for v in verdicts if v.count}

    return {
        "workspace": summary.name,
        "articles": len(summary.articles),
        "sentences": summary.total,
        "done": summary.reviewed,
        "statuses": {status.value: n for status, n in summary.statuses.items()},
        "tags": {tag.value: n for tag, n in summary.tags.items()},
        "verdicts": verdict_map(summary.verdicts),
        "sign_off": sign_off_figures(summary.sign_offs),  # as the summary CSV's columns
        "per_article": [
            {
                "article_id": line.id,
                "title": line.title,
                "outlet": line.outlet,
                "published": line.published.isoformat() if line.published else None,
                "sentences": line.total,
                "done": line.reviewed,
                "tags": {tag.value: n for tag, n in line.tags.items()},
                "verdicts": verdict_map(line.verdicts),
                "sign_off": sign_off_figures(line.sign_offs),
            }
            for line in summary.articles
        ],
        "top_claimants": [
            {
                "name": c.name,
                "statements": c.statements,
                "articles": c.articles,
                "verdicts": verdict_map(c.verdicts),
            }
            for c in summary.claimants
        ],
        "sources_most_cited": [
            {
                "url": s.url,
                "title": s.title,
                "publisher": s.publisher,
                "citations": s.citations,
                "articles": s.articles,
                "stances": {stance.value: n for stance, n in s.stances.items()},
            }
            for s in summary.sources
        ],
        "agreement": pairs_json(summary.agreement)["pairs"],  # as `agreement --json`
        "generated_at": summary.generated_at.isoformat(timespec="seconds"),
        "app_version": summary.app_version,
    }
