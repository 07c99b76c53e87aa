"""The client review report: its figures are the forecast's, it shows one client only, and
user text is text in both formats."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from markupsafe import escape
from tests.conftest import AS_OF, tui_portfolio

from itroad.domain.models import (
    Asset,
    Client,
    Contract,
    Initiative,
    Kpi,
    LifecyclePolicy,
    Person,
    Renewal,
    RoleAssignment,
)
from itroad.domain.money import format_money
from itroad.output import report
from itroad.planning.forecast import forecast
from itroad.planning.review import ReviewError, client_review, parse_quarter
from itroad.planning.roadmap import plan_roadmap
from itroad.safe_text import visible


def report_html(review):
    return report.report_html(review, visible)


def report_markdown(review):
    return report.report_markdown(review, visible)


def md_text(value):
    return report.md_text(value, visible)

LINE_HEADINGS = {
    "hardware": "Hardware replacements",
    "initiatives_one_time": "Initiatives, one-time",
    "renewals": "Renewals",
    "contracts": "Contracts",
    "initiatives_recurring": "Initiatives, monthly",
    "total": "**Committed total**",
    "proposed": "*Proposed (not in the total)*",
}


def md_rows(text: str, first_cell: str) -> list[list[str]]:
    """The cells of the Markdown table rows whose first cell is ``first_cell``."""
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if cells and cells[0] == first_cell:
            rows.append(cells[1:])
    return rows


def html_budget_rows(text: str) -> dict[str, list[str]]:
    """The budget table of the HTML page: heading -> the cells of its row."""
    section = text.split('<section id="budget">', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr[^>]*><td>(.*?)</td>(.*?)</tr>", section):
        rows[html.unescape(row[0])] = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1])]
    return rows


@pytest.fixture(scope="module")
def clients(sample_portfolio):
    return sample_portfolio.clients


# --------------------------------------------------------------------------- one source of numbers


def test_budget_quarters_are_the_forecasts_periods(clients):
    for client in clients:
        review = client_review(client, AS_OF)
        years = review.forecast.years
        by_quarter = {p.label: p for p in forecast(client, AS_OF, by="quarter", years=years).periods}
        assert review.quarters
        for q in review.quarters:
            assert q.period == by_quarter[q.label]
            assert q.one_time + q.recurring == q.total


def test_the_pages_print_the_forecasts_figures(clients):
    for client in clients:
        review = client_review(client, AS_OF)
        periods = {p.label: p for p in forecast(client, AS_OF, by="quarter", years=review.forecast.years).periods}
        labels = [q.label for q in review.quarters]
        md = report_markdown(review)
        page = html_budget_rows(report_html(review))
        for line, heading in LINE_HEADINGS.items():
            expected = [format_money(periods[label].line(line)) for label in labels]
            assert md_rows(md, heading) == [expected], (client.code, line)
            html_heading = heading.strip("*")
            assert page[html_heading] == expected, (client.code, line)


def test_fiscal_years_are_the_forecasts(clients):
    for client in clients:
        review = client_review(client, AS_OF)
        years = forecast(client, AS_OF, by="year", years=2).fiscal_years
        assert review.this_year.summary == years[0]
        assert review.next_year is not None and review.next_year.summary == years[1]
        assert review.health.committed_this_fy == years[0].total
        md = report_markdown(review)
        for year in years:
            assert f"{format_money(year.total)} committed" in md


def test_roadmap_quarters_are_the_forecasts_initiative_lines(clients):
    for client in clients:
        review = client_review(client, AS_OF)
        periods = {p.label: p for p in review.forecast.periods}
        for plan in review.roadmap_quarters:
            period = periods[plan.label]
            assert plan.quarter.committed == period.initiatives_one_time + period.initiatives_recurring
            assert plan.quarter.proposed == period.proposed


def test_renewals_and_lifecycle_are_the_due_lists(clients):
    from itroad.planning.due import due_items

    for client in clients:
        review = client_review(client, AS_OF)
        due = due_items(client, AS_OF, 365)
        agreements = [i for i in due if i.kind in ("renewal", "contract")]
        assert list(review.missed + review.renewals_near + review.renewals_far) == agreements
        assert list(review.warranties) == [i for i in due if i.kind == "warranty"]


# --------------------------------------------------------------------------- the quarter


def test_default_quarter_is_the_one_after_as_of(clients):
    by_code = {c.code: c for c in clients}
    # harbor: fiscal year from January, 2026-11-22 is in FY2026-Q4;
    # lindqvist: from July, it is in FY2027-Q2; northfield: from October, FY2027-Q1.
    assert client_review(by_code["harbor"], AS_OF).focus == "FY2027-Q1"
    assert client_review(by_code["lindqvist"], AS_OF).focus == "FY2027-Q3"
    assert client_review(by_code["northfield"], AS_OF).focus == "FY2027-Q2"


def test_the_quarter_chosen_centres_the_budget_and_the_roadmap(clients):
    harbor = next(c for c in clients if c.code == "harbor")
    review = client_review(harbor, AS_OF, parse_quarter("FY2027-Q3"))
    assert review.focus == "FY2027-Q3"
    assert [q.label for q in review.quarters] == ["FY2027-Q2", "FY2027-Q3", "FY2027-Q4", "FY2028-Q1", "FY2028-Q2"]
    assert [q.label for q in review.quarters if q.focus] == ["FY2027-Q3"]
    assert [q.label for q in review.roadmap_quarters if q.focus] == ["FY2027-Q3"]
    assert "FY2027-Q3 (focus)" in report_html(review)
    assert "FY2027-Q3 (focus)" in report_markdown(review)
    # The figures of a later quarter are still the forecast's for the same as_of.
    periods = {p.label: p for p in forecast(harbor, AS_OF, by="quarter", years=3).periods}
    for q in review.quarters:
        assert q.period == periods[q.label]


def test_a_quarter_before_as_of_or_badly_written_is_refused(clients):
    harbor = next(c for c in clients if c.code == "harbor")
    with pytest.raises(ReviewError, match="before FY2026-Q4"):
        client_review(harbor, AS_OF, parse_quarter("FY2026-Q3"))
    for text in ("2027-Q1", "FY2027-Q5", "FY27-Q1", "FY2027Q1", ""):
        with pytest.raises(ReviewError, match="FY2027-Q1"):
            parse_quarter(text)
    assert parse_quarter("fy2027-q2") == parse_quarter("FY2027-Q2") == 2027 * 4 + 1


# --------------------------------------------------------------------------- one client only


def _client_strings(client: Client) -> set[str]:
    """The names a client's records carry that would identify it."""
    found = {client.name, client.code}
    found |= {p.name for p in client.people} | {p.email for p in client.people if p.email}
    for a in client.assets:
        found |= {a.tag, a.name} | ({a.serial} if a.serial else set()) | ({a.site} if a.site else set())
    found |= {r.name for r in client.renewals} | {c.title for c in client.contracts}
    for i in client.initiatives:
        found |= {i.title} | {k.name for k in i.kpis}
    return {s for s in found if len(s) >= 4}


