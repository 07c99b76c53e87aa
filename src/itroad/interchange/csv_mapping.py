"""A mapping file: how the columns of another tool's CSV export become itroad's fields.

The user keeps it beside the export (or names one itroad ships, in
``interchange/mappings/``: ``--map glpi-computers``)::

    kind = "assets"             # assets | renewals | contracts
    delimiter = ";"
    decimal_comma = true
    date_order = "dmy"          # mdy | dmy
    encoding = "cp1252"
    [columns]                   # file column -> itroad field ("" : not imported)
    "Serial number" = "serial"
    "Name" = ["tag", "name"]    # one column may feed several fields
    "Last update" = ""
    [values]                    # a field's value where the file gives none
    category = "computer"
    [categories]                # the file's categories -> itroad's
    "Notebook" = "laptop"

Reading checks everything and reports every problem, one line each naming the
file and the key (``glpi.toml: columns."Serial number": unknown assets field
"serail" (...)``). The fields a mapping names are checked against the kind of
record (:meth:`CsvMapping.problems`), which the file or ``--kind`` gives.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
)

from itroad.domain.errors import ItroadError
from itroad.domain.incoming import RECORD_KINDS, RecordKind
from itroad.domain.parse import DateOrder
from itroad.interchange.csv_fields import MODELS
from itroad.interchange.csv_file import DELIMITERS, encoding_known, header_key
from itroad.interchange.problems import describe_error, toml_syntax_problem

#: Where the mappings itroad ships live (package data).
SHIPPED_PACKAGE = "itroad.interchange.mappings"
#: The largest mapping file read (a mapping is a few dozen lines).
MAX_MAPPING_BYTES = 1 << 20
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def named_delimiter(text: str) -> str:
    """A delimiter as a mapping or the user may write it: ``tab`` (any case) is a tab."""
    return "\t" if text.casefold() == "tab" else text


class CsvMappingError(ItroadError):
    """A mapping file that cannot be used: ``problems`` are its lines, each naming the
    file and the key."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def toml_key(*parts: str) -> str:
    """A key path as TOML writes it: ``columns."Serial number"``."""
    return ".".join(p if _BARE_KEY.fullmatch(p) else '"' + p.replace("\\", "\\\\")
                    .replace('"', '\\"') + '"' for p in parts)


FixedValue = StrictStr | StrictBool | StrictInt | date


class _MappingFile(BaseModel):
    """The shape of a mapping file, as TOML gives it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    kind: RecordKind | None = None
    delimiter: StrictStr | None = None
    decimal_comma: StrictBool | None = None
    date_order: DateOrder | None = None
    encoding: StrictStr | None = None
    columns: dict[str, StrictStr | Annotated[list[StrictStr], Field(min_length=1)]] = {}
    values: dict[str, FixedValue] = {}
    categories: dict[str, StrictStr] = {}

    @field_validator("delimiter")
    @classmethod
    def _delimiter(cls, value: str | None) -> str | None:
        if value is None:
            return None
        delimiter = named_delimiter(value)
        if delimiter not in DELIMITERS:
            raise ValueError(f'unsupported delimiter "{value}" (use one of ",", ";", "tab", "|")')
        return delimiter

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, value: str | None) -> str | None:
        if value is not None and not encoding_known(value):
            raise ValueError(f'unknown encoding "{value}" (for example "utf-8" or "cp1252")')
        return value


def _value_text(value: FixedValue) -> str:
    """A fixed value as the text of a cell (read like one, so it is checked the same)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class CsvMapping:
    """A mapping file, read and checked (but for its fields: see :meth:`problems`)."""

    file: str
    kind: RecordKind | None = None
    delimiter: str | None = None
    decimal_comma: bool | None = None
    date_order: DateOrder | None = None
    encoding: str | None = None
    #: File column -> the fields it feeds (none: deliberately not imported).
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Field -> its value as cell text, for records whose file gives it none.
    values: dict[str, str] = field(default_factory=dict)
    #: The file's category (casefolded) -> itroad's.
    categories: dict[str, str] = field(default_factory=dict)

    def fields_of(self, column: str) -> tuple[str, ...] | None:
        """The fields a file column feeds, matched as sources match columns (without
        regard to case, spaces and punctuation: :func:`header_key`); None when the
        mapping does not name the column."""
        if column in self.columns:
            return self.columns[column]
        key = header_key(column)
        if not key:
            return None
        for name, fields in self.columns.items():
            if header_key(name) == key:
                return fields
        return None

    def category(self, value: str) -> str:
        """A category of the file as itroad's (``Notebook`` -> ``laptop``), matched
        without regard to case; unchanged when the mapping does not name it."""
        return self.categories.get(value.strip().casefold(), value)

    def problems(self, kind: RecordKind) -> list[str]:
        """The fields this mapping names that records of ``kind`` do not have, and a
        ``kind`` that is not the file's."""
        where = self.file
        if self.kind is not None and self.kind != kind:
            return [f'{where}: kind: the mapping is for {self.kind}, but the import is of '
                    f"{kind} (change --kind or the mapping's kind)"]
        known = list(MODELS[kind].model_fields)
        listed = ", ".join(known)
        problems = []
        for column, fields in self.columns.items():
            for name in fields:
                if name not in known:
                    problems.append(f'{where}: {toml_key("columns", column)}: unknown {kind} '
                                    f'field "{name}" (the fields of {kind}: {listed}; "" to '
                                    "leave the column out)")
        for name in self.values:
            if name not in known:
                problems.append(f'{where}: {toml_key("values", name)}: unknown {kind} field '
                                f'"{name}" (the fields of {kind}: {listed})')
        if self.categories and "category" not in known:
            problems.append(f"{where}: categories: {kind} have no category (only assets do)")
        return problems


