"""Mutated portfolio files for the fuzz test (tests/test_fuzz.py, ``make fuzz``).

Case ``n`` is made from ``random.Random(n)``, so a failing case is reproduced by
its number alone. A case is the base portfolio with one mutation:

- a field's value replaced: wrong types, extremes, money and rates in forms the
  file does not take, unicode and control characters;
- a structural change: a field removed or unknown, a record duplicated or
  dropped, a reference to nobody, a deep nesting;
- the text itself damaged: truncated, a line dropped or doubled.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import tomli_w

#: Values a field may be replaced with.
VALUES: tuple[Any, ...] = (
    # wrong types
    True, False, 0, 1, -1, 48, 12.5, [], ["x"], {"a": 1}, date(2026, 12, 1),
    datetime(2026, 12, 1, 9, 30), "", " ", "48", "true",
    # extremes
    2**63, -(2**63), 10**30, "10000000000000.00", "10000000000000.01", "1" * 30,
    "99999999999999999999999999.99", date(1, 1, 1), date(9999, 12, 31), date(1899, 12, 31),
    date(2200, 12, 31), date(2201, 1, 1), "x" * 5000,
    # money and rates in forms the file does not take
    "22,00", "1,50", "1,2,3", "1,249.50", "$1249.50", "USD 12.00", "1e9", "1e-99999999",
    "1e-999999999", "NaN", "-Infinity", "-5.00", "12.999", "١٢٣", "0.0000001", "2", "-1",
    # text that is hard to show or store
    "\x1b[2J\x1b]0;pwned\x07", "\x1b]52;c;cm0gLXJmIH4=\x07", "\u202eexe.txt", "\x9b31m",
    "\x00", "\x7f", "[bold]x[/bold]", "=HYPERLINK(\"http://x\")", "<script>alert(1)</script>",
    "名前", "😀", "line\nbreak", "C:\\temp\\[x]",
    # references to nothing
    "nobody@nowhere.example", "NO-SUCH-TAG",
)


@dataclass(frozen=True)
class Case:
    number: int
    what: str
    text: str


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every place in the parsed document: table keys and list positions."""
    found = []
    if isinstance(value, dict):
        for key, child in value.items():
            found.append((*path, key))
            found.extend(_paths(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.append((*path, index))
            found.extend(_paths(child, (*path, index)))
    return found


def _parent(data: Any, path: tuple) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _dotted(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _replace(rng: random.Random, data: dict, paths: list[tuple]) -> str:
    path = rng.choice(paths)
    value = rng.choice(VALUES)
    _parent(data, path)[path[-1]] = value
    return f"{_dotted(path)} = {_shown(value)}"


def _remove(rng: random.Random, data: dict, paths: list[tuple]) -> str:
    path = rng.choice(paths)
    del _parent(data, path)[path[-1]]
    return f"{_dotted(path)} removed"


def _unknown_field(rng: random.Random, data: dict, paths: list[tuple]) -> str:
    tables = [p for p in paths if isinstance(_parent(data, p)[p[-1]], dict)]
    path = rng.choice(tables)
    _parent(data, path)[path[-1]]["colour"] = "red"
    return f"{_dotted(path)}.colour added"


def _duplicate(rng: random.Random, data: dict, paths: list[tuple]) -> str:
    items = [p for p in paths if isinstance(p[-1], int)]
    path = rng.choice(items)
    parent = _parent(data, path)
    parent.insert(path[-1], parent[path[-1]])
    return f"{_dotted(path)} duplicated"


def _nest(rng: random.Random, data: dict, paths: list[tuple]) -> str:
    path = rng.choice(paths)
    depth = rng.choice((5, 30, 200))
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    _parent(data, path)[path[-1]] = value
    return f"{_dotted(path)} nested {depth} deep"


STRUCTURAL = (_replace, _replace, _replace, _replace, _remove, _unknown_field, _duplicate, _nest)


def _damage(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    kind = rng.choice(("truncate", "drop line", "double line", "flip byte"))
    if kind == "truncate":
        cut = rng.randrange(len(text))
        return text[:cut], f"truncated at character {cut}"
    index = rng.randrange(len(lines))
    if kind == "drop line":
        return "\n".join(lines[:index] + lines[index + 1:]), f"line {index + 1} dropped"
    if kind == "double line":
        return "\n".join(lines[:index + 1] + lines[index:]), f"line {index + 1} doubled"
    cut = rng.randrange(len(text))
    flipped = chr(rng.choice((0x22, 0x5B, 0x5D, 0x3D, 0x0A, 0x2C, 0x1B, 0xE9)))
    return text[:cut] + flipped + text[cut + 1:], f"character {cut} replaced by {flipped!r}"


def make_case(number: int, base: dict, base_text: str) -> Case:
    """Case ``number``: the base portfolio with one mutation."""
    import copy

    rng = random.Random(number)
    if rng.random() < 0.2:
        text, what = _damage(rng, base_text)
        return Case(number, what, text)
    data = copy.deepcopy(base)
    paths = _paths(data)
    what = rng.choice(STRUCTURAL)(rng, data, paths)
    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError, RecursionError):  # a value TOML cannot hold: try again
        return make_case(number + 1_000_003, base, base_text)
    return Case(number, what, text)


#: The portfolio every case mutates: every kind of record and reference, small
#: enough that a case imports in milliseconds.
BASE = '''
format = "itroad/1"
roles = ["security officer"]

[[clients]]
code = "acme"
name = "Acme Dental"
currency = "USD"
fiscal_year_start_month = 7
escalation_rate = "0.03"
budget_targets = { FY2027 = "42000.00", FY2028 = "45000.00" }

  [clients.strategy]
  mission = "Keep every chair in the practice running, every day."
  vision = "A paperless, secure dental office."
  swot = [
    { kind = "strength", text = "Staff are comfortable with the practice software" },
    { kind = "threat", text = "Ransomware aimed at dental offices" },
  ]

  [[clients.policies]]
  category = "laptop"
  lifecycle_months = 48
  replacement_cost = "1400.00"
  basis = "age"

  [[clients.policies]]
  category = "server"
  lifecycle_months = 72
  basis = "warranty"

  [[clients.people]]
  name = "Jane Doe"
  email = "jane@acme.example"
  title = "Office manager"

  [[clients.people]]
  name = "Raj Patel"
  email = "raj@msp.example"
  organisation = "BlueSky IT"

  [[clients.people]]
  name = "Dr Lee"

  [[clients.assets]]
  tag = "ACME-0001"
  name = "Front desk PC"
  category = "laptop"
  status = "in_use"
  purchase_date = 2023-03-15
  purchase_cost = "899.00"
  warranty_end = 2026-03-15
  assigned_to = "jane@acme.example"

  [[clients.assets]]
  tag = "ACME-0002"
  name = "File server"
  category = "server"
  manufacturer = "Dell"
  serial = "SRV-9"
  site = "Main office"
  status = "in_use"
  purchase_date = 2021-06-01
  purchase_cost = "4200.00"
  warranty_end = 2026-06-01
  replace_on = 2027-06-30
  replace_reason = "budget"

  [[clients.renewals]]
  name = "Microsoft 365 Business Premium"
  vendor = "Microsoft"
  kind = "subscription"
  quantity = 12
  unit_cost = "22.00"
  period_months = 1
  next_renewal = 2026-12-01
  auto_renew = true
  notice_days = 30
  escalation_rate = "0.05"
  owner = "jane@acme.example"

  [[clients.contracts]]
  title = "Managed services"
  vendor = "BlueSky IT"
  kind = "msp"
  start = 2025-01-01
  end = 2027-12-31
  amount = "1500.00"
  period_months = 1
  auto_renew = true
  renewal_term_months = 12
  notice_days = 90
  owner = "raj@msp.example"
  assets = ["ACME-0001", "ACME-0002"]

  [[clients.goals]]
  title = "Pass the cyber-insurance audit"
  horizon = "short"
  target = 2027-06-30
  owner = "raj@msp.example"

  [[clients.initiatives]]
  title = "Multi-factor authentication"
  category = "security"
  priority = "high"
  status = "approved"
  start = 2027-01-01
  end = 2027-03-31
  one_time_cost = "3000.00"
  monthly_cost = "120.00"
  assets = ["ACME-0002"]
  goal = "Pass the cyber-insurance audit"
  serves = ["Pass the cyber-insurance audit"]
  kpis = [{ name = "Staff enrolled", unit = "%", baseline = "0", target = "100", current = "40", due = 2027-03-31 }]
  roles = [{ person = "jane@acme.example", raci = "A" }, { person = "raj@msp.example", raci = "R" }]

  [[clients.initiatives]]
  title = "Backup appliance"
  category = "infrastructure"
  priority = "medium"
  status = "done"
  start = 2026-07-01
  end = 2026-09-30
  completed_on = 2026-09-20
  one_time_cost = "2500.00"
  actual_cost = "2610.50"
  kpis = [
    { name = "Restores", target = "4", history = [{ date = 2026-11-15, value = "2" },
                                                  { date = 2026-10-01, value = "1" }] },
  ]

  [[clients.assignments]]
  role = "vCIO"
  person = "raj@msp.example"

  [[clients.assignments]]
  role = "security officer"
  person = "Dr Lee"
  initiative = "Multi-factor authentication"

  [[clients.assignments]]
  role = "technical lead"
  person = "raj@msp.example"
  asset = "ACME-0002"

  [[clients.actuals]]
  date = 2026-10-05
  amount = "1320.00"
  line = "renewals"
  note = "Microsoft 365 annual true-up"
  renewal = "Microsoft 365 Business Premium"

  [[clients.actuals]]
  date = 2026-09-20
  amount = "2610.50"
  line = "initiatives_one_time"
  initiative = "Backup appliance"

[[clients]]
code = "zenith"
name = "Zenith Law LLP"
currency = "EUR"
fiscal_year_start_month = 1

  [[clients.people]]
  name = "Zoe Zed"
  email = "zoe@zenith.example"

  [[clients.renewals]]
  name = "Clio"
  vendor = "Clio"
  kind = "license"
  quantity = 4
  unit_cost = "89.00"
  period_months = 12
  next_renewal = 2026-12-05
  auto_renew = false
  end_date = 2029-12-05
  owner = "zoe@zenith.example"
'''
