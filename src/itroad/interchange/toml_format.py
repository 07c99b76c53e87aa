"""The TOML interchange format (docs/architecture.md, "The portfolio file"): one file per portfolio.

Reading validates everything and reports every problem, one line each, before
anything is written anywhere. Values must be in their canonical form (money
``"1249.50"``, rates ``"0.03"``, TOML dates, integers and booleans as such) and
within the limits of :mod:`itroad.domain.limits`, and so must the file's size and
nesting. Text is written exactly; the control characters that TOML and JSON
writers leave raw are written as ``\\u`` escapes, so a printed export is safe.
Writing is canonical: fields in model order,
fields at their default left out (except the few that a reader wants to see),
money as strings with two decimals, dates as TOML dates. So import then export
gives the same bytes, and a portfolio kept under version control diffs cleanly.
"""

from __future__ import annotations

import tomllib
from enum import Enum
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel, ValidationError

from itroad.domain.errors import ItroadError
from itroad.domain.limits import MAX_FILE_BYTES, MAX_NESTING
from itroad.domain.models import (
    FORMAT,
    Asset,
    Client,
    Contract,
    Initiative,
    Portfolio,
    Renewal,
    reference_problems,
    role_problems,
)
from itroad.domain.problems import describe
from itroad.interchange.problems import format_location, toml_syntax_problem, validation_problems
from itroad.safe_text import escape_machine

HEADER = (
    "# itroad portfolio (format itroad/1): edit freely, then `itroad import toml FILE`.\n"
    "# Money is written as strings (\"1400.00\"), dates as 2026-12-01, rates as \"0.03\".\n"
)

#: Fields written even at their default value, because a reader expects them.
ALWAYS_WRITTEN: dict[type[BaseModel], tuple[str, ...]] = {
    Client: ("currency", "fiscal_year_start_month"),
    Asset: ("status",),
    Renewal: ("kind", "period_months", "auto_renew"),
    Contract: ("kind", "period_months", "auto_renew"),
    Initiative: ("priority", "status"),
}


class PortfolioFileError(ItroadError):
    """A portfolio file that cannot be imported; ``problems`` has one line each (the
    file as a whole: no ``field``)."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        super().__init__("\n".join(f"{self.path}: {p}" for p in problems))


def parse_portfolio(text: str, path: Path | str = "<portfolio>") -> Portfolio:
    """Validate TOML text as a portfolio, or raise with every problem found."""
    too_deep = PortfolioFileError(path, [f"tables and lists are nested too deeply (at most "
                                         f"{MAX_NESTING} levels)"])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PortfolioFileError(path, [toml_syntax_problem(exc)]) from None
    except RecursionError:
        raise too_deep from None
    if _depth(data) > MAX_NESTING:
        raise too_deep
    if "format" not in data:
        raise PortfolioFileError(path, [f'format: is required (the first line should be format = "{FORMAT}")'])
    try:
        portfolio = Portfolio.model_validate(data)
    except ValidationError as exc:
        raise PortfolioFileError(path, validation_problems(exc)) from None
    problems: list[str] = []
    codes: dict[str, int] = {}
    for i, client in enumerate(portfolio.clients):
        if client.code in codes:
            problems.append(
                f'clients[{i}].code: duplicate client code "{client.code}" (also clients[{codes[client.code]}])'
            )
        codes.setdefault(client.code, i)
        for loc, problem in reference_problems(client):
            problems.append(f"{format_location(('clients', i, *loc))}: {describe(problem)}")
    for loc, problem in role_problems(portfolio):
        problems.append(f"{format_location(loc)}: {describe(problem)}")
    if problems:
        raise PortfolioFileError(path, problems)
    return portfolio


def _depth(value: Any, limit: int = MAX_NESTING + 1) -> int:
    """How deeply tables and lists nest in ``value`` (counted up to ``limit``)."""
    if limit <= 0 or not isinstance(value, (dict, list)):
        return 0
    children = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(child, limit - 1) for child in children), default=0)


def read_portfolio(path: Path | str) -> Portfolio:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise PortfolioFileError(path, [f"the file is larger than {MAX_FILE_BYTES // 2**20} MB, "
                                            "the most itroad reads; split it by client"])
        if path.is_dir():
            raise PortfolioFileError(path, ["is a folder, not a portfolio file"])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PortfolioFileError(path, ["no such file"]) from None
    except OSError as exc:
        raise PortfolioFileError(path, [f"cannot read the file ({exc.strerror})"]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PortfolioFileError(path, [f"not UTF-8 text (byte {exc.start})"]) from None
    return parse_portfolio(text, path)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _record(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _record(model: BaseModel) -> dict[str, Any]:
    """A model as plain TOML values: defaults, None and empty collections left out."""
    dumped = model.model_dump(mode="python", exclude_defaults=True, exclude_none=True)
    always = ALWAYS_WRITTEN.get(type(model), ())
    out: dict[str, Any] = {}
    for name in type(model).model_fields:
        if name not in dumped and name not in always:
            continue
        attr = getattr(model, name)
        # Nested records go through _record themselves (their defaults drop out);
        # everything else takes its serialised form (money as "1400.00").
        value = _plain(attr if isinstance(attr, (list, BaseModel)) else dumped.get(name, attr))
        if value is not None and value != [] and value != {}:
            out[name] = value
    return out


def portfolio_to_dict(portfolio: Portfolio) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT}
    if portfolio.roles:
        data["roles"] = list(portfolio.roles)
    data["clients"] = [_record(client) for client in portfolio.clients]
    return data


def _value(value: Any) -> str:
    """One TOML value on one line; tomli-w does the quoting and the dates."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return tomli_w.dumps({"v": value})[4:].rstrip("\n")


