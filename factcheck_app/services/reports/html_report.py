"""The HTML verdict report: one self-contained file, readable on a phone, clean on paper.

Every piece of article and user text passes through `_e` (escape) and every link
through `safe_url`; a Content-Security-Policy forbids scripts and remote loads
as a second line of defence.
"""

from __future__ import annotations

import html

from factcheck_app.domain.languages import UNDETERMINED
from factcheck_app.domain.models import Tag
from factcheck_app.domain.printable import or_untitled
from factcheck_app.domain.wording import counted, figure, noun_for
from factcheck_app.services.reports.model import (
    ArticleReport,
    EntryGroup,
    ReportSentence,
    ReportSource,
    Ticker,
    VerdictCount,
    quiet_ticker,
)
from factcheck_app.services.reports.text import (
    ORIGINAL_ARTICLE,
    STANCE_COLORS,
    TAG_COLORS,
    VERDICT_COLORS,
    VERDICT_TINTS,
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
    status_note,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def verdict_class(key: str | None) -> str:
    key = key or ""
    if key == "":
        return "v-none"
    return f"v-{key}" if key in VERDICT_COLORS else "v-unverifiable"


def _palette_css() -> str:
    rules = []
    for key, color in VERDICT_COLORS.items():
        name = verdict_class(key)
        rules.append(f".{name}{{--v:{color};--vt:{VERDICT_TINTS[key]}}}")
    rules += [f".t-{tag.value}{{--tc:{color}}}" for tag, color in TAG_COLORS.items()]
    rules += [f".st-{stance.value}{{--sc:{color}}}" for stance, color in STANCE_COLORS.items()]
    return "".join(rules)


STYLE = """
:root{color-scheme:light;--ink:#1b1e23;--muted:#5b6370;--rule:#dde0e5;--soft:#f3f4f6;
--accent:#14417a}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#eceef1;color:var(--ink);
font:17px/1.62 Charter,"Bitstream Charter","Iowan Old Style",Georgia,"DejaVu Serif",serif}
.page{max-width:50rem;margin:0 auto;background:#fff;padding:2.75rem 3.25rem 3rem;
overflow-wrap:break-word}
.sans,.kicker,.meta,.summary,.legend,.chip,.card-head,.sources,footer,h2,h3,dt,.back,.note{
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","DejaVu Sans",Arial,
sans-serif}
a{color:var(--accent)}
.kicker{text-transform:uppercase;letter-spacing:.14em;font-size:.74rem;font-weight:700;
color:var(--accent);margin:0 0 .6rem}
h1{font-size:2.15rem;line-height:1.18;margin:0 0 .9rem;font-weight:700;letter-spacing:-.01em}
.meta{color:var(--muted);font-size:.9rem;margin:0 0 .2rem}
.meta a{color:inherit}
.meta .sep{margin:0 .45rem;color:#b5bac2}
.address{overflow-wrap:anywhere}
h2{font-size:.95rem;text-transform:uppercase;letter-spacing:.1em;border-top:3px solid var(--ink);
padding-top:.6rem;margin:2.6rem 0 1.1rem}
h3{font-size:.78rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);
margin:1rem 0 .5rem}
.summary{display:grid;grid-template-columns:1fr 1.35fr;gap:1.5rem 2.5rem;font-size:.92rem}
.big{font-size:2.3rem;font-weight:700;line-height:1;font-variant-numeric:tabular-nums}
.big small{font-size:1rem;font-weight:400;color:var(--muted)}
.progress{height:.5rem;background:var(--soft);border-radius:1rem;overflow:hidden;margin:.6rem 0}
.progress span{display:block;height:100%;background:var(--accent)}
.note{color:var(--muted);font-size:.82rem;margin:.2rem 0 0}
.stats{display:flex;gap:1.6rem;margin-top:1.2rem}
.stat b{display:block;font-size:1.5rem;line-height:1.1;color:var(--tc)}
.stat span{font-size:.72rem;color:var(--muted);text-transform:uppercase;letter-spacing:.07em}
table.bars{width:100%;border-collapse:collapse}
.bars td{padding:.2rem 0;vertical-align:middle}
.bars .label{width:7.5rem;white-space:nowrap;padding-right:.75rem}
.bars .n{width:2.2rem;text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
.bar{height:.85rem;background:var(--soft);border-radius:2px}
.bar span{display:block;height:100%;border-radius:2px;background:var(--v)}
.legend{font-size:.8rem;color:var(--muted);margin:-.3rem 0 1.1rem}
.article p{margin:0 0 1.05rem}
.s{unicode-bidi:plaintext;
background:var(--vt);border-bottom:2px solid var(--tc);padding:.06em .08em;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.chip{display:inline-block;font-size:.66rem;font-weight:700;line-height:1.35;color:#fff;
background:var(--v);padding:0 .42rem;border-radius:1rem;vertical-align:.18em;margin-left:.22rem;
text-decoration:none;white-space:nowrap;letter-spacing:.02em}
.card{border:1px solid var(--rule);border-left:5px solid var(--v);border-radius:4px;
padding:1.05rem 1.3rem 1.1rem;margin:0 0 1.3rem;break-inside:avoid}
.card .card{margin:.9rem 0 0;background:#fcfcfd}
.card-head{display:flex;flex-wrap:wrap;align-items:center;gap:.45rem .6rem;font-size:.82rem;
margin-bottom:.7rem}
.num{font-weight:700;color:var(--muted)}
.tag{text-transform:uppercase;letter-spacing:.07em;font-weight:700;font-size:.7rem;
color:var(--tc);border:1px solid var(--tc);border-radius:3px;padding:0 .38rem}
.verdict{color:#fff;background:var(--v);font-weight:700;border-radius:3px;padding:.08rem .6rem;
font-size:.86rem}
.flag{font-size:.74rem;color:#7a4f00;background:#fff1cc;border-radius:3px;padding:.05rem .45rem}
.back{margin-left:auto;font-size:.76rem;color:var(--muted);text-decoration:none}
blockquote.quote{margin:0 0 .85rem;font-size:1.1rem;line-height:1.5;padding:0;border:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.1rem;margin:.4rem 0}
dt{font-size:.7rem;text-transform:uppercase;letter-spacing:.07em;color:var(--muted);
padding-top:.32rem}
dd{margin:0;min-width:0}
dd p{margin:0 0 .5rem}dd p:last-child{margin:0}
.sources{list-style:none;padding:0;margin:.3rem 0 0;font-size:.86rem;line-height:1.5}
.sources li{border-top:1px solid var(--rule);padding:.6rem 0 .5rem}
.stance{display:inline-block;font-size:.64rem;font-weight:700;text-transform:uppercase;
letter-spacing:.07em;color:var(--sc);border:1px solid var(--sc);border-radius:3px;
padding:0 .32rem;margin-right:.4rem;vertical-align:.1em}
.src-title{font-weight:600}
.src-meta{color:var(--muted)}
.src-note{color:var(--muted);font-size:.86rem;margin:.2rem 0}
.excerpt{margin:.35rem 0 .2rem;padding-left:.8rem;border-left:3px solid var(--sc);color:#30343a;
font-family:Charter,Georgia,"DejaVu Serif",serif;font-style:italic}
.url{display:block;word-break:break-all;color:var(--muted);font-size:.76rem}
.denied-note{font-size:.88rem;color:var(--muted);margin:0 0 .6rem}
.empty{color:var(--muted);font-style:italic}
footer{margin-top:3rem;padding-top:.8rem;border-top:1px solid var(--rule);font-size:.78rem;
color:var(--muted)}
@media (max-width:40rem){
body{font-size:16px}.page{padding:1.4rem 1.05rem 2rem}h1{font-size:1.65rem}
.summary{grid-template-columns:1fr}dl.facts{grid-template-columns:1fr;gap:0}dt{padding-top:.5rem}
.card{padding:.9rem .9rem}.back{margin-left:0}}
@media print{
@page{margin:16mm 15mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{background:#fff;font-size:10.5pt}.page{max-width:none;padding:0}
a{color:inherit;text-decoration:none}.back{display:none}
h2{break-after:avoid}.card{break-inside:avoid}}
""" + _palette_css()


def _multiline(text: str) -> str:
    """Typed text with its paragraphs and line breaks, escaped."""
    return "".join(
        '<p dir="auto">' + "<br>".join(_e(line) for line in part.split("\n")) + "</p>"
        for part in paragraphs(text)
    )


def _lang(report: ArticleReport) -> str:
    """` lang="fr"` for elements holding the article's own words (the page is English): a
    screen reader then reads them with that language's rules. Nothing when not known."""
    code = report.article.language
    return f' lang="{_e(code)}"' if code and code != UNDETERMINED else ""


def _link(url: str, label: str, css: str = "") -> str:
    target = safe_url(url)
    css_attr = f' class="{css}"' if css else ""
    if target is None:
        return f"<span{css_attr}>{_e(label)}</span>"
    return f'<a{css_attr} href="{_e(target)}" rel="noreferrer">{_e(label)}</a>'


def _header(report: ArticleReport) -> list[str]:
    article = report.article
    meta = [
        f"<span>{_e(part)}</span>"
        for part in (
            article.outlet,
            f"By {article.author}" if article.author else "",
            f"Published {long_date(article.published)}" if article.published else "",
        )
        if part
    ]
    sep = '<span class="sep">·</span>'
    made = [f"Report of {report_date(report.generated_at)}"]
    if draft_line(report):
        made.append(draft_line(report))
    if report.publishing.publisher_name:
        made.insert(0, f"Published by {report.publishing.publisher_name}")
    if report.credits:
        made.append(report.credits)
    lines = [
        '<header class="masthead">',
        '<p class="kicker">Fact-check report</p>',
        f'<h1 dir="auto"{_lang(report)}>{_e(or_untitled(article.title))}</h1>',
    ]
    if meta:
        lines.append(f'<p class="meta">{sep.join(meta)}</p>')
    if article.url:
        # The address itself, not "Original article" linked to it: on paper a link is its
        # words only, and the editor must find the article the report checks.
        address = _link(article.url, shown_address(article.url))
        lines.append(f'<p class="meta address" dir="ltr">{ORIGINAL_ARTICLE}{address}</p>')
    lines.append(f'<p class="meta">{sep.join(_e(m) for m in made)}</p>')
    lines.append("</header>")
    return lines


def verdict_bars(counts: tuple[VerdictCount, ...]) -> str:
    """A bar per verdict, scaled to the largest count; pure HTML/CSS."""
    top = max((c.count for c in counts), default=0) or 1
    rows = []
    for c in counts:
        width = round(100 * c.count / top, 1)
        rows.append(
            f'<tr class="{verdict_class(c.key)}"><td class="label">{_e(c.label)}</td>'
            f'<td><div class="bar"><span style="width:{width}%"></span></div></td>'
            f'<td class="n">{figure(c.count)}</td></tr>'
        )
    return '<table class="bars">' + "".join(rows) + "</table>"


def _summary(report: ArticleReport) -> list[str]:
    total, reviewed = report.total, report.reviewed
    percent = round(100 * reviewed / total) if total else 0
    unfinished = open_reviews(report.status_counts)
    stats = "".join(
        f'<div class="stat t-{tag.value}"><b>{figure(report.tag_counts[tag])}</b>'
        f"<span>{noun_for(report.tag_counts[tag], tag.label)}</span></div>"
        for tag in Tag
    )
    checked = len(report.entries)
    return [
        "<h2>At a glance</h2>",
        '<section class="summary">',
        "<div>",
        f'<div class="big">{reviewed:,}<small> of {counted(total, "sentence")} reviewed'
        "</small></div>",
        f'<div class="progress"><span style="width:{percent}%"></span></div>',
        f'<p class="note">{percent}% done'
        + (f" · {_e(unfinished)}" if unfinished else "")
        + "</p>",
        f'<div class="stats">{stats}</div>',
        "</div>",
        "<div>",
        f'<h3 style="margin-top:0">Verdicts on {counted(checked, "checked statement")}</h3>',
        verdict_bars(report.verdict_counts),
        "</div>",
        "</section>",
    ]


def _article(report: ArticleReport, ticker: Ticker) -> list[str]:
    lines = [
        "<h2>The article, annotated</h2>",
        '<p class="legend">Checked sentences are highlighted in the colour of their verdict and '
        "underlined in the colour of their kind (claim, denial, fact); the label leads to the "
        "full check below.</p>",
        f'<div class="article"{_lang(report)}>',
    ]
    for block in article_blocks(report):
        parts = []
        for piece in block:
            if isinstance(piece, str):
                parts.append(_e(piece))
                continue
            ticker.step()
            if not piece.is_entry:
                parts.append(_e(piece.text))
                continue
            tag = f" t-{piece.tag.value}" if piece.tag else ""
            vclass = verdict_class(piece.review.verdict)
            parts.append(
                f'<span class="s {vclass}{tag}" id="s{piece.number}">{_e(piece.text)}</span>'
                f'<a class="chip {vclass}" dir="ltr" href="#c{piece.number}">'
                f"{piece.number} · {_e(piece.verdict or 'No verdict')}</a>"
            )
        lines.append('<p dir="auto">' + "".join(parts) + "</p>")
    lines.append("</div>")
    return lines


def _source(source: ReportSource) -> str:
    meta = [
        part
        for part in (
            source.publisher,
            f"accessed {long_date(source.accessed)}" if source.accessed else "",
        )
        if part
    ]
    parts = [
        f'<li class="st-{source.stance.value}">',
        f'<span class="stance">{_e(source.stance.label)}</span>',
        _link(source.url, source.display_title, "src-title"),
    ]
    if meta:
        parts.append(f' <span class="src-meta">— {_e(", ".join(meta))}</span>')
    quoted: list[str] = []
    for part, is_quote in [*excerpt_paragraphs(source.excerpt), ("", False)]:
        if is_quote:
            quoted.append(part)
            continue
        if quoted:  # the source's words, in one quote block
            words = _multiline("\n\n".join(quoted))
            parts.append(f'<div class="excerpt">{words}</div>')
            quoted = []
        if part:  # the desk's note after them, outside the quote
            parts.append(f'<div class="src-note" dir="auto">{_e(part)}</div>')
    parts.append(f'<span class="url">{_e(source.url)}</span></li>')
    return "".join(parts)


def _card(
    report: ArticleReport,
    entry: ReportSentence,
    denials: tuple[ReportSentence, ...] = (),
    *,
    nested: bool = False,
) -> str:
    review = entry.review
    vclass = verdict_class(review.verdict)
    tag = entry.tag
    head = [
        f'<span class="num">#{entry.number}</span>',
        f'<span class="tag t-{tag.value}">{tag.label}</span>' if tag else "",
        f'<span class="verdict {vclass}">{_e(entry.verdict or "No verdict yet")}</span>',
    ]
    note = status_note(entry)
    if note:
        head.append(f'<span class="flag">{_e(note)}</span>')
    head.append(f'<a class="back" href="#s{entry.number}">↑ in the article</a>')
    parts = [
        f'<article class="card {vclass}" id="c{entry.number}">',
        f'<div class="card-head">{"".join(head)}</div>',
        f'<blockquote class="quote" dir="auto"{_lang(report)}>'
        f"{_e(' '.join(entry.text.split()))}</blockquote>",
    ]
    target = report.sentence_at(entry.denies_index)
    if entry.tag is Tag.DENIAL and target is not None and not nested:
        parts.append(
            f'<p class="denied-note">Denies #{target.number}: '
            f"“{_e(' '.join(target.text.split()))}”</p>"
        )
    facts = []
    if review.claimant.strip():
        facts.append(f'<dt>Claimant</dt><dd dir="auto">{_e(review.claimant.strip())}</dd>')
    if review.explanation.strip():
        facts.append(f'<dt>Explanation</dt><dd dir="auto">{_multiline(review.explanation)}</dd>')
    credit = sign_off_line(entry)
    if credit:
        facts.append(f'<dt>{sign_off_label(entry)}</dt><dd dir="auto">{_e(credit)}</dd>')
    if facts:
        parts.append('<dl class="facts">' + "".join(facts) + "</dl>")
    if entry.sources:
        count = len(entry.sources)
        parts.append(f"<h3>Source{'s' if count != 1 else ''} ({count})</h3>")
        parts.append('<ul class="sources">' + "".join(map(_source, entry.sources)) + "</ul>")
    if denials:
        parts.append(f"<h3>Denied by</h3>{''.join(_card(report, d, nested=True) for d in denials)}")
    parts.append("</article>")
    return "".join(parts)


def _checks(report: ArticleReport, groups: tuple[EntryGroup, ...], ticker: Ticker) -> list[str]:
    lines = ["<h2>Claims, denials and facts checked</h2>"]
    if not groups:
        lines.append('<p class="empty">No sentence of this article has been tagged yet.</p>')
    for group in groups:
        ticker.step(1 + len(group.denials))
        lines.append(_card(report, group.entry, group.denials))
    return lines


def render_html(report: ArticleReport, ticker: Ticker | None = None) -> str:
    """The complete report as one HTML document (each field at most `FIELD_CHARS` long)."""
    ticker = ticker or quiet_ticker()
    report = bounded_report(report)
    title = or_untitled(report.article.title)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        f'<meta name="generator" content="Factcheck desk {_e(report.app_version)}">',
        f"<title>Fact-check: {_e(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<main class="page">',
    ]
    lines += _header(report)
    lines += _summary(report)
    lines += _article(report, ticker)
    lines += _checks(report, report.groups, ticker)
    lines.append(
        f"<footer>Prepared with Factcheck desk {_e(report.app_version)} on "
        f"{report.generated_at:%Y-%m-%d %H:%M} UTC. Sentence numbers (#) follow the article's "
        "reading order.</footer>"
    )
    lines += ["</main>", "</body>", "</html>", ""]
    ticker.finish()
    return "\n".join(lines)