def _forms(text: str) -> set[str]:
    return {text, html.escape(text, quote=False), str(escape(text)), md_text(text)}


def test_a_report_shows_no_other_client(clients):
    portfolio = [*clients, *tui_portfolio().clients]
    for client in portfolio:
        own = _client_strings(client)
        page, md = report_html(client_review(client, AS_OF)), report_markdown(client_review(client, AS_OF))
        for other in portfolio:
            if other is client:
                continue
            # Only what belongs to the other client: a vendor's product both use is no leak.
            foreign = {s for s in _client_strings(other) if not any(s.casefold() in o.casefold() for o in own)}
            assert foreign
            for text in foreign:
                for form in _forms(text):
                    assert form not in page, (client.code, other.code, text)
                    assert form not in md, (client.code, other.code, text)


# --------------------------------------------------------------------------- hostile text

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","x")'
PIPE = "Pipe | and *stars* and [link](http://evil.example)"
ESC = "Clear\x1b[2J screen\u202eevil"


def hostile_client() -> Client:
    return Client(
        code="hostile", name=SCRIPT, fiscal_year_start_month=1, budget_targets={"FY2027": Decimal("100.00")},
        policies=[LifecyclePolicy(category="laptop", lifecycle_months=36, replacement_cost=Decimal("1000.00"))],
        people=[Person(name=PIPE, email="pipe@example.test"), Person(name=SCRIPT)],
        assets=[
            Asset(tag="H-1", name=FORMULA, category="laptop", site=SCRIPT, assigned_to="pipe@example.test",
                  purchase_date="2024-01-15"),
            Asset(tag="H-2", name=ESC, category="laptop", purchase_date="2023-01-15", warranty_end="2027-02-01"),
            Asset(tag="H-3", name=PIPE, category="desktop"),
        ],
        renewals=[Renewal(name=SCRIPT, unit_cost=Decimal("10.00"), next_renewal="2026-12-15",
                          auto_renew=True, notice_days=10, owner=PIPE)],
        contracts=[Contract(title=FORMULA, start="2026-01-01", end="2027-01-31", amount=Decimal("50.00"),
                            notice_days=30, owner=SCRIPT)],
        initiatives=[Initiative(title=PIPE, category="security", status="proposed", start="2027-01-01",
                                end="2027-02-28", one_time_cost=Decimal("900.00"),
                                kpis=[Kpi(name=SCRIPT, target=Decimal("10"), current=Decimal("5"))],
                                roles=[RoleAssignment(person=SCRIPT, raci="R")]),
                     Initiative(title=ESC, category="strategy", status="approved", start="2027-01-01")],
    )


