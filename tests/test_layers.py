"""The layers of docs/architecture.md: the pure core never imports Textual or the outer layers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "itroad"


def _modules_after_import(modules: list[str]) -> set[str]:
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(out.stdout.split())


def _package_modules(package: str) -> list[str]:
    folder = SRC / package
    return [f"itroad.{package}.{p.stem}" for p in sorted(folder.glob("*.py")) if p.stem != "__init__"]


def test_pure_core_imports_no_textual_and_no_outer_layer():
    core = ["itroad.domain", *_package_modules("domain"), "itroad.planning", *_package_modules("planning")]
    loaded = _modules_after_import(core)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}
    outer = {m for m in loaded if m.startswith(("itroad.store", "itroad.tui", "itroad.interchange", "itroad.cli"))}
    assert not outer, f"the pure core imports outer layers: {sorted(outer)}"
    assert "sqlite3" not in loaded


def test_store_and_interchange_import_no_textual():
    loaded = _modules_after_import(["itroad.store", "itroad.interchange.toml_format"])
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_only_the_store_writes_sql():
    sql_words = ("INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE TABLE", "SELECT ")
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.is_relative_to(SRC / "store"):
            continue
        text = path.read_text(encoding="utf-8")
        if any(word in text for word in sql_words) and ("execute(" in text or "sqlite3" in text):
            offenders.append(str(path.relative_to(SRC)))
    assert not offenders, f"SQL outside store/: {offenders}"
