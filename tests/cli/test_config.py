"""The settings file: defaults, round trip, atomic writes, and bad files that never crash."""

from __future__ import annotations

import os
import stat
import tomllib

import pytest

from itroad import config
from itroad.config import Settings, load_config, save_config


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    directory = tmp_path / "config"
    monkeypatch.setenv("ITROAD_CONFIG_DIR", str(directory))
    return directory


def test_missing_file_gives_defaults(config_dir):
    settings = load_config()
    assert settings == Settings()
    assert settings.theme is None
    assert settings.problems == []
    assert not config_dir.exists()


def test_round_trip_through_the_default_path(config_dir):
    written = save_config(Settings(theme="itroad-light"))
    assert written == config_dir / "config.toml"
    loaded = load_config()
    assert loaded.theme == "itroad-light"
    assert loaded.problems == []
    assert loaded == Settings(theme="itroad-light")


def test_save_creates_missing_folders(tmp_path):
    target = tmp_path / "a" / "b" / "config.toml"
    save_config(Settings(theme="nord"), target)
    assert load_config(target).theme == "nord"


def test_saved_file_is_commented_toml_without_empty_values(config_dir):
    path = save_config(Settings())
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# itroad settings")
    assert tomllib.loads(text) == {}  # None is not written: TOML has no null
    save_config(Settings(theme="itroad-dark"))
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"theme": "itroad-dark"}


def test_save_replaces_the_file_and_leaves_no_temporary_files(config_dir):
    save_config(Settings(theme="one"))
    save_config(Settings(theme="two"))
    assert [p.name for p in config_dir.iterdir()] == ["config.toml"]
    assert load_config().theme == "two"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_save_keeps_the_mode_of_an_existing_file(config_dir):
    path = save_config(Settings(theme="one"))
    os.chmod(path, 0o644)
    save_config(Settings(theme="two"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_failed_save_keeps_the_old_file(config_dir, monkeypatch):
    path = save_config(Settings(theme="old"))

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(config.os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_config(Settings(theme="new"))
    assert load_config(path).theme == "old"
    assert [p.name for p in config_dir.iterdir()] == ["config.toml"]


def test_corrupt_toml_falls_back_with_the_line_and_column(config_dir):
    config_dir.mkdir()
    path = config_dir / "config.toml"
    path.write_text('theme = "itroad-dark"\ntheme2 = = 3\n', encoding="utf-8")
    settings = load_config()
    assert settings.theme is None
    assert len(settings.problems) == 1
    problem = settings.problems[0]
    assert problem.startswith(f"{path}: line 2, column ")
    assert "invalid TOML" in problem


def test_wrong_type_falls_back_for_that_setting_only(config_dir):
    config_dir.mkdir()
    path = config_dir / "config.toml"
    path.write_text("theme = 12\n", encoding="utf-8")
    settings = load_config()
    assert settings.theme is None
    assert len(settings.problems) == 1
    assert settings.problems[0].startswith(f"{path}: theme: ")
    assert "12" in settings.problems[0]


def test_unknown_settings_are_reported_and_kept(config_dir):
    config_dir.mkdir()
    path = config_dir / "config.toml"
    path.write_text('theme = "nord"\nfuture_option = [1, 2]\n', encoding="utf-8")
    settings = load_config()
    assert settings.theme == "nord"
    assert settings.problems == [
        f"{path}: future_option: not a setting this version of itroad knows; left as it is"
    ]
    save_config(settings)
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "theme": "nord",
        "future_option": [1, 2],
    }


def test_blank_theme_means_default(config_dir):
    config_dir.mkdir()
    (config_dir / "config.toml").write_text('theme = "  "\n', encoding="utf-8")
    settings = load_config()
    assert settings.theme is None
    assert settings.problems == []


def test_binary_file_falls_back(config_dir):
    config_dir.mkdir()
    path = config_dir / "config.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    settings = load_config()
    assert settings == Settings()
    assert settings.problems[0].startswith(f"{path}: not UTF-8")


def test_unreadable_file_falls_back(config_dir):
    # A folder where the file should be: reading fails on every platform.
    (config_dir / "config.toml").mkdir(parents=True)
    settings = load_config()
    assert settings.theme is None
    assert len(settings.problems) == 1
    assert settings.problems[0].startswith(
        f"{config_dir / 'config.toml'}: cannot read the file"
    )


def test_problems_are_not_saved(config_dir):
    config_dir.mkdir()
    path = config_dir / "config.toml"
    path.write_text("theme = 12\n", encoding="utf-8")
    settings = load_config()
    settings.theme = "itroad-light"
    save_config(settings)
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"theme": "itroad-light"}
    assert load_config().problems == []