def shipped_mappings() -> list[str]:
    """The names of the mappings itroad ships (``glpi-computers`` ...)."""
    folder = resources.files(SHIPPED_PACKAGE)
    return sorted(entry.name.removesuffix(".toml") for entry in folder.iterdir()
                  if entry.name.endswith(".toml"))


def load_mapping(spec: str | Path) -> CsvMapping:
    """The mapping ``--map`` names: the name of a shipped mapping (``glpi-computers``) or
    the path of a TOML file. Raises :class:`CsvMappingError` with every problem."""
    text = str(spec)
    path = Path(text)
    looks_like_path = text.endswith(".toml") or "/" in text or "\\" in text or path.exists()
    if not looks_like_path:
        if text in shipped_mappings():
            shipped = resources.files(SHIPPED_PACKAGE) / f"{text}.toml"
            return parse_mapping(shipped.read_text(encoding="utf-8"), f"{text}.toml")
        names = ", ".join(shipped_mappings())
        raise CsvMappingError([f'unknown mapping "{text}" (the mappings itroad ships: {names}; '
                               "or give the path of a .toml file)"])
    try:
        if path.is_dir():
            raise CsvMappingError([f"{text}: is a folder, not a mapping file"])
        if path.stat().st_size > MAX_MAPPING_BYTES:
            raise CsvMappingError([f"{text}: the file is larger than 1 MB (is it a mapping?)"])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CsvMappingError([f"{text}: no such mapping file"]) from None
    except OSError as exc:
        raise CsvMappingError([f"{text}: cannot read the file ({exc.strerror})"]) from None
    try:
        body = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise CsvMappingError([f"{text}: not UTF-8 text at byte {exc.start} (TOML files are "
                               "UTF-8)"]) from None
    return parse_mapping(body, text)


def parse_mapping(text: str, file: str = "<mapping>") -> CsvMapping:
    """A mapping from its TOML text; ``file`` names it in problems."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CsvMappingError([f"{file}: {toml_syntax_problem(exc)}"]) from None
    try:
        shape = _MappingFile.model_validate(data)
    except ValidationError as exc:
        lines = [f"{file}: {_where(error['loc'])}: {_described(error)}" for error in exc.errors()]
        # A value that fits no member of a union is one problem, not one per member.
        raise CsvMappingError(list(dict.fromkeys(lines))) from None
    problems: list[str] = []
    columns: dict[str, tuple[str, ...]] = {}
    #: Each column's key (as :meth:`CsvMapping.fields_of` matches it) -> its first name.
    seen: dict[str, str] = {}
    for column, target in shape.columns.items():
        folded = header_key(column) or column.strip()
        names = [target] if isinstance(target, str) else target
        fields = tuple(n.strip() for n in names if n.strip())
        if not column.strip():
            problems.append(f'{file}: {toml_key("columns", column)}: a column needs a name')
        elif folded in seen and columns[seen[folded]] != fields:
            # Two spellings of one column ("Serial number", "Serialnumber") may be
            # listed, for two versions of an export, when they feed the same fields.
            problems.append(f'{file}: {toml_key("columns", column)}: the column is mapped twice '
                            f'(also as {toml_key("columns", seen[folded])})')
        seen.setdefault(folded, column)
        if len(set(fields)) != len(fields):
            problems.append(f'{file}: {toml_key("columns", column)}: a field is listed twice')
        columns[column] = fields
    categories: dict[str, str] = {}
    for name, category in shape.categories.items():
        if not category.strip():
            problems.append(f'{file}: {toml_key("categories", name)}: the category must not '
                            "be empty")
        categories[name.strip().casefold()] = category.strip()
    if problems:
        raise CsvMappingError(problems)
    return CsvMapping(
        file=file, kind=shape.kind, delimiter=shape.delimiter, decimal_comma=shape.decimal_comma,
        date_order=shape.date_order, encoding=shape.encoding, columns=columns,
        values={k: _value_text(v) for k, v in shape.values.items()}, categories=categories)


def _where(loc: tuple[int | str, ...]) -> str:
    keys = [str(p) for p in loc if isinstance(p, str)]
    # pydantic adds the member type it tried to a union's location: keep the keys.
    top = keys[0] if keys else ""
    if top in ("columns", "values", "categories") and len(keys) > 1:
        return toml_key(top, keys[1])
    return toml_key(top) if top else "the file"


def _described(error: Any) -> str:
    loc = [p for p in error["loc"] if isinstance(p, str)]
    if loc[:1] == ["kind"] and error["type"] == "literal_error":
        return f'unsupported kind "{error.get("input")}" (expected {", ".join(RECORD_KINDS)})'
    if loc[:1] == ["date_order"] and error["type"] == "literal_error":
        return f'unsupported date order "{error.get("input")}" (expected mdy or dmy)'
    if loc[:1] == ["columns"] and len(loc) > 1:
        return "expected the name of a field, a list of them, or \"\" to leave the column out"
    if loc[:1] == ["values"] and len(loc) > 1:
        return "expected text, a whole number, true or false, or a date"
    if error["type"] == "extra_forbidden":
        return ("unknown key (expected kind, delimiter, decimal_comma, date_order, encoding, "
                "[columns], [values] or [categories])")
    return describe_error(error)
