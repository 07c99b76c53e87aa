"""Snipe-IT's CSV exports read as itroad records: hardware (the asset list, the
custom asset report, a file laid out like Snipe-IT's import samples) as assets,
licenses as renewals.

Columns are found by the names Snipe-IT writes and the aliases its importer takes,
matched ignoring case, spaces, underscores and punctuation (``asset_tag``,
``ASSET TAG`` and ``Asset Tag`` are one column); :data:`ASSET_COLUMNS` and
:data:`LICENSE_COLUMNS` list them, the first name present winning.

Dates are read with the time of day allowed (Snipe-IT writes ``2023-01-23
00:00:00``) whatever the options say, in the options' day order for dates that
are not ISO (``1/23/23`` with the default ``mdy``). Amounts are read as typed
(``$1,249.50``), with a decimal comma only when the options say so.

Assets:

* the name is Snipe-IT's asset name; when it is empty, the model name, else the
  asset tag (Snipe-IT does not require asset names), for a new asset only: one
  already in itroad keeps its name;
* the warranty end is the purchase date plus the warranty months (at the end of a
  shorter month, its last day); months without a purchase date give a notice.
  Snipe-IT's "Warranty Expires" is not read: it is worked out from the same two
  columns, rolling over a short month (January 31 plus a month is March 3);
* Snipe-IT's EOL date becomes the replacement date, "EOL date from Snipe-IT";
* the person an asset is checked out to (full name, or first and last name, or
  user name; email) becomes the assigned person; an asset checked out to a
  location or another asset has none. Without a "Checkout Type" column (or a
  "Type" column saying user, location or asset, as the custom report writes;
  a "Type" of "Laptop" is the asset's and is not read), "Checked Out To" is
  taken as a person only when the record also gives the person's email, user
  name, first or last name (Snipe-IT writes those for users only); else (a
  location, "Front Desk", or an asset, "LAPTOP-A1") the record assigns no one,
  with a notice, and an asset already in itroad keeps its person;
* status labels (Snipe-IT's own names, or its status type in brackets as the
  custom report writes them, ``Ready to Deploy (deployable)``): "Ready to Deploy",
  "Deployable", "Pending" are spare, or in use when checked out; "Deployed" and
  "In Use" in use; "Archived" and "Retired" retired; "Broken", "Out for Repair",
  "Undeployable" in repair; "Lost", "Stolen", "Lost/Stolen", "Disposed" disposed. A
  label of the user's own is read by its type, else as spare or in use, with a
  notice. A file without a status column, or an empty status cell, sets the
  status of a new asset only.

Licenses become renewals of kind license, every 12 months from the expiration
date (a license without one cannot be planned and is refused); the vendor is the
manufacturer, else the supplier; the quantity the seats (1 for a new license when
empty; one already in itroad keeps its quantity). Snipe-IT
keeps one purchase cost per license: it is taken as the cost of all seats for one
12-month period, so the unit cost is the purchase cost divided by the seats,
rounded to the cent (without seats, the cost of one seat, with a notice); a new
license without a cost costs 0 (with a notice), one already in itroad keeps its
cost. The
"licensed to" person is the owner. A license that expired before ``as_of`` is
kept, with a notice. Product keys are not imported.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from itroad.domain.enums import AssetStatus, RenewalKind
from itroad.domain.incoming import ClientKey, Incoming, Place, ReadItem, RowProblem
from itroad.domain.models import Person
from itroad.domain.money import round_money
from itroad.domain.parse import ParseError, parse_typed_whole
from itroad.interchange.csv_fields import ReadOptions, mangled_notice, mangled_number, person_of
from itroad.interchange.csv_file import CsvRecord, Header, header_key
from itroad.interchange.csv_source import CsvSource
from itroad.planning.calendar import add_months

SnipeitKind = Literal["assets", "licenses"]

#: What each column of an asset export feeds, by the names it may have (first wins).
ASSET_COLUMNS: dict[str, tuple[str, ...]] = {
    "company": ("Company", "Company Name"),
    "tag": ("Asset Tag", "Tag"),
    "name": ("Asset Name", "Item Name", "Name"),
    "model": ("Model Name", "Model"),
    "model_number": ("Model Number", "Model No.", "Model No", "Model Num"),
    "category": ("Category", "Category Name"),
    "manufacturer": ("Manufacturer",),
    "serial": ("Serial", "Serial Number", "Serial No."),
    "site": ("Location", "Default Location"),
    "purchase_date": ("Purchase Date", "Purchased"),
    "purchase_cost": ("Purchase Cost", "Cost"),
    "warranty_months": ("Warranty Months", "Warranty"),
    "eol": ("Asset EOL Date", "EOL Date", "EOL"),
    "notes": ("Notes", "Asset Notes"),
    "status": ("Status", "Status Label"),
    "full_name": ("Checked Out To", "Checked Out To: Full Name", "Full Name", "Checked Out",
                  "Assigned To"),
    "first_name": ("Checked Out To: First Name", "First Name"),
    "last_name": ("Checked Out To: Last Name", "Last Name"),
    "email": ("Checked Out To: Email", "Email", "E-mail"),
    "username": ("Checked Out To: Username", "Username", "User Name"),
    "checkout_type": ("Checkout Type",),
    # The custom report's "Type" is the checkout type, but a column of that name is
    # as often the asset's type ("Laptop"): read only when it says user, location or asset.
    "type": ("Type",),
}

#: What each column of a license export feeds.
LICENSE_COLUMNS: dict[str, tuple[str, ...]] = {
    "company": ("Company", "Company Name"),
    "name": ("License Name", "Item Name", "Name"),
    "seats": ("Seats", "Total Seats"),
    "expiration": ("Expiration Date", "Expiration", "Expires"),
    "termination": ("Termination Date",),
    "licensed_name": ("Licensed to Name", "Licensed To"),
    "licensed_email": ("Licensed to Email",),
    "manufacturer": ("Manufacturer",),
    "supplier": ("Supplier",),
    "purchase_cost": ("Purchase Cost", "Cost"),
    "notes": ("Notes",),
}

_PERSON_SLOTS = ("full_name", "first_name", "last_name", "email", "username")
REPLACE_REASON = "EOL date from Snipe-IT"
PERIOD_MONTHS = 12
MAX_WARRANTY_MONTHS = 600

#: Snipe-IT status labels and status types (and itroad's own statuses) -> itroad
#: status; None: spare or in use by whether the asset is checked out.
_STATUSES: dict[str, AssetStatus | None] = {
    "readytodeploy": None, "deployable": None, "pending": None, "available": None,
    "spare": None,
    "deployed": AssetStatus.IN_USE, "inuse": AssetStatus.IN_USE,
    "archived": AssetStatus.RETIRED, "retired": AssetStatus.RETIRED,
    "broken": AssetStatus.IN_REPAIR, "outforrepair": AssetStatus.IN_REPAIR,
    "inrepair": AssetStatus.IN_REPAIR, "repair": AssetStatus.IN_REPAIR,
    "undeployable": AssetStatus.IN_REPAIR,
    "lost": AssetStatus.DISPOSED, "stolen": AssetStatus.DISPOSED,
    "loststolen": AssetStatus.DISPOSED, "disposed": AssetStatus.DISPOSED,
}
#: What a "Checkout Type" says an asset is checked out to.
_CHECKOUT_TYPES = frozenset({"user", "location", "asset"})
_STATUS_TYPE = re.compile(r"(.*?)\s*\(([^()]*)\)\s*")


def _status_of(text: str, checked_out: bool) -> tuple[AssetStatus, str | None]:
    """The itroad status of a Snipe-IT status label, and a notice when it is guessed."""
    label, kind = text, ""
    found = _STATUS_TYPE.fullmatch(text)
    if found:
        label, kind = found.group(1), found.group(2)
    free = AssetStatus.IN_USE if checked_out else AssetStatus.SPARE
    for key in (header_key(label), header_key(kind)):
        if key in _STATUSES:
            return _STATUSES[key] or free, None
    return free, (f'status "{text}" is not one of Snipe-IT\'s own: read as '
                  f'{free.value.replace("_", " ")}')


class SnipeitSource(CsvSource):
    """A Snipe-IT asset or license export, as itroad assets or renewals.

    ``kind`` is read from the header when not given: an "Asset Tag" column makes
    an asset file, a "Seats", "Expiration Date" or "Licensed to" column a license
    file. ``as_of`` is the day a license counts as expired before.
    """

    def __init__(self, path: Path | str, *, as_of: date, kind: SnipeitKind | None = None,
                 client: str | None = None, encoding: str = "utf-8",
                 delimiter: str | None = None, options: ReadOptions | None = None) -> None:
        options = dataclasses.replace(options or ReadOptions(), time_allowed=True)
        super().__init__(path, client=client, encoding=encoding, delimiter=delimiter,
                         options=options)
        self.as_of = as_of
        self.snipeit_kind: SnipeitKind | None = kind
        self.label = "Snipe-IT assets" if kind != "licenses" else "Snipe-IT licenses"
        #: slot (a key of ASSET_COLUMNS or LICENSE_COLUMNS) -> the file's column.
        self.at: dict[str, str] = {}
        self.record_builder = self.builder()

    # -- the header ------------------------------------------------------------------

    def prepare(self, header: Header) -> list[RowProblem]:
        keys: dict[str, list[str]] = {}
        for name in header.names:
            keys.setdefault(header_key(name), []).append(name)
        kind = self.snipeit_kind or _detect(keys)
        if kind is None:
            return [self.file_problem(
                'cannot tell a Snipe-IT asset export from a license export (no "Asset Tag", '
                '"Seats" or "Expiration Date" column): pass --kind assets or --kind licenses')]
        self.snipeit_kind = kind
        self.kind = "assets" if kind == "assets" else "renewals"
        self.label = "Snipe-IT assets" if kind == "assets" else "Snipe-IT licenses"
        table = ASSET_COLUMNS if kind == "assets" else LICENSE_COLUMNS
        problems: list[RowProblem] = []
        taken: set[str] = set()
        for slot, aliases in table.items():
            for alias in aliases:
                names = [n for n in keys.get(header_key(alias), []) if n not in taken]
                if not names:
                    continue
                if len(names) > 1:
                    problems.append(self.file_problem(
                        f"the columns {' and '.join(repr(n) for n in names)} are one column of "
                        "Snipe-IT's; keep one", names[1]))
                self.at[slot] = names[0]
                taken.add(names[0])
                break
        required = ("tag", "category") if kind == "assets" else ("name", "expiration")
        for slot in required:
            if slot not in self.at:
                wanted = table[slot][0]
                problems.append(self.file_problem(
                    f'the file has no "{wanted}" column (a Snipe-IT {kind[:-1]} export has one)'))
        if "company" not in self.at and not self.client:
            problems.append(self.file_problem(
                "the file has no Company column: name the client with --client CODE"))
        used = set(self.at.values())
        problems += self.repeated_problems(header, used)
        self.note_unused(header, used)
        direct = ("tag", "category", "manufacturer", "serial", "site", "purchase_date",
                  "purchase_cost", "notes") if kind == "assets" else ("name", "notes")
        self.columns = {self.at[s]: s for s in direct if s in self.at}
        self.record_builder = self.builder()
        return problems

    def cell(self, record: CsvRecord, slot: str) -> str:
        column = self.at.get(slot)
        return record.cells.get(column, "") if column else ""

    def cells(self, record: CsvRecord, fields: dict[str, str]) -> dict[str, tuple[str, str]]:
        """``{field: (column, text)}`` of the fields (field -> slot) the file has."""
        at, values = self.at, record.cells
        return {name: (at[slot], values.get(at[slot], ""))
                for name, slot in fields.items() if slot in at}

    def slots(self, record: CsvRecord) -> Callable[[str], str]:
        """The text of each slot of ``record`` ("" for a slot the file has no column for),
        looked up once per record."""
        values = record.cells
        texts = {slot: values.get(column, "") for slot, column in self.at.items()}
        return lambda slot: texts.get(slot, "")

    # -- the records -----------------------------------------------------------------

    def read(self, record: CsvRecord, place: Place) -> Iterator[ReadItem]:
        client = self.client_of(self.cell(record, "company"))
        if client is None:
            yield RowProblem(place, "the record names no company: name the client with "
                             "--client CODE", self.at["company"], "")
            return
        if self.kind == "assets":
            yield from self._asset(record, place, client)
        else:
            yield from self._license(record, place, client)

    def _person(self, place: Place, name: tuple[str | None, str], email: tuple[str | None, str],
                problems: list[RowProblem]) -> Person | None:
        """The person of a record from ``(column, text)`` of a name and an email; a
        problem when either is not one."""
        found = person_of(place, name, email)
        if isinstance(found, RowProblem):
            problems.append(found)
            return None
        return found

    def _asset(self, record: CsvRecord, place: Place, client: ClientKey) -> Iterator[ReadItem]:
        at, cell = self.at, self.slots(record)
        builder = self.record_builder
        problems: list[RowProblem] = []
        notices: list[str] = []
        cells = self.cells(record, {
            "tag": "tag", "category": "category", "manufacturer": "manufacturer",
            "serial": "serial", "site": "site", "purchase_date": "purchase_date",
            "purchase_cost": "purchase_cost", "notes": "notes", "replace_on": "eol"})
        tag = cell("tag")
        model = cell("model") or cell("model_number")
        values: dict[str, object] = {"name": cell("name") or model or tag or None,
                                     "model": model or None}
        given = {"tag", "category", *(f for f in cells if f != "replace_on")}
        #: Fields worked out as a default: written only where the database has no value.
        fills: set[str] = set()
        columns = {f: column for f, (column, _) in cells.items()}
        if cell("name"):
            given.add("name")
        else:  # the model or the tag stands in for a new asset's name only
            fills.add("name")
        if cell("name"):
            columns["name"] = at["name"]
        elif model:
            columns["name"] = at["model"] if cell("model") else at["model_number"]
        else:
            columns["name"] = at["tag"]
        if "model" in at or "model_number" in at:
            given.add("model")
            columns["model"] = at.get("model") or at["model_number"]
        for slot, what in (("tag", "asset tag"), ("serial", "serial")):
            if mangled_number(cell(slot)):
                notices.append(mangled_notice(what, cell(slot), "Snipe-IT"))
        # The warranty end, from the purchase date and the months.
        if "warranty_months" in at:
            months_text = cell("warranty_months")
            months = None
            try:
                # The custom report writes "36 months" (its own word for months).
                number = re.sub(r"\s*months?$", "", months_text, flags=re.IGNORECASE)
                months = parse_typed_whole(number) if number else None
                if months is not None and not 0 <= months <= MAX_WARRANTY_MONTHS:
                    raise ParseError(f"expected a number of months from 0 to {MAX_WARRANTY_MONTHS}")
            except ParseError as problem:
                problems.append(RowProblem(place, str(problem), at["warranty_months"], months_text))
                months = None
            bought = None
            try:
                bought = builder.value("purchase_date", cell("purchase_date"))
            except ParseError:
                pass  # the builder reports it
            if months and bought:
                values["warranty_end"] = add_months(bought, months)
            elif months and not cell("purchase_date"):
                notices.append(f"a warranty of {months} months but no purchase date: "
                               "no warranty end")
            if "purchase_date" in at:
                given.add("warranty_end")
                columns["warranty_end"] = at["warranty_months"]
        if "eol" in at:
            given |= {"replace_on", "replace_reason"}
            columns["replace_reason"] = at["eol"]
            if cell("eol"):
                values["replace_reason"] = REPLACE_REASON
        # The person the asset is checked out to.
        person_columns = [s for s in _PERSON_SLOTS if s in at]
        checked_out = any(cell(s) for s in person_columns)
        unsure = False
        said = cell("type").casefold()
        if "checkout_type" in at:
            to_person = cell("checkout_type").casefold() in ("", "user")
        elif said in _CHECKOUT_TYPES:
            to_person = said == "user"
        else:
            # Snipe-IT writes a user's email, user name, first and last name, and
            # nothing of them for a location or an asset it checked out to.
            unsure = bool(cell("full_name")) and not any(
                cell(s) for s in ("first_name", "last_name", "email", "username"))
            to_person = not unsure
            if unsure:
                notices.append(f'checked out to "{cell("full_name")}", which may be a location '
                               "or an asset: not taken as a person")
        person = None
        if to_person:
            full = " ".join(t for t in (cell("first_name"), cell("last_name")) if t)
            name_slot = next((s for s in ("full_name", "first_name", "username") if cell(s)),
                             "full_name")
            name = cell("full_name") or full or cell("username")
            person = self._person(place, (at.get(name_slot), name),
                                  (at.get("email"), cell("email")), problems)
        if person_columns and not unsure:  # unsure: an asset in itroad keeps its person
            given.add("assigned_to")
            values["assigned_to"] = person.key if person else None
        if person_columns:
            columns["assigned_to"] = at.get("email") or at[person_columns[0]]
        if "status" in at:
            columns["status"] = at["status"]
            if cell("status"):
                given.add("status")
                status, notice = _status_of(cell("status"), checked_out)
            else:  # a new asset's status: one already in itroad keeps its own
                fills.add("status")
                status, notice = (AssetStatus.IN_USE if checked_out else AssetStatus.SPARE), None
            values["status"] = status
            if notice:
                notices.append(notice)
        built, build_problems = builder.build(place, cells, values, columns)
        if not tag:  # the name comes from the tag: one problem is enough
            build_problems = [p for p in build_problems if not p.message.startswith("name ")]
        problems += build_problems
        if problems or built is None:
            yield from problems
            return
        yield Incoming(place, client, built, frozenset(given),
                       (person,) if person else (), tuple(notices), columns,
                       fills=frozenset(fills))

    def _license(self, record: CsvRecord, place: Place, client: ClientKey) -> Iterator[ReadItem]:
        at, cell = self.at, self.slots(record)
        builder = self.record_builder
        problems: list[RowProblem] = []
        notices: list[str] = []
        cells = self.cells(record, {"name": "name", "next_renewal": "expiration",
                                    "end_date": "termination", "notes": "notes"})
        columns = {f: column for f, (column, _) in cells.items()}
        given = {"name", "next_renewal", *cells}
        #: Fields worked out as a default: written only where the database has no value.
        fills: set[str] = set()
        values: dict[str, object] = {"kind": RenewalKind.LICENSE, "period_months": PERIOD_MONTHS}
        vendor = cell("manufacturer") or cell("supplier")
        values["vendor"] = vendor or None
        if "manufacturer" in at or "supplier" in at:
            given.add("vendor")
            columns["vendor"] = at.get("manufacturer") or at["supplier"]
        seats = 1
        seats_text = cell("seats")
        if "seats" in at:
            columns["quantity"] = at["seats"]
            try:
                seats = parse_typed_whole(seats_text) if seats_text else 1
                if seats < 0:
                    raise ParseError("expected a number of seats, 0 or more")
            except ParseError as problem:
                problems.append(RowProblem(place, str(problem), at["seats"], seats_text))
                seats = 1
        # No seats: 1 for a new license, one already in itroad keeps its quantity.
        (given if seats_text else fills).add("quantity")
        values["quantity"] = seats
        cost: Decimal | None = None
        cost_refused = False
        if "purchase_cost" in at:
            columns["unit_cost"] = at["purchase_cost"]
            text = cell("purchase_cost")
            try:
                cost = builder.value("unit_cost", text)
            except ParseError as problem:
                problems.append(RowProblem(place, str(problem), at["purchase_cost"], text))
                cost_refused = True
        if cost is not None:
            given.add("unit_cost")
            unit = round_money(cost / seats) if seats > 1 else cost
            values["unit_cost"] = unit
            if seats > 1 and unit * seats != cost:
                notices.append(f"purchase cost {cost} for {seats} seats: {unit} a seat")
            elif not seats_text:
                notices.append(f"no seats: purchase cost {cost} taken as one seat's (a license "
                               "already in itroad keeps its quantity)")
        else:
            fills.add("unit_cost")
            values["unit_cost"] = Decimal("0")  # when refused, the record is not kept
            if not cost_refused:
                notices.append("no purchase cost: a new license costs 0 until one is set "
                               "(one already in itroad keeps its cost)")
        if "licensed_name" in at or "licensed_email" in at:
            given.add("owner")
            columns["owner"] = at.get("licensed_email") or at["licensed_name"]
        owner = self._person(place, (at.get("licensed_name"), cell("licensed_name")),
                             (at.get("licensed_email"), cell("licensed_email")), problems)
        values["owner"] = owner.key if owner else None
        if not cell("expiration"):
            problems.append(RowProblem(
                place, "the license has no expiration date, so its renewal cannot be planned "
                "(set one in Snipe-IT)", at["expiration"], ""))
        built, build_problems = builder.build(place, cells, values, columns)
        problems += [p for p in build_problems if not p.message.startswith("next_renewal is required")]
        if problems or built is None:
            yield from problems
            return
        renews = getattr(built, "next_renewal", None)
        if isinstance(renews, date) and renews < self.as_of:
            notices.append(f"expired on {renews.isoformat()}")
        yield Incoming(place, client, built, frozenset(given),
                       (owner,) if owner else (), tuple(notices), columns,
                       fills=frozenset(fills))


def _detect(keys: dict[str, list[str]]) -> SnipeitKind | None:
    """The kind of a file by its columns (keys as :func:`header_key` makes them)."""
    if "assettag" in keys:
        return "assets"
    if keys.keys() & {"seats", "expirationdate", "licensedto", "licensedtoname", "licensedtoemail"}:
        return "licenses"
    return None
