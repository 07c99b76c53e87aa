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
    """Every module of a package, those of its sub-packages included."""
    folder = SRC / package
    names = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        names.append(".".join(("itroad", *(parts[:-1] if parts[-1] == "__init__" else parts))))
    return names


def test_pure_core_imports_no_textual_and_no_outer_layer():
    core = [*_package_modules("domain"), *_package_modules("planning")]
    loaded = _modules_after_import(core)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}
    outer_layers = ("itroad.store", "itroad.tui", "itroad.interchange", "itroad.output", "itroad.cli")
    outer = {m for m in loaded if m.startswith(outer_layers)}
    assert not outer, f"the pure core imports outer layers: {sorted(outer)}"
    assert "sqlite3" not in loaded


def test_store_interchange_and_output_import_no_textual():
    loaded = _modules_after_import(["itroad.store", "itroad.interchange.toml_format", *_package_modules("output")])
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}
    faces = {m for m in loaded if m.startswith(("itroad.tui", "itroad.cli"))}
    assert not faces, f"the store, the interchange or the output imports a face: {sorted(faces)}"


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