def test_html_shows_hostile_text_as_text():
    page = report_html(client_review(hostile_client(), AS_OF))
    assert "<script" not in page.casefold()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page and "\u202e" not in page
    assert "␛[2J" in page
    assert '<a ' not in page  # no link, not even from [link](...) text
    # Self-contained: no remote font, stylesheet, image or script.
    for needle in ("<link", "@import", " src=", "url(http", "<iframe", "<object"):
        assert needle not in page
    data = page.replace(str(escape(FORMULA)), "").replace(str(escape(PIPE)), "")
    assert re.findall(r"https?://[^\s\"'<)]+", data) == ["http://www.w3.org/2000/svg"]


def test_markdown_escapes_hostile_text():
    md = report_markdown(client_review(hostile_client(), AS_OF))
    assert "<script" not in md.casefold() and "&lt;script&gt;" in md
    assert "\x1b" not in md and "\u202e" not in md and "␛\\[2J screen\\\\u202eevil" in md
    assert r"Pipe \| and \*stars\* and \[link\](http\://evil.example)" in md
    assert '\\=HYPERLINK("http\\://evil.example","x")' in md
    assert re.search(r"(^|\| )=HYPERLINK", md, re.MULTILINE) is None
    # Every row of a table has as many cells as its header.
    header = None
    for line in md.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = len(re.split(r"(?<!\\)\|", line))
        if header is None:
            header = cells
        assert cells == header, line


def test_md_text_escapes_what_markdown_reads():
    assert md_text("a|b") == r"a\|b"
    assert md_text("=1+1") == r"\=1+1"
    assert md_text("-5") == r"\-5"
    assert md_text("<b>&amp;</b>") == "&lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert md_text("AT&T") == "AT&T"
    assert md_text("two\nlines\tand tab") == "two lines and tab"
    assert md_text("`code` _x_ ~y~ #z") == r"\`code\` \_x\_ \~y\~ \#z"
    assert md_text(None) == ""
    assert md_text("see https://x.example or www.x.example") == r"see https\://x.example or www\.x.example"


def test_raci_gaps_and_kpis_are_in_the_report():
    client = hostile_client()
    review = client_review(client, AS_OF)
    roadmap = plan_roadmap(client, AS_OF, last_quarter=review.roadmap.last)
    assert sorted(p.title for p in review.raci_gaps) == sorted(p.title for p in roadmap.flagged)
    assert len(review.raci_gaps) == 2
    md = report_markdown(review)
    assert "no one is Accountable" in md
    assert "50%" in md  # the KPI from 0 to 10, now 5


def test_lifecycle_quarters_are_the_hardware_line(clients):
    for client in clients:
        review = client_review(client, AS_OF)
        periods = {p.label: p for p in review.forecast.periods}
        for n, quarter in enumerate(review.lifecycle):
            overdue = review.overdue.amount if n == 0 else 0
            assert quarter.amount + overdue == periods[quarter.label].hardware, (client.code, quarter.label)


def test_each_roadmap_quarter_lists_the_slices_of_its_totals(clients):
    for client in clients:
        for plan in client_review(client, AS_OF).roadmap_quarters:
            committed = sum((s for p, s in plan.initiatives if s is not None and p.committed), Decimal(0))
            proposed = sum((s for p, s in plan.initiatives if s is not None and p.proposed), Decimal(0))
            assert (committed, proposed) == (plan.quarter.committed, plan.quarter.proposed), plan.label


def test_an_empty_client_has_a_report_that_says_so():
    review = client_review(Client(code="empty", name="Empty Co"), AS_OF)
    md, page = report_markdown(review), report_html(review)
    for text in (md, page):
        assert "Nothing priced is due in the next year." in text
        assert "No notice window has been missed." in text
        assert "(no budget target)" in text
    assert "Nothing is forecast in these quarters." in page
    assert review.health.mark == "good"


