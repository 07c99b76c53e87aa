"""The user's settings, kept in a small TOML file (see :func:`itroad.paths.config_file_path`).

A settings file must never stop itroad from starting. :func:`load_config` turns a
missing file into the defaults, and an unreadable or invalid one into the defaults
plus a list of problems (``Settings.problems``), one line each, in the form
``<file>: <setting>: <problem>``, for the app to show in one notification. A setting
with a bad value falls back to its default; the good ones are kept. Keys this version
does not know are reported but kept, and written back by :func:`save_config`, so a
file written by a newer itroad is not trimmed by an older one.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import (
    BaseModel,
    ConfigDict,
    PrivateAttr,
    ValidationError,
    field_validator,
)

from itroad.paths import config_file_path, display_path

__all__ = [
    "Settings",
    "load_config",
    "read_toml_file",
    "save_config",
    "toml_error_location",
]

_HEADER = (
    "# itroad settings. itroad rewrites this file when you change a setting in the app\n"
    "# (for example the theme, chosen with ctrl+p); editing it by hand is fine too.\n\n"
)


class Settings(BaseModel):
    """What the user chose. Every field has a default, so ``Settings()`` is valid."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)

    theme: str | None = None
    """Name of the theme to start with; ``None`` means the app's default."""

    _problems: list[str] = PrivateAttr(default_factory=list)

    @field_validator("theme", mode="before")
    @classmethod
    def _blank_theme_is_default(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    @property
    def problems(self) -> list[str]:
        """Problems found while loading, one ``<file>: <setting>: <problem>`` per line."""
        return list(self._problems)

    def __eq__(self, other: object) -> bool:
        # Two settings are equal when they say the same thing; how they were loaded
        # (the problems) does not count, unlike pydantic's default comparison.
        if not isinstance(other, Settings):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]  # mutable, like any BaseModel


def toml_error_location(error: tomllib.TOMLDecodeError) -> tuple[str, str]:
    """Split a TOML syntax error into ``("line L, column C", message)``.

    Python 3.11's tomllib only puts the position in the message text, as
    ``"Invalid value (at line 3, column 9)"``.
    """
    message = str(error)
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if match is None:
        match = re.search(r"\s*\(at end of document\)\s*$", message)
        if match is None:
            return "TOML syntax", message
        return "end of file", message[: match.start()]
    return f"line {match.group(1)}, column {match.group(2)}", message[: match.start()]


def read_toml_file(path: Path) -> tuple[dict[str, Any] | None, list[str]]:
    """Read a TOML file: ``(data, [])``, or ``(None, [problem])`` when it cannot be read.

    The problem is one line naming the file: why it could not be read, or where its
    TOML syntax is wrong (``<file>: line L, column C: invalid TOML: <message>``).
    """
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [f"{shown}: cannot read the file: {error.strerror or error}"]
    try:
        return tomllib.loads(raw.decode("utf-8")), []
    except UnicodeDecodeError as error:
        return None, [f"{shown}: not UTF-8 text (byte {error.start})"]
    except tomllib.TOMLDecodeError as error:
        where, message = toml_error_location(error)
        return None, [f"{shown}: {where}: invalid TOML: {message}"]


def load_config(path: Path | None = None) -> Settings:
    """Load the settings from ``path`` (default: the user's config file).

    Never raises for a bad file: the result is usable, and ``result.problems`` says
    what was wrong and what was ignored.
    """
    path = config_file_path() if path is None else Path(path)
    if not path.exists():
        return Settings()
    data, problems = read_toml_file(path)
    if data is None:
        unread = Settings()
        unread._problems = problems
        return unread

    shown = display_path(path)
    for key in data:
        if key not in Settings.model_fields:
            problems.append(
                f"{shown}: {key}: not a setting this version of itroad knows; left as it is"
            )

    values = dict(data)
    settings: Settings | None = None
    for _ in range(len(Settings.model_fields) + 1):
        try:
            settings = Settings.model_validate(values)
            break
        except ValidationError as error:
            for item in error.errors(include_url=False):
                field = str(item["loc"][0]) if item["loc"] else "?"
                shown_value = item.get("input")
                problems.append(
                    f"{shown}: {field}: {item['msg']} (got {shown_value!r}); using the default"
                )
                values.pop(field, None)
    if settings is None:  # pragma: no cover - each pass removes at least one bad key
        settings = Settings()
    settings._problems = problems
    return settings


def save_config(settings: Settings, path: Path | None = None) -> Path:
    """Write ``settings`` to ``path`` (default: the user's config file) and return the path.

    The folder is created when missing. The file is replaced atomically: the new text
    goes to a temporary file in the same folder, which then replaces the old file, so a
    crash never leaves half a settings file. Raises ``OSError`` when the file cannot
    be written; the caller decides how to tell the user.
    """
    path = config_file_path() if path is None else Path(path)
    text = _HEADER + tomli_w.dumps(settings.model_dump(exclude_none=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.chmod(temp_name, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            pass  # a new file keeps mkstemp's private 0600
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    return path
