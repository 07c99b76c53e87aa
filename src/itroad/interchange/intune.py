"""Microsoft Intune's device list (Devices > All devices > Export) read as assets.

Each device becomes an asset of the client named on the command line: its tag is
the device name (the serial number when the name is empty), its name the device
name (the model when it has none), with manufacturer, model, serial number, operating system
(``Windows 10.0.22631.2861``, ``iOS 17.2``) and the primary user, who is the
assigned person (matched by email, created when new). Headers are matched
without regard to case, spaces and punctuation, so the portal's export
(``Serial number``, ``Primary user UPN``) and a Graph export (``SerialNumber``,
``UserPrincipalName``) both read.

Matching devices already in itroad. The importer matches assets by tag; to match
by serial number first, then by device name, the caller passes ``serial_tags``
(the serial number of each asset of the client that has one -> its tag): a
device whose serial is known keeps that asset's tag, whatever its name now; any
other device goes by its name. A device name that an earlier device of the file
took (Apple devices are all called "iPhone" until renamed), or that is the tag of
an asset with another serial, is not taken: such a device is tagged by its
serial number, with a notice. Two devices with one serial (a device enrolled
twice) are a problem. A serial Intune does not know (empty, ``To be filled by
O.E.M.``) or that a spreadsheet shortened (``3.53E+14``) never replaces the one
itroad has, and a device without a primary user leaves the asset's assignment as
it is.

The category is worked out from the model and the operating system: the
``categories`` mapping first, then :data:`CATEGORY_RULES`; a device no rule
places is a ``device``, and then its category is not given, so that an asset
already in itroad keeps the category a person chose. Intune says nothing of
purchases: with ``enrolled_as_purchased`` the enrollment date stands in for the
purchase date of a device new to itroad, and of an asset already there that has
none (one that has a purchase date keeps it).
The status is not given either: a new asset is in use, an existing one keeps
its status (spare, in repair). A device Intune says is personally owned (BYOD) is
not the client's to replace: it is left out (and counted), unless
``include_personal``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from itroad.domain.incoming import ClientKey, Incoming, Place, ReadItem, RowProblem
from itroad.domain.models import Person
from itroad.domain.parse import ParseError
from itroad.interchange.csv_fields import ReadOptions, count, mangled_notice, mangled_number, person_of
from itroad.interchange.csv_file import CsvRecord, Header, header_key
from itroad.interchange.csv_source import CsvSource

#: What each column the source reads is for, and the header names it goes by
#: (compared by :func:`header_key`): the portal's export first, then Graph's names.
COLUMNS: dict[str, tuple[str, ...]] = {
    "device_name": ("Device name", "DeviceName"),
    "serial": ("Serial number", "SerialNumber"),
    "manufacturer": ("Manufacturer",),
    "model": ("Model",),
    "os": ("OS", "Operating system"),
    "os_version": ("OS version",),
    "email": ("Primary user email address", "Email address", "EmailAddress"),
    "upn": ("Primary user UPN", "User principal name", "UPN"),
    "display_name": ("Primary user display name", "User display name"),
    "enrolled": ("Enrollment date", "Enrolled date time", "Enrolled date"),
    "intune_category": ("Category", "Device category", "Device category display name"),
    "ownership": ("Ownership", "Managed device owner type", "Owner type"),
}

#: Serial numbers a machine reports when its maker wrote none (as :func:`header_key`
#: folds them): no serial at all.
PLACEHOLDER_SERIALS = frozenset({
    "0", "none", "na", "defaultstring", "tobefilledbyoem", "systemserialnumber",
    "chassisserialnumber", "notapplicable", "unknown", "123456789",
})

#: The category rules, in order: (category, operating systems, words of the model).
#: A rule applies when the operating system starts with one of its systems (any
#: system when none are listed) and the model holds one of its words (any model
#: when none are listed); the first that applies gives the category. Samsung
#: writes its tablets' models as SM-T..., SM-X... and SM-P....
CATEGORY_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("phone", (), ("iphone",)),
    ("tablet", (), ("ipad",)),
    ("tablet", ("android",), ("tab", "pad", "sm-t", "sm-x", "sm-p")),
    ("phone", ("android",), ()),
    ("laptop", (), (
        "macbook", "thinkpad", "thinkbook", "ideapad", "latitude", "elitebook", "probook",
        "zbook", "surface laptop", "surface pro", "surface book", "surface go", "xps", "yoga",
        "zenbook", "vivobook", "laptop", "notebook", "book")),
    ("desktop", (), (
        "optiplex", "thinkcentre", "prodesk", "elitedesk", "imac", "mac mini", "macmini",
        "mac studio", "mac pro", "macpro", "precision tower", "desktop", "tower")),
)
#: The category of a device no rule places.
FALLBACK_CATEGORY = "device"

#: How Intune writes a date it does not know: the first day of year 1.
_NO_DATE = re.compile(r"(?:0001-01-01|0?1/0?1/0001)\b")


def _serial_key(serial: str) -> str:
    return serial.strip().casefold()


class IntuneSource(CsvSource):
    """Intune's export of devices, one asset per device.

    ``serial_tags`` maps the serial number of each asset of ``client`` that has
    one to its tag (see the module's docstring); ``categories`` maps a model, an
    Intune device category or an operating system to a category (see
    :meth:`category_of`). ``enrolled_as_purchased`` and ``include_personal`` are
    explained in the module's docstring.
    """

    label = "Intune devices"

    def __init__(self, path: Path | str, *, client: str, encoding: str = "utf-8",
                 delimiter: str | None = None, options: ReadOptions | None = None,
                 enrolled_as_purchased: bool = False,
                 categories: Mapping[str, str] | None = None,
                 serial_tags: Mapping[str, str] | None = None,
                 include_personal: bool = False) -> None:
        options = replace(options or ReadOptions(), time_allowed=True)
        super().__init__(path, client=client, encoding=encoding, delimiter=delimiter,
                         options=options)
        self.kind = "assets"
        self.key = ClientKey(code=client)
        self.enrolled_as_purchased = enrolled_as_purchased
        self.categories = {k.strip().casefold(): v.strip()
                           for k, v in (categories or {}).items() if k.strip() and v.strip()}
        self.serial_tags = {_serial_key(k): v.strip() for k, v in (serial_tags or {}).items()
                            if k.strip() and v.strip()}
        #: The tags of assets with a serial, folded: a device name among them is not taken.
        self._known_tags = {tag.casefold() for tag in self.serial_tags.values()}
        #: what -> the file's column, for the columns found.
        self.found: dict[str, str] = {}
        #: Tags (folded) and serials (folded) given so far -> the record that took them.
        self._tags: dict[str, int] = {}
        self._serials: dict[str, int] = {}
        #: How many enrollment dates stood in for purchase dates.
        self.enrollment_dates = 0
        self.include_personal = include_personal
        #: How many personally owned devices were left out.
        self.personal = 0
        self._builder = self.builder()

    # -- the header ------------------------------------------------------------------

    def prepare(self, header: Header) -> list[RowProblem]:
        by_key: dict[str, str] = {}
        for name in header.names:  # a repeated name is "Name (column 9)" after its first
            by_key.setdefault(header_key(name), name)
        for what, names in COLUMNS.items():
            for name in names:
                if header_key(name) in by_key:
                    self.found[what] = by_key[header_key(name)]
                    break
        if not self.categories:
            self.found.pop("intune_category", None)
        if not self.enrolled_as_purchased:
            self.found.pop("enrolled", None)
        if self.include_personal:
            self.found.pop("ownership", None)
        if "device_name" not in self.found and "serial" not in self.found:
            return [self.file_problem('the header has no "Device name" and no "Serial number" '
                                      "column (expected Intune's export of all devices)")]
        used = set(self.found.values())
        problems = self.repeated_problems(header, used)
        self.note_unused(header, used)
        self.columns = {}
        for what, field in (("device_name", "name"), ("serial", "serial"),
                            ("manufacturer", "manufacturer"), ("model", "model")):
            if what in self.found:
                self.columns[self.found[what]] = field
        return problems

    # -- the records -----------------------------------------------------------------

    def _cell(self, record: CsvRecord, what: str) -> str:
        column = self.found.get(what)
        return record.cells.get(column, "").strip() if column else ""

    def read(self, record: CsvRecord, place: Place) -> Iterator[ReadItem]:
        def cell(what: str) -> str:
            return self._cell(record, what)

        found = self.found
        if not self.include_personal and cell("ownership").casefold() == "personal":
            self.personal += 1
            return
        notices: list[str] = []
        given = {"tag"}
        #: field -> (column, text), read by the builder; values worked out go in ``values``.
        cells: dict[str, tuple[str, str]] = {}
        values: dict[str, Any] = {}

        name = cell("device_name")
        serial = cell("serial")
        if header_key(serial) in PLACEHOLDER_SERIALS:
            serial = ""  # not a serial
        mangled = bool(serial) and mangled_number(serial)
        if serial:
            # A device Intune knows no serial of (or only a shortened one) leaves the
            # serial itroad has as it is.
            cells["serial"] = (found["serial"], serial)
            if mangled:
                notices.append(mangled_notice("serial number", serial, "Intune") +
                               "; kept as text for a new asset, an asset already in itroad "
                               "keeps its own")
            else:
                given.add("serial")
        folded_serial = _serial_key(serial)
        if serial and not mangled and folded_serial in self._serials:
            yield RowProblem(place, "the same serial number as record "
                             f"{self._serials[folded_serial]} (a device enrolled twice?); "
                             "keep one of the two", found["serial"], serial)
            return

        tag, problem = self._tag(place, name, serial, notices)
        if problem:
            yield problem
            return
        assert tag is not None
        tag_column = found["device_name"] if tag == name else found["serial"]
        cells["tag"] = (tag_column, tag)
        if name:
            given.add("name")
            cells["name"] = (found["device_name"], name)
        else:  # a new asset needs a name: its model, else its serial
            source = "model" if cell("model") else "serial"
            cells["name"] = (found.get(source, tag_column), cell(source) or tag)

        for what in ("manufacturer", "model"):
            if what in found:
                given.add(what)
                cells[what] = (found[what], cell(what))
        if "os" in found:
            given.add("os")
            cells["os"] = (found["os"], self.os_of(cell("os"), cell("os_version"), cell("model")))

        category, derived = self.category_of(cell("model"), cell("os"), cell("intune_category"))
        values["category"] = category
        if derived:
            given.add("category")

        people: tuple[Person, ...] = ()
        person, column = self._person(place, cell)
        if isinstance(person, RowProblem):
            yield person
            return
        if person is not None and column is not None:
            given.add("assigned_to")
            people = (person,)
            cells["assigned_to"] = (column, person.key)

        if "enrolled" in found:
            purchased, problem = self._enrolled(place, cell("enrolled"))
            if problem:
                yield problem
                return
            if purchased is not None:
                # Not given but filled: a new asset takes it, one already in itroad
                # takes it only when it has no purchase date.
                values["purchase_date"] = purchased

        built, problems = self._builder.build(place, cells, values, {
            "purchase_date": found["enrolled"]} if "purchase_date" in values else None)
        if built is None:
            yield from problems
            return
        self._tags[tag.casefold()] = place.record
        if "purchase_date" in values:
            self.enrollment_dates += 1
        if serial and not mangled:
            self._serials[folded_serial] = place.record
        columns = {field: column for field, (column, _) in cells.items()}
        if "purchase_date" in values:
            columns["purchase_date"] = self.found["enrolled"]
        yield Incoming(place, self.key, built, frozenset(given), people=people,
                       notices=tuple(notices), columns=columns,
                       fills=frozenset({"purchase_date"} & values.keys()))

    def _tag(self, place: Place, name: str, serial: str, notices: list[str]
             ) -> tuple[str | None, RowProblem | None]:
        """The device's tag: that of the asset with its serial, else its name, else its
        serial. A tag an earlier device took is not taken, nor, for a device with a
        serial, the tag of an asset with another serial."""
        known = self.serial_tags.get(_serial_key(serial)) if serial else None
        candidates = [known] if known else [text for text in (name, serial) if text]
        if not candidates:
            return None, RowProblem(place, "the device has neither a name nor a serial "
                                    "number (expected one, to tag the asset)",
                                    self.found.get("device_name") or self.found.get("serial"))
        for i, tag in enumerate(candidates):
            if self._taken(tag, known, serial) is None:
                if i:
                    notices.append(f'device name "{name}" {self._taken(name, known, serial)}: '
                                   f'tagged by its serial number "{serial}"')
                return tag, None
        first = candidates[0]
        why = self._taken(first, known, serial)
        if first == name and first != known:
            instead = (f'its serial number "{serial}" {self._taken(serial, known, serial)}'
                       if serial else "the device has no serial number to be tagged by instead")
            return None, RowProblem(place, f"the device name {why}, and {instead} (rename the "
                                    "device in Intune)", self.found["device_name"], name)
        return None, RowProblem(place, f"the serial number {why}" if first == serial else
                                f'the tag "{first}" of the asset with this serial number {why}',
                                self.found["serial"], serial)

    def _taken(self, tag: str, known: str | None, serial: str) -> str | None:
        """Why ``tag`` cannot be this device's (None when it can)."""
        folded = tag.casefold()
        if folded in self._tags:
            return f"is already record {self._tags[folded]}'s tag"
        if serial and tag != known and folded in self._known_tags:
            return "is the tag of an asset with another serial number"
        return None

    def _person(self, place: Place, cell: Callable[[str], str]
                ) -> tuple[Person | RowProblem | None, str | None]:
        """The primary user (email, else UPN, and display name), or the problem of the
        record, and the column of the person's key."""
        email = cell("email") or cell("upn")
        email_column = self.found.get("email") if cell("email") else self.found.get("upn")
        name_column = self.found.get("display_name")
        person = person_of(place, (name_column, cell("display_name")), (email_column, email))
        return person, email_column if email else name_column

    def _enrolled(self, place: Place, text: str) -> tuple[date | None, RowProblem | None]:
        """The enrollment date, None when Intune wrote none (or the first day of year 1)."""
        if not text or _NO_DATE.match(text):
            return None, None
        try:
            return self._builder.value("purchase_date", text), None
        except ParseError as problem:
            return None, RowProblem(place, str(problem), self.found["enrolled"], text)

    # -- what is worked out ----------------------------------------------------------

    @staticmethod
    def os_of(system: str, version: str, model: str) -> str:
        """``"Windows"`` and ``"10.0.22631.2861"`` -> ``"Windows 10.0.22631.2861"``;
        Intune's ``iOS/iPadOS`` is told apart by the model, and Android's kinds of
        enrollment (``Android (personally-owned work profile)``,
        ``AndroidEnterprise``) are plain ``Android``."""
        folded = system.casefold()
        if folded == "ios/ipados":
            system = "iPadOS" if model.casefold().startswith("ipad") else "iOS"
        elif folded.startswith("android"):
            system = "Android"
        return " ".join(part for part in (system, version) if part)

    def category_of(self, model: str, system: str, intune_category: str = ""
                    ) -> tuple[str, bool]:
        """The category of a device, and whether it was worked out (False for the fallback).

        The ``categories`` mapping first: a key equal to the model, the Intune device
        category or the operating system (ignoring case, in that order), else the
        longest key found inside the model ("Surface Laptop" before "Surface"). Then
        :data:`CATEGORY_RULES`.
        """
        model_f, system_f = model.casefold(), system.casefold()
        if self.categories:
            for value in (model_f, intune_category.casefold(), system_f):
                if value and value in self.categories:
                    return self.categories[value], True
            inside = [key for key in self.categories if key in model_f]
            if inside:
                return self.categories[max(inside, key=len)], True
        for category, systems, words in CATEGORY_RULES:
            if systems and not system_f.startswith(systems):
                continue
            if words and not any(word in model_f for word in words):
                continue
            return category, True
        return FALLBACK_CATEGORY, False

    # -- the file --------------------------------------------------------------------

    def __iter__(self) -> Iterator[ReadItem]:
        yield from super().__iter__()
        if self.personal:
            self.notices.append(count(self.personal, "personally owned device was",
                                      "personally owned devices were")
                                + ' not imported (Ownership "Personal")')
        if self.enrollment_dates:
            self.notices.append(count(self.enrollment_dates, "enrollment date stands",
                                      "enrollment dates stand")
                                + " in for purchase dates (an asset already in itroad keeps "
                                "its own)")

