"""A deterministic large portfolio: what a vCIO's database looks like after years.

50 clients, 100,000 assets, 20,000 renewals, 5,000 contracts, 2,000 initiatives
and 1,000 people, with realistic spreads (client sizes from a long tail, mixed
categories and ages, some overdue, some without purchase dates). Written through
the store's import, one transaction, so it exercises the real write path.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from itroad.domain.enums import (
    AssetStatus,
    ContractKind,
    InitiativeCategory,
    InitiativeStatus,
    Priority,
    Raci,
    RenewalKind,
)
from itroad.domain.models import (
    Asset,
    Client,
    Contract,
    Initiative,
    LifecyclePolicy,
    Person,
    Portfolio,
    Renewal,
    RoleAssignment,
)

SIZES = {"clients": 50, "assets": 100_000, "renewals": 20_000, "contracts": 5_000,
         "initiatives": 2_000, "people": 1_000}

MODELS = {
    "laptop": [("Dell", "Latitude 5440", "1250.00"), ("Lenovo", "ThinkPad T14 Gen 4", "1390.00"),
               ("HP", "EliteBook 840 G10", "1420.00"), ("Apple", "MacBook Air M2", "1199.00")],
    "desktop": [("Dell", "OptiPlex 7010", "899.00"), ("HP", "EliteDesk 800 G9", "949.00"),
                ("Lenovo", "ThinkCentre M70q", "799.00")],
    "monitor": [("Dell", "P2723D", "329.00"), ("LG", "27UP850", "449.00")],
    "server": [("Dell", "PowerEdge R750", "9800.00"), ("HPE", "ProLiant DL380 Gen10", "8900.00")],
    "switch": [("Cisco", "Catalyst 9200-48P", "4200.00"), ("Ubiquiti", "USW-Pro-48-PoE", "1099.00")],
    "firewall": [("Fortinet", "FortiGate 60F", "1150.00"), ("Cisco Meraki", "MX68", "995.00")],
    "access-point": [("Ubiquiti", "U6-Pro", "159.00"), ("Cisco Meraki", "MR36", "695.00")],
    "printer": [("HP", "LaserJet Pro M404dn", "379.00"), ("Brother", "HL-L6200DW", "329.00")],
    "phone": [("Yealink", "T54W", "189.00"), ("Poly", "VVX 450", "249.00")],
    "ups": [("APC", "Smart-UPS 1500", "749.00")],
}
CATEGORY_WEIGHTS = {"laptop": 35, "desktop": 22, "monitor": 18, "phone": 10, "printer": 4,
                    "access-point": 4, "switch": 3, "ups": 2, "firewall": 1, "server": 1}
LIFECYCLE = {"laptop": 48, "desktop": 60, "monitor": 72, "phone": 60, "printer": 60,
             "access-point": 60, "switch": 84, "ups": 60, "firewall": 60, "server": 60}
FIRST = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn",
         "Robin", "Drew", "Kim", "Lee", "Pat", "Chris", "Dana", "Erin", "Jess", "Max"]
LAST = ["Smith", "Jones", "Brown", "Garcia", "Miller", "Davis", "Lopez", "Wilson", "Moore", "Clark",
        "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams"]
SITES = ["Head office", "Plant", "Warehouse", "Branch north", "Branch south", "Lab"]
SAAS = [("Microsoft 365 Business Premium", "Microsoft", "22.00", 1), ("Google Workspace", "Google", "14.00", 1),
        ("SentinelOne Control", "SentinelOne", "6.00", 1), ("Veeam Backup", "Veeam", "420.00", 12),
        ("example.com domain", "Gandi", "18.00", 12), ("Wildcard TLS certificate", "Sectigo", "249.00", 12),
        ("Adobe Acrobat Pro", "Adobe", "19.99", 1), ("QuickBooks Online", "Intuit", "90.00", 1)]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """A long-tail split: a few large clients, many small ones; sums to total."""
    weights = [rng.paretovariate(1.2) for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [max(1, int(w * scale)) for w in weights]
    sizes[0] += total - sum(sizes)
    while sizes[0] < 1:  # keep every client non-empty
        i = max(range(parts), key=sizes.__getitem__)
        sizes[i] -= 1
        sizes[0] += 1
    return sizes


def generate(seed: int = 20261122, today: date = date(2026, 11, 22)) -> Portfolio:
    rng = random.Random(seed)
    n = SIZES["clients"]
    asset_split = _split(SIZES["assets"], n, rng)
    clients = []
    for c in range(n):
        code = f"client-{c:02d}"
        people = [
            Person(name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", email=f"p{i}@{code}.example",
                   title=rng.choice(["Office manager", "CFO", "Owner", "IT lead", "Operations"]))
            for i in range(SIZES["people"] // n)
        ]
        keys = [p.email for p in people]
        sites = SITES[: rng.randint(1, 4)]
        categories = list(CATEGORY_WEIGHTS)
        weights = list(CATEGORY_WEIGHTS.values())
        assets = []
        for i in range(asset_split[c]):
            cat = rng.choices(categories, weights)[0]
            maker, model, price = rng.choice(MODELS[cat])
            bought = None if rng.random() < 0.01 else today - timedelta(days=rng.randint(0, 8 * 365))
            status = rng.choices(list(AssetStatus), [85, 6, 2, 5, 2])[0]
            assets.append(Asset(
                tag=f"{code.upper()}-{i:05d}", name=f"{cat.title()} {i}", category=cat,
                manufacturer=maker, model=model, serial=f"{maker[:2].upper()}{rng.randrange(16**8):08X}",
                site=rng.choice(sites), assigned_to=rng.choice(keys) if rng.random() < 0.7 else None,
                status=status, purchase_date=bought, purchase_cost=price,
                warranty_end=bought + timedelta(days=365 * rng.choice([1, 3, 5])) if bought else None,
            ))
        renewals = []
        for i in range(SIZES["renewals"] // n):
            name, vendor, cost, period = rng.choice(SAAS)
            renewals.append(Renewal(
                name=f"{name} #{i}", vendor=vendor, kind=rng.choice(list(RenewalKind)),
                quantity=rng.randint(1, 60), unit_cost=cost, period_months=period,
                next_renewal=today + timedelta(days=rng.randint(-20, 400)),
                auto_renew=rng.random() < 0.7, notice_days=rng.choice([0, 30, 60, 90]),
                escalation_rate=rng.choice(["0", "0.03", "0.05"]), owner=rng.choice(keys)))
        contracts = []
        for i in range(SIZES["contracts"] // n):
            start = today - timedelta(days=rng.randint(0, 3 * 365))
            contracts.append(Contract(
                title=f"Contract {i}", vendor=rng.choice(["BlueSky IT", "Comcast Business", "Xerox", "AWS"]),
                kind=rng.choice(list(ContractKind)), start=start,
                end=start + timedelta(days=365 * rng.randint(1, 5)),
                amount=f"{rng.randint(50, 5000)}.00", period_months=rng.choice([0, 1, 3, 12]),
                auto_renew=rng.random() < 0.5, renewal_term_months=12, notice_days=rng.choice([30, 60, 90]),
                owner=rng.choice(keys)))
        tags = [a.tag for a in assets if a.status.is_current]
        initiatives = []
        for i in range(SIZES["initiatives"] // n):
            start = today + timedelta(days=rng.randint(-180, 900))
            linked = rng.sample(tags, min(len(tags), rng.choice([0, 0, 0, 5, 20])))
            initiatives.append(Initiative(
                title=f"Initiative {i}", category=rng.choice(list(InitiativeCategory)),
                priority=rng.choice(list(Priority)), status=rng.choice(list(InitiativeStatus)),
                start=start, end=start + timedelta(days=rng.randint(0, 270)),
                one_time_cost=f"{rng.randint(0, 40000)}.00", monthly_cost=f"{rng.randint(0, 500)}.00",
                assets=linked,
                roles=[RoleAssignment(person=keys[0], raci=Raci.ACCOUNTABLE),
                       RoleAssignment(person=keys[1], raci=Raci.RESPONSIBLE)]))
        clients.append(Client(
            code=code, name=f"Client {c:02d}", currency="USD",
            fiscal_year_start_month=rng.choice([1, 4, 7, 10]),
            escalation_rate=rng.choice(["0", "0.03"]),
            budget_targets={f"FY{y}": f"{rng.randint(20, 900) * 1000}.00" for y in (2026, 2027, 2028)},
            policies=[LifecyclePolicy(category=k, lifecycle_months=v,
                                      replacement_cost=Decimal(MODELS[k][0][2])) for k, v in LIFECYCLE.items()],
            people=people, assets=assets, renewals=renewals, contracts=contracts, initiatives=initiatives,
        ))
    return Portfolio(clients=clients)


def build_database(path: Path, seed: int = 20261122) -> dict[str, float]:
    """Generate the portfolio and import it into a new database at ``path``."""
    from itroad.store import import_portfolio, open_database

    if path.exists():
        path.unlink()
    started = time.perf_counter()
    portfolio = generate(seed)
    generated = time.perf_counter()
    db = open_database(path)
    try:
        import_portfolio(db, portfolio)
    finally:
        db.close()
    done = time.perf_counter()
    return {"generate_s": generated - started, "import_s": done - generated}


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/data/large.db")
    target.parent.mkdir(parents=True, exist_ok=True)
    print(build_database(target))
