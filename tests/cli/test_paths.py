"""Where itroad keeps its files: per-user folders and the files shipped with it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from itroad import paths

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ITROAD_CONFIG_DIR", str(tmp_path / "config"))


def test_config_dir_comes_from_the_environment(tmp_path):
    assert paths.user_config_dir() == tmp_path / "config"
    assert paths.config_file_path() == tmp_path / "config" / "config.toml"
    assert paths.user_themes_dir() == tmp_path / "config" / "themes"


def test_config_dir_env_expands_home(monkeypatch):
    monkeypatch.setenv("ITROAD_CONFIG_DIR", "~/itroad-test-config")
    assert paths.user_config_dir() == Path.home() / "itroad-test-config"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_config_dir_defaults_to_platformdirs(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("ITROAD_CONFIG_DIR", raising=False)
    else:
        monkeypatch.setenv("ITROAD_CONFIG_DIR", value)
    expected = Path(platformdirs.user_config_dir("itroad", appauthor=False))
    assert paths.user_config_dir() == expected
    assert paths.config_file_path() == expected / "config.toml"
    assert paths.user_themes_dir() == expected / "themes"


def test_database_lives_in_the_user_data_dir():
    data_dir = Path(platformdirs.user_data_dir("itroad", appauthor=False))
    assert paths.user_data_dir() == data_dir
    assert paths.default_database_path() == data_dir / "itroad.db"


def test_asking_for_paths_creates_nothing(tmp_path):
    for function in (
        paths.user_config_dir,
        paths.config_file_path,
        paths.user_themes_dir,
        paths.theme_dirs,
        paths.bundled_themes_dir,
        paths.sample_data_path,
    ):
        function()
    assert not (tmp_path / "config").exists()


def test_bundled_themes_found_in_a_source_checkout():
    themes = paths.bundled_themes_dir()
    assert themes.is_dir()
    assert themes.resolve() == (REPO / "themes").resolve()
    names = {path.name for path in themes.glob("*.toml")}
    assert {
        "itroad-dark.toml",
        "itroad-light.toml",
        "itroad-high-contrast.toml",
    } <= names


def test_sample_data_path_points_into_the_checkout():
    # The portfolio file itself is written elsewhere; the folder is what we find.
    sample = paths.sample_data_path()
    assert sample.name == "portfolio.toml"
    assert sample.parent.resolve() == (REPO / "sample_data").resolve()


def test_theme_dirs_are_bundled_then_user(tmp_path):
    assert paths.theme_dirs() == [
        paths.bundled_themes_dir(),
        tmp_path / "config" / "themes",
    ]


def _load_paths_copy(package_dir: Path):
    """Import a copy of paths.py as if it were installed at ``package_dir``."""
    package_dir.mkdir(parents=True, exist_ok=True)
    target = package_dir / "paths.py"
    shutil.copy(Path(paths.__file__), target)
    spec = importlib.util.spec_from_file_location("itroad_paths_copy", target)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bundled_files_found_in_an_installed_wheel(tmp_path):
    # The wheel force-includes themes/ and sample_data/ inside the package.
    package = tmp_path / "site-packages" / "itroad"
    (package / "themes").mkdir(parents=True)
    (package / "sample_data").mkdir()
    (package / "sample_data" / "portfolio.toml").write_text('format = "itroad/1"\n')
    installed = _load_paths_copy(package)
    assert installed.bundled_themes_dir() == package.resolve() / "themes"
    assert (
        installed.sample_data_path()
        == package.resolve() / "sample_data" / "portfolio.toml"
    )
    assert installed.sample_data_path().is_file()


def test_unrelated_themes_folder_is_not_mistaken_for_a_checkout(tmp_path):
    # <prefix>/lib/themes exists but there is no pyproject.toml: not a checkout.
    package = tmp_path / "lib" / "site-packages" / "itroad"
    (tmp_path / "lib" / "themes").mkdir(parents=True)
    installed = _load_paths_copy(package)
    assert installed.bundled_themes_dir() == package.resolve() / "themes"


def test_display_path_abbreviates_home():
    home = Path.home()
    assert paths.display_path(home / "x" / "y.toml") == os.path.join("~", "x", "y.toml")
    assert paths.display_path("/elsewhere/y.toml") == "/elsewhere/y.toml"


def test_paths_and_config_do_not_import_textual():
    code = "import sys, itroad.paths, itroad.config; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
