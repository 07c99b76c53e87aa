"""The client review report laid out: one self-contained HTML page, or Markdown.

:func:`report_html` and :func:`report_markdown` render a
:class:`~itroad.planning.review.Review` with the jinja2 templates shipped beside this
module (``templates/report.html.j2``, ``templates/report.md.j2``, package data read
like code, through the package's loader). They format what the review holds and add
no figure: amounts with :func:`~itroad.domain.money.format_money`, the bar chart's
labels included.

User text is data in both formats:

- HTML: jinja2's autoescaping (``<script>`` is shown as text), and every control
  character shown as its visible form by the ``shown`` function the caller passes
  (:func:`itroad.safe_text.visible`: this layer may not import it, as it touches the
  terminal libraries), so a bidirectional override cannot turn a name round;
- Markdown: every value written by a template goes through :func:`md_text`, which
  escapes what Markdown and the HTML a wiki allows would read as markup (``|`` does not
  break a table, ``<script>`` is text, a leading ``=`` is not a spreadsheet formula).

The page has no script, no remote font or image: its CSS and its SVG chart are inline,
and a print stylesheet starts each section on a new page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from itroad.domain.money import format_money
from itroad.output.text import kpi_text, progress_bar
from itroad.planning.review import BudgetQuarter, KpiLine, Review

# --------------------------------------------------------------------------- escaping

#: Characters Markdown (CommonMark, GitHub's tables and strikethrough) reads as markup,
#: escaped with a backslash wherever they stand.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#])")
#: At the start of a value: a formula to a spreadsheet, a list or quote to Markdown.
_MD_LEADING = re.compile(r"^([=+\-@!>.])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_SPACES = re.compile(r"\s+")
#: What GitHub-flavoured Markdown turns into a link by itself: ``http://…``, ``www.…``.
_AUTOLINK = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(?=//)|\b(www)\.")


class MdSafe(str):
    """Markdown the template builds itself (never user text): written as it is."""


#: How control characters in user text are shown (:func:`itroad.safe_text.visible`).
Shown = Callable[[str], str]


def md_text(value: Any, shown: Shown) -> str:
    """A value as Markdown text: on one line, controls shown (``shown``), markup escaped.

    ``<`` and ``>`` become entities (no tag reaches a wiki's HTML), an ``&`` that would
    start an entity is written ``&amp;``, and the punctuation Markdown reads as markup is
    escaped with a backslash (a ``|`` no longer ends a table cell), and so are the ``:`` of
    ``http://`` and the ``.`` of ``www.`` (no text becomes a link by itself)."""
    if isinstance(value, MdSafe):
        return str(value)
    if value is None:
        return ""
    text = shown(_SPACES.sub(" ", str(value)))
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: f"{m[1]}\\:" if m[1] else f"{m[2]}\\.", text)
    return _MD_LEADING.sub(r"\\\1", text)




# --------------------------------------------------------------------------- filters


def money(amount: Decimal | None) -> str:
    """``1,234.50``; an unknown amount is ``—``."""
    return "—" if amount is None else format_money(amount)


def percent(progress: Decimal | None) -> str:
    """``62%``, rounded down: ``100%`` only once the target is reached (99.6% is ``99%``)."""
    if progress is None:
        return "not measured"
    return f"{int((progress * 100).to_integral_value(rounding='ROUND_FLOOR'))}%"


def says_progress(line: KpiLine) -> bool:
    """Whether a KPI's "N% of the way" tells something its figures do not: not when it is not
    measured, nor when the figure already reads the same (``62%`` from 0% to 100%)."""
    kpi = line.kpi
    if line.progress is None:
        return False
    return not (kpi.unit == "%" and kpi.latest is not None and f"{kpi.latest}%" == percent(line.progress))


def assets(count: int) -> str:
    """``1 asset``, ``2 assets``."""
    return f"{count} asset" if count == 1 else f"{count} assets"


def status_word(value: Any) -> str:
    """``in_progress`` → ``in progress``."""
    return str(getattr(value, "value", value)).replace("_", " ")


# --------------------------------------------------------------------------- the chart


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    kind: str  # one-time, recurring, proposed
    label: str  # the amount written on or above it


@dataclass(frozen=True)
class ChartColumn:
    label: str
    focus: bool
    x: int  # centre of the quarter's pair of bars
    bars: tuple[Bar, ...]
    total_label: str  # committed total, above the stacked bar
    total_x: int
    total_y: int
    proposed_label: str
    proposed_x: int
    proposed_y: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    base: int  # the y of the axis
    columns: tuple[ChartColumn, ...]
    empty: bool


