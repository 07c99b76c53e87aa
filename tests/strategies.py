"""Hypothesis strategies for whole, valid portfolios."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from itroad.domain.enums import (
    AssetStatus,
    ContractKind,
    GoalHorizon,
    InitiativeCategory,
    InitiativeStatus,
    LifecycleBasis,
    Priority,
    Raci,
    RenewalKind,
    SpendLine,
    SwotKind,
)
from itroad.domain.models import (
    DEFAULT_ROLES,
    Asset,
    Assignment,
    Client,
    Contract,
    Initiative,
    Kpi,
    KpiReading,
    LifecyclePolicy,
    Person,
    Portfolio,
    Renewal,
    RoleAssignment,
)
from itroad.domain.strategy import Actual, Goal, Strategy, SwotItem

# Any text a person might type, including markup-like and awkward characters.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x7f"),
    min_size=1, max_size=30,
).map(str.strip).filter(bool)
optional_text = st.none() | text
money = st.integers(min_value=0, max_value=10**9).map(lambda c: Decimal(c) / 100)
rate = st.integers(min_value=-99, max_value=100).map(lambda n: Decimal(n) / 100)
number = st.integers(min_value=-10**6, max_value=10**6).map(lambda n: Decimal(n) / 10)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
category = st.sampled_from(["laptop", "desktop", "server", "switch", "access-point", "ups"])


@st.composite
def clients(draw, code: str, catalogue: tuple[str, ...] = DEFAULT_ROLES) -> Client:
    n_people = draw(st.integers(0, 4))
    people = [
        Person(
            name=draw(text),
            email=f"p{i}@c{code}.example" if draw(st.booleans()) else None,
            title=draw(optional_text),
            organisation=draw(optional_text),
        )
        for i in range(n_people)
    ]
    # Nameless-email people are referred to by name: keep names unique for them.
    seen: set[str] = set()
    unique_people = []
    for p in people:
        if p.key.casefold() in seen or p.name.casefold() in seen:
            continue
        seen.update({p.key.casefold(), p.name.casefold()})
        unique_people.append(p)
    people = unique_people
    keys = [p.key for p in people]
    person = st.sampled_from(keys) if keys else st.none()
    maybe_person = (st.none() | person) if keys else st.none()

    assets = []
    for i in range(draw(st.integers(0, 6))):
        purchase = draw(st.none() | days)
        warranty = draw(st.none() | st.integers(0, 2000)) if purchase else None
        assets.append(Asset(
            tag=f"T-{i:03d}",
            name=draw(text),
            category=draw(category),
            manufacturer=draw(optional_text),
            serial=draw(optional_text),
            site=draw(optional_text),
            assigned_to=draw(maybe_person),
            status=draw(st.sampled_from(list(AssetStatus))),
            purchase_date=purchase,
            purchase_cost=draw(st.none() | money),
            warranty_end=date.fromordinal(purchase.toordinal() + warranty) if warranty is not None else None,
            lifecycle_months=draw(st.none() | st.integers(1, 120)),
            replacement_cost=draw(st.none() | money),
            replace_on=draw(st.none() | days),
            notes=draw(optional_text),
        ))
    tags = [a.tag for a in assets]
    tag_lists = st.lists(st.sampled_from(tags), unique=True, max_size=3) if tags else st.just([])

    renewals = [
        Renewal(
            name=draw(text), vendor=draw(optional_text),
            kind=draw(st.sampled_from(list(RenewalKind))),
            quantity=draw(st.integers(0, 500)), unit_cost=draw(money),
            period_months=draw(st.sampled_from([1, 3, 12, 24, 36])),
            next_renewal=(start := draw(days)), auto_renew=draw(st.booleans()),
            notice_days=draw(st.integers(0, 120)), escalation_rate=draw(rate),
            end_date=draw(st.none() | st.dates(min_value=start, max_value=date(2045, 1, 1))),
            owner=draw(maybe_person),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    contracts = [
        Contract(
            title=draw(text), vendor=draw(optional_text),
            kind=draw(st.sampled_from(list(ContractKind))), start=(start := draw(days)),
            end=draw(st.none() | st.dates(min_value=start, max_value=date(2045, 1, 1))),
            amount=draw(money), period_months=draw(st.sampled_from([0, 1, 3, 12])),
            auto_renew=draw(st.booleans()), renewal_term_months=draw(st.none() | st.integers(1, 36)),
            notice_days=draw(st.integers(0, 180)), owner=draw(maybe_person),
            assets=draw(tag_lists),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    strategy = Strategy()
    if draw(st.booleans()):
        strategy = Strategy(
            mission=draw(optional_text), vision=draw(optional_text),
            swot=[SwotItem(kind=draw(st.sampled_from(list(SwotKind))), text=draw(text))
                  for _ in range(draw(st.integers(0, 4)))])
    goals = [
        Goal(title=title, horizon=draw(st.sampled_from(list(GoalHorizon))),
             target=draw(st.none() | days), owner=draw(maybe_person))
        for title in draw(st.lists(text, max_size=3, unique_by=str.casefold))
    ]
    goal_lists = (st.lists(st.sampled_from([g.title for g in goals]), unique=True, max_size=2)
                  if goals else st.just([]))

    def kpi() -> Kpi:
        # Either one undated reading (current) or dated ones (history), never both.
        dated = draw(st.booleans())
        history = [KpiReading(date=day, value=draw(number))
                   for day in sorted(draw(st.lists(days, unique=True, max_size=3)))] if dated else []
        return Kpi(name=draw(text), unit=draw(optional_text), baseline=draw(st.none() | number),
                   target=draw(number), current=None if dated else draw(st.none() | number),
                   history=history, due=draw(st.none() | days))

    initiatives = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(days)
        roles = []
        if keys:
            for key in draw(st.lists(st.sampled_from(keys), unique=True, max_size=3)):
                roles.append(RoleAssignment(person=key, raci=draw(st.sampled_from(list(Raci)))))
        initiatives.append(Initiative(
            title=draw(text), category=draw(st.sampled_from(list(InitiativeCategory))),
            priority=draw(st.sampled_from(list(Priority))),
            status=draw(st.sampled_from(list(InitiativeStatus))),
            start=start, end=draw(st.none() | st.dates(min_value=start, max_value=date(2045, 1, 1))),
            completed_on=draw(st.none() | days),
            one_time_cost=draw(money), monthly_cost=draw(money), actual_cost=draw(st.none() | money),
            assets=draw(tag_lists), goal=draw(optional_text), serves=draw(goal_lists),
            kpis=[kpi() for _ in range(draw(st.integers(0, 2)))],
            roles=roles,
        ))
    policies = [
        LifecyclePolicy(category=c, lifecycle_months=draw(st.integers(1, 120)),
                        replacement_cost=draw(st.none() | money),
                        basis=draw(st.sampled_from(list(LifecycleBasis))))
        for c in draw(st.lists(category, unique=True, max_size=3))
    ]
    # Assignments name a record by title, name or tag: only records whose name is unique.
    def unique(names: list[str]) -> list[str]:
        folded = [n.casefold() for n in names]
        return [n for n in names if folded.count(n.casefold()) == 1]

    targets = {
        "initiative": unique([i.title for i in initiatives]),
        "asset": tags,
        "renewal": unique([r.name for r in renewals]),
        "contract": unique([c.title for c in contracts]),
    }
    assignments = []
    if keys:
        seen_assignments: set[tuple] = set()
        for _ in range(draw(st.integers(0, 4))):
            scope = draw(st.sampled_from(["client", *[s for s, names in targets.items() if names]]))
            fields = {"role": draw(st.sampled_from(catalogue)), "person": draw(person)}
            if scope != "client":
                fields[scope] = draw(st.sampled_from(targets[scope]))
            key = tuple(sorted((k, v.casefold()) for k, v in fields.items()))
            if key not in seen_assignments:
                seen_assignments.add(key)
                assignments.append(Assignment(**fields))
    actuals = []
    for _ in range(draw(st.integers(0, 3))):
        scope = draw(st.sampled_from(["client", *[s for s, names in targets.items() if names]]))
        fields = {} if scope == "client" else {scope: draw(st.sampled_from(targets[scope]))}
        actuals.append(Actual(date=draw(days), amount=draw(money),
                              line=draw(st.sampled_from(list(SpendLine))), note=draw(optional_text),
                              **fields))
    return Client(
        assignments=assignments, strategy=strategy, goals=goals, actuals=actuals,
        code=code, name=draw(text), currency=draw(st.sampled_from(["USD", "EUR", "GBP"])),
        fiscal_year_start_month=draw(st.integers(1, 12)), escalation_rate=draw(rate),
        budget_targets={f"FY{y}": draw(money)
                        for y in draw(st.lists(st.integers(2020, 2035), unique=True, max_size=3))},
        policies=policies, people=people, assets=assets, renewals=renewals,
        contracts=contracts, initiatives=initiatives,
    )


#: Names of roles a user might add to the catalogue.
added_roles = st.lists(
    text.filter(lambda name: name.casefold() not in {r.casefold() for r in DEFAULT_ROLES}),
    max_size=2, unique_by=str.casefold,
)


@st.composite
def portfolios(draw) -> Portfolio:
    n = draw(st.integers(0, 3))
    roles = draw(added_roles)
    catalogue = (*DEFAULT_ROLES, *roles)
    return Portfolio(roles=roles,
                     clients=[draw(clients(code=f"client-{i}", catalogue=catalogue)) for i in range(n)])
