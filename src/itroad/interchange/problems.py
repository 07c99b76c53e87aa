"""Turning validation failures into one clear line per problem.

A problem names where it is, as a path into the file
(``clients[0].assets[3].purchase_date``), and what is wrong, as a sentence
(``invalid date "2023-02-30" (expected YYYY-MM-DD)``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails


def format_location(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else "a list"
    return str(value).lower() if isinstance(value, bool) else str(value)


def describe_error(error: ErrorDetails) -> str:
    """One pydantic error as a sentence a person can act on."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    field = next((str(p) for p in reversed(error["loc"]) if isinstance(p, str)), "value")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "unknown field (check its spelling)"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"].removeprefix("Value error, ")))
    if kind == "enum":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"unknown {field} {_shown(value)} (expected one of: {expected})"
    if kind == "literal_error":
        return f"unsupported value {_shown(value)} (expected {ctx.get('expected')})"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, got {_shown(value)}"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false, got {_shown(value)}"
    if kind in ("string_type",):
        return f"expected text, got {_shown(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind in ("list_type",):
        return f"expected a list, got {_shown(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a table, got {_shown(value)}"
    if kind == "greater_than":
        return f"must be greater than {ctx.get('gt')}, got {_shown(value)}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, got {_shown(value)}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, got {_shown(value)}"
    if kind == "less_than":
        return f"must be less than {ctx.get('lt')}, got {_shown(value)}"
    message = error["msg"]
    return message[0].lower() + message[1:]


def validation_problems(exc: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[str]:
    problems = []
    for error in exc.errors():
        where = format_location((*prefix, *error["loc"]))
        problems.append(f"{where}: {describe_error(error)}" if where else describe_error(error))
    return problems


def toml_syntax_problem(exc: tomllib.TOMLDecodeError) -> str:
    """``line 13, column 19: invalid TOML: expected ']]' at the end of …``."""
    message = str(exc)
    found = re.match(r"^(.*) \(at line (\d+), column (\d+)\)$", message)
    if not found:
        return f"invalid TOML: {message}"
    what, line, column = found.groups()
    return f"line {line}, column {column}: invalid TOML: {what[0].lower()}{what[1:]}"