def _table(lines: list[str], header: str, record: dict[str, Any], indent: str) -> None:
    lines.append("")
    lines.append(f"{indent}{header}")
    for key, value in record.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value) \
                and key in _TABLE_ARRAYS:
            continue
        if isinstance(value, dict) and key in _SUB_TABLES:
            continue
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value) \
                and key in _LONG_LISTS:
            # One entry a line, so that adding one changes one line of a diff.
            lines.append(f"{indent}{key} = [")
            lines.extend(f"{indent}  {_value(v)}," for v in value)
            lines.append(f"{indent}]")
            continue
        lines.append(f"{indent}{key} = {_value(value)}")


#: Records of a client written as a table of their own (``[clients.strategy]``),
#: after the client's own fields.
_SUB_TABLES = ("strategy",)
#: Lists of inline tables written one entry a line (a strategy's ``swot``).
_LONG_LISTS = ("swot",)
#: Lists of records written as arrays of tables, in this order, under each client.
_TABLE_ARRAYS = (
    "policies", "people", "assets", "renewals", "contracts", "goals", "initiatives",
    "assignments", "actuals",
)


def dumps_portfolio(portfolio: Portfolio) -> str:
    """The canonical text of a portfolio (layout: docs/architecture.md, "The portfolio file")."""
    data = portfolio_to_dict(portfolio)
    lines = [HEADER.rstrip("\n"), "", f"format = {_value(FORMAT)}"]
    if "roles" in data:
        lines.append(f"roles = {_value(data['roles'])}")
    for client in data["clients"]:
        _table(lines, "[[clients]]", client, "")
        for key in _SUB_TABLES:
            if key in client:
                _table(lines, f"[clients.{key}]", client[key], "  ")
        for key in _TABLE_ARRAYS:
            for record in client.get(key, []):
                _table(lines, f"[[clients.{key}]]", record, "  ")
    return escape_machine("\n".join(lines) + "\n")


def portfolio_json(portfolio: Portfolio) -> str:
    """The same canonical content as JSON (dates as ISO strings)."""
    import json

    text = json.dumps(portfolio_to_dict(portfolio), indent=2, default=str, ensure_ascii=False)
    return escape_machine(text) + "\n"