def test_the_window_starts_at_as_of_and_stops_at_the_longest_forecast(clients):
    harbor = next(c for c in clients if c.code == "harbor")
    current = client_review(harbor, AS_OF, parse_quarter("FY2026-Q4"))
    assert [q.label for q in current.quarters][0] == "FY2026-Q4" and current.quarters[0].focus
    far = client_review(harbor, AS_OF, parse_quarter("FY2030-Q2"))
    assert [q.label for q in far.quarters] == ["FY2030-Q1", "FY2030-Q2", "FY2030-Q3", "FY2030-Q4", "FY2031-Q1"]
    with pytest.raises(ReviewError, match="too far ahead"):
        client_review(harbor, AS_OF, parse_quarter("FY2080-Q1"))


def test_a_kpi_in_percent_from_0_to_100_says_its_percentage_once():
    client = Client(code="kpi", name="KPI Co", fiscal_year_start_month=1, initiatives=[
        Initiative(title="Enrol staff", category="security", status="approved", start="2027-01-01",
                   end="2027-03-31", kpis=[
                       Kpi(name="Enrolled", unit="%", baseline=Decimal("0"), target=Decimal("100"),
                           current=Decimal("62")),
                       Kpi(name="Patched", unit="%", baseline=Decimal("20"), target=Decimal("100"),
                           current=Decimal("60")),
                   ])])
    review = client_review(client, AS_OF)
    for page in (report_markdown(review), html.unescape(report_html(review))):
        assert "Enrolled: 62% (target 100%, from 0%)" in page
        assert "from 0%), 62% of the way" not in page
        # From 20% to 100%, now 60%: half-way, which the figure does not say.
        assert "Patched: 60% (target 100%, from 20%), 50% of the way" in page


def test_an_initiative_that_ended_keeps_its_raci_gap_and_its_monthly_cost_in_the_report():
    """Ended before as_of, without a Responsible, still paying a monthly cost: the health's
    RACI count, the RACI gaps and the initiatives table agree, and the roadmap's quarters,
    which show its monthly slice, find its own figures in the table."""
    client = Client(code="ended", name="Ended Co", fiscal_year_start_month=1,
                    people=[Person(name="Ann Owner", email="ann@ended.test")],
                    initiatives=[Initiative(title="Phone system", category="productivity", status="approved",
                                            start="2026-06-01", end="2026-09-30",
                                            monthly_cost=Decimal("40.00"),
                                            roles=[RoleAssignment(person="ann@ended.test", raci="A")])])
    review = client_review(client, AS_OF)
    assert review.health.raci_gaps == 1
    assert [p.title for p in review.raci_gaps] == ["Phone system"]
    assert [line.title for line in review.initiatives] == ["Phone system"]
    assert any(slice_ for q in review.roadmap_quarters for _, slice_ in q.initiatives)
    md = report_markdown(review)
    assert "Every initiative has one Accountable" not in md
    assert "- Phone system: no one is Responsible" in md


def test_a_quarter_in_a_later_year_compares_that_year_with_its_budget(clients):
    """The budget section centred on FY2028 sets FY2028 against its target too, with the
    forecast's figures, not only this fiscal year and the next."""
    harbor = next(c for c in clients if c.code == "harbor")
    review = client_review(harbor, AS_OF, parse_quarter("FY2028-Q2"))
    years = {y.label: y for y in forecast(harbor, AS_OF, by="year", years=4).fiscal_years}
    assert [y.label for y in review.years] == ["FY2026", "FY2027", "FY2028", "FY2029"]
    assert [y.summary for y in review.years] == [years[y.label] for y in review.years]
    assert [y.partial for y in review.years] == [True, False, False, False]
    rows = md_rows(report_markdown(review), "FY2028")
    fy2028 = years["FY2028"]
    assert rows == [["2028-01-01", "2028-12-31", format_money(fy2028.total), format_money(fy2028.budget_target),
                     md_text(format_money(fy2028.remaining)), format_money(fy2028.proposed)]]
    assert "<td>FY2028</td>" in report_html(review)
    # By default: this fiscal year and the next, as before.
    assert [y.label for y in client_review(harbor, AS_OF).years] == ["FY2026", "FY2027"]


