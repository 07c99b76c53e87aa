"""The planning engine is pure: importing it never brings in Textual.

docs/architecture.md, "What may import what, and the tests that hold it".
"""

import subprocess
import sys


def test_planning_does_not_import_textual():
    code = (
        "import sys\n"
        "import itroad.planning.calendar, itroad.planning.lifecycle, itroad.planning.recurrence\n"
        "import itroad.planning.forecast, itroad.planning.due, itroad.planning.roadmap\n"
        "assert 'textual' not in sys.modules, 'textual imported by the planning engine'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_planning_never_reads_today():
    from pathlib import Path

    import itroad.planning

    folder = Path(itroad.planning.__file__).parent
    paths = sorted(folder.rglob("*.py"))
    assert folder / "forecast" / "totals.py" in paths  # the sub-packages are read too
    for path in paths:
        text = path.read_text()
        for forbidden in ("date.today", "datetime.now", "datetime.today", "import textual", "float("):
            assert forbidden not in text, f"{path.relative_to(folder)} uses {forbidden}"