CHART_WIDTH, CHART_HEIGHT = 760, 300
_TOP, _BOTTOM, _LEFT = 36, 44, 12


def budget_chart(quarters: tuple[BudgetQuarter, ...]) -> Chart:
    """Per quarter, the committed amount as a bar of one-time under recurring, and the
    proposed amount as a bar of its own beside it; heights to one scale, whole pixels."""
    base = CHART_HEIGHT - _BOTTOM
    room = base - _TOP
    largest = max([q.total for q in quarters] + [q.proposed for q in quarters] + [Decimal(0)])
    slot = (CHART_WIDTH - 2 * _LEFT) // max(1, len(quarters))
    bar = min(64, slot * 3 // 8)

    def height(amount: Decimal) -> int:
        if largest <= 0 or amount <= 0:
            return 0
        return max(1, int((amount * room / largest).to_integral_value()))

    columns = []
    for n, q in enumerate(quarters):
        centre = _LEFT + slot * n + slot // 2
        left, right = centre - bar - 3, centre + 3
        h_one, h_all = height(q.one_time), height(q.total)
        h_rec = max(0, h_all - h_one)
        bars = [
            Bar(left, base - h_one, bar, h_one, "one-time", money(q.one_time)),
            Bar(left, base - h_all, bar, h_rec, "recurring", money(q.recurring)),
        ]
        h_prop = height(q.proposed)
        bars.append(Bar(right, base - h_prop, bar, h_prop, "proposed", money(q.proposed)))
        columns.append(ChartColumn(
            q.label, q.focus, centre, tuple(b for b in bars if b.height > 0),
            money(q.total), left + bar // 2, base - h_all - 6,
            money(q.proposed), right + bar // 2, base - h_prop - 6,
        ))
    return Chart(CHART_WIDTH, CHART_HEIGHT, base, tuple(columns), largest <= 0)


# --------------------------------------------------------------------------- rendering


#: A run of ``2 * _RUN`` characters or more with no space to break at (a URL, a serial) gets a
#: line-break opportunity (``<wbr>``) every ``_RUN`` characters: a table cell can then wrap it,
#: where it would push the columns after it off the printed page. Ordinary words are left
#: alone (CSS ``overflow-wrap: anywhere`` would let a narrow column break them anywhere).
_RUN = 16
_LONG_RUN = re.compile(rf"\S{{{2 * _RUN},}}")


def breakable(text: str) -> str | Markup:
    """``text`` as HTML with ``<wbr>`` in each run of 32 unbroken characters or more (the
    text itself escaped); other text unchanged (autoescaped later)."""
    if not _LONG_RUN.search(text):
        return text
    parts: list[Markup] = []
    last = 0
    for run in _LONG_RUN.finditer(text):
        parts.append(escape(text[last:run.start()]))
        word = run.group()
        parts.append(Markup("<wbr>").join(escape(word[i:i + _RUN]) for i in range(0, len(word), _RUN)))
        last = run.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def _environment(markdown: bool, shown: Shown) -> Environment:
    def html_value(value: Any) -> Any:
        """Every value a HTML template writes: controls shown, long unbroken runs made
        breakable (then autoescaped)."""
        if isinstance(value, str) and not isinstance(value, Markup):
            return breakable(shown(value))
        return "" if value is None else value

    def unbroken(value: Any) -> Markup:
        """Text where no tag may go (``<title>``): controls shown and escaped, no ``<wbr>``."""
        return escape(shown(str(value)))

    def md_value(value: Any) -> str:
        return md_text(value, shown)

    env = Environment(
        loader=PackageLoader("itroad.output", "templates"),
        autoescape=not markdown,
        finalize=md_value if markdown else html_value,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(money=money, percent=percent, status=status_word, assets=assets, kpi_text=kpi_text,
                       progress_bar=progress_bar, md=MdSafe, says_progress=says_progress)
    if not markdown:
        env.filters["unbroken"] = unbroken
    return env


def _render(name: str, review: Review, markdown: bool, shown: Shown) -> str:
    env = _environment(markdown, shown)
    return env.get_template(name).render(r=review, chart=budget_chart(review.quarters))


def report_html(review: Review, shown: Shown) -> str:
    """The review as one self-contained HTML page (inline CSS and SVG, no script); ``shown``
    makes a text's control characters visible (:func:`itroad.safe_text.visible`)."""
    return _render("report.html.j2", review, False, shown)


def report_markdown(review: Review, shown: Shown) -> str:
    """The review as Markdown, the same content, for a ticket or a wiki (``shown``: as for
    :func:`report_html`)."""
    return _render("report.md.j2", review, True, shown)
