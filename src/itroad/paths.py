"""Where itroad keeps things on disk.

Two kinds of location:

- per-user folders, from platformdirs (XDG on Linux, ``~/Library/Application Support``
  on macOS, ``%LOCALAPPDATA%`` on Windows): the database, the settings file and the
  user's own themes;
- files shipped with itroad (the bundled themes and the sample portfolio). They live in
  the top-level ``themes/`` and ``sample_data/`` folders of the repository, and the wheel
  carries them as ``itroad/themes`` and ``itroad/sample_data`` (see the hatch
  ``force-include`` table in pyproject.toml), so both an installed wheel and a source
  checkout are searched.

Nothing here creates a directory. The only folder itroad creates is the default
data directory (:func:`is_default_data_dir`), when it first makes the database
there; any other missing folder is an error naming it. The database location can
be overridden with ``ITROAD_DB``, which the CLI handles.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = [
    "APP_NAME",
    "CONFIG_DIR_ENV",
    "bundled_themes_dir",
    "config_file_path",
    "default_database_path",
    "display_path",
    "is_default_data_dir",
    "sample_data_path",
    "theme_dirs",
    "user_config_dir",
    "user_data_dir",
    "user_themes_dir",
]

APP_NAME = "itroad"

CONFIG_DIR_ENV = "ITROAD_CONFIG_DIR"
"""Environment variable that replaces the per-user config directory (tests use it)."""

_PACKAGE_DIR = Path(__file__).resolve().parent


def user_data_dir() -> Path:
    """The per-user data directory (holds the default database)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    """The per-user config directory, or ``$ITROAD_CONFIG_DIR`` when that is set."""
    override = os.environ.get(CONFIG_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """The database used when neither ``--db`` nor ``ITROAD_DB`` names one."""
    return user_data_dir() / "itroad.db"


def is_default_data_dir(folder: str | os.PathLike[str]) -> bool:
    """Whether ``folder`` is the one holding the default database (itroad may create it)."""
    return os.path.abspath(folder) == os.path.abspath(default_database_path().parent)


def config_file_path() -> Path:
    """The user's settings file."""
    return user_config_dir() / "config.toml"


def user_themes_dir() -> Path:
    """Folder for the user's own ``*.toml`` theme files."""
    return user_config_dir() / "themes"


def _shipped(relative: str) -> Path:
    """Find a file or folder shipped with itroad.

    Looks inside the installed package first (``itroad/<relative>``, as force-included
    in the wheel), then at the root of a source checkout (``<repo>/<relative>``, the
    parent of ``src/``, recognised by its pyproject.toml). When neither exists, the
    installed location is returned, so that an error message names a sensible path.
    """
    installed = _PACKAGE_DIR / relative
    if installed.exists():
        return installed
    repo_root = _PACKAGE_DIR.parent.parent
    checkout = repo_root / relative
    if (repo_root / "pyproject.toml").is_file() and checkout.exists():
        return checkout
    return installed


def bundled_themes_dir() -> Path:
    """Folder of the theme files shipped with itroad."""
    return _shipped("themes")


def sample_data_path() -> Path:
    """The demo portfolio shipped with itroad (``sample_data/portfolio.toml``)."""
    return _shipped("sample_data") / "portfolio.toml"


def theme_dirs() -> list[Path]:
    """Theme folders in load order: bundled first, then the user's (which wins)."""
    return [bundled_themes_dir(), user_themes_dir()]


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as shown to the user: the home directory abbreviated to ``~``."""
    text = str(path)
    home = str(Path.home())
    if home not in ("", os.sep) and (text == home or text.startswith(home + os.sep)):
        return "~" + text[len(home) :]
    return text
