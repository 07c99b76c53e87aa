"""Database writes of the Schedule tab, for thread workers.

Each call opens its own connection (a SQLite connection belongs to the thread
that made it), makes one transaction through :mod:`itroad.store.policies`, and
closes it. No Textual here.
"""

from __future__ import annotations

from pathlib import Path

from itroad.planning.scenario import PlanChanges
from itroad.store import open_database
from itroad.store.policies import Applied, apply_changes


def write_changes(db_path: Path, code: str, changes: PlanChanges) -> Applied:
    """Apply ``changes`` to client ``code`` in one transaction, with a private connection."""
    db = open_database(db_path)
    try:
        return apply_changes(db, code, changes)
    finally:
        db.close()


def describe_applied(applied: Applied) -> str:
    """``Saved: policy laptop, escalation rate, 3 assets re-dated.``"""
    parts = []
    if applied.categories:
        parts.append(
            ("policy " if len(applied.categories) == 1 else "policies ")
            + ", ".join(applied.categories)
        )
    if applied.rate:
        parts.append("escalation rate")
    if applied.assets:
        parts.append(f"{applied.assets} asset{'s' if applied.assets != 1 else ''} re-dated")
    if not parts:
        return "Nothing to save: the database already says so."
    return "Saved: " + ", ".join(parts) + "."