def test_an_initiative_under_way_is_a_biggest_item_for_what_is_still_to_come():
    """Started before as_of: the part of its one-time budget spread over the months before is
    spent, so the summary counts what is left, and says the whole beside it."""
    client = Client(code="under", name="Under Way Co", fiscal_year_start_month=1, initiatives=[
        Initiative(title="Network rebuild", category="infrastructure", status="in_progress",
                   start=AS_OF.replace(year=AS_OF.year - 1, day=1), end=AS_OF.replace(year=AS_OF.year + 1, day=1),
                   one_time_cost=Decimal("24000.00"))])
    review = client_review(client, AS_OF)
    planned = review.roadmap.initiatives[0]
    assert Decimal(0) < planned.one_time_before < Decimal("24000.00")
    (item,) = review.biggest
    assert item.amount == Decimal("24000.00") - planned.one_time_before
    assert "24,000.00" in item.detail


def test_a_proposed_initiative_among_the_biggest_items_says_proposed_once():
    client = Client(code="prop", name="Proposed Co", fiscal_year_start_month=1, initiatives=[
        Initiative(title="Tablets", category="infrastructure", status="proposed", start="2027-02-01",
                   end="2027-03-31", one_time_cost=Decimal("5000.00")),
        Initiative(title="Firewall", category="security", status="approved", start="2027-02-01",
                   end="2027-03-31", one_time_cost=Decimal("4000.00"))])
    details = {i.name: i.detail for i in client_review(client, AS_OF).biggest}
    assert details == {"Tablets": "one-time budget, proposed: not committed yet",
                       "Firewall": "one-time budget, committed (approved)"}


def test_a_missed_notice_is_not_a_decision_by_a_day_already_past():
    client = Client(code="late", name="Late Co", fiscal_year_start_month=1, renewals=[
        Renewal(name="Backup service", unit_cost=Decimal("100.00"), next_renewal="2026-12-15",
                auto_renew=True, notice_days=60)])
    (decision,) = client_review(client, AS_OF).decisions
    assert decision.text.startswith("Notice window missed")
    assert decision.date is None  # its cancel-by day (2026-10-16) is before as_of
    assert decision.amount == Decimal("100.00")


def test_the_budget_note_reads_the_same_in_both_formats(clients):
    review = client_review(clients[0], AS_OF)
    note = "Proposed initiatives are shown apart and are not in the committed total."
    assert note in report_markdown(review) and note in report_html(review)


def test_a_kpi_not_reached_is_never_said_to_be_100_percent_of_the_way():
    assert report.percent(Decimal("0.996")) == "99%"
    assert report.percent(Decimal("0.5")) == "50%"
    assert report.percent(Decimal("1")) == "100%"
    assert report.percent(Decimal("0.004")) == "0%"
    assert report.percent(None) == "not measured"


def test_a_partial_year_without_a_target_is_not_said_to_be_set_against_one():
    bare = Client(code="bare", name="Bare Co", fiscal_year_start_month=1)
    with_target = Client(code="t", name="Target Co", fiscal_year_start_month=1,
                         budget_targets={"FY2026": Decimal("1000.00")})
    for client, said in ((bare, False), (with_target, True)):
        review = client_review(client, AS_OF)
        assert review.this_year.partial
        for page in (report_markdown(review), html.unescape(report_html(review))):
            assert "FY2026 is forecast only from 2026-11-22" in page
            assert ("set against the whole year's target" in page) is said


def test_the_due_figure_says_what_it_adds_up(clients):
    """'Due within 90 days' is itroad due's list, late items included and contracts at their
    next term: not a budget figure, so the summary says what is in it."""
    review = client_review(next(c for c in clients if c.code == "harbor"), AS_OF)
    note = ("late ones included: what letting each renewal and contract renew commits to, "
            "and the replacements and warranties due")
    assert note in report_markdown(review) and note in html.unescape(report_html(review))


def test_a_long_unbroken_run_may_break_in_html_and_nowhere_else():
    run = "https://portal.vendor.example/" + "x" * 40
    out = report.breakable(f"See {run} now")
    assert "<wbr>" in out and str(out).replace("<wbr>", "") == f"See {run} now"
    assert report.breakable("Front desk PC 1") == "Front desk PC 1"  # left to the autoescaping
    assert str(report.breakable("<" * 40)).replace("<wbr>", "") == "&lt;" * 40
    client = Client(code="long", name="N" * 60, fiscal_year_start_month=1)
    page = report_html(client_review(client, AS_OF))
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title == "N" * 60 + " — quarterly review FY2027-Q1"  # no tag in the <title>
    assert "N" * 16 + "<wbr>" in page.split("<body>", 1)[1]
    assert "<wbr>" not in report_markdown(client_review(client, AS_OF))


def test_a_report_of_ordinary_text_has_no_break_opportunity_added(clients):
    assert "<wbr>" not in report_html(client_review(next(c for c in clients if c.code == "harbor"), AS_OF))
