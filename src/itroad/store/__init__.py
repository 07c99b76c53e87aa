"""The SQLite store: the only place in itroad that speaks SQL.

The names below are imported on first use (PEP 562), so a screen that needs
only ``itroad.store.browse`` does not pay for the models at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "ClientSummary": "itroad.store.clients",
    "list_clients": "itroad.store.clients",
    "SchemaTooNewError": "itroad.store.database",
    "StoreError": "itroad.store.errors",
    "DatabaseBusy": "itroad.store.transactions",
    "backup_database": "itroad.store.database",
    "open_database": "itroad.store.database",
    "schema_version": "itroad.store.database",
    "ImportReport": "itroad.store.portfolio",
    "client_codes": "itroad.store.portfolio",
    "import_portfolio": "itroad.store.portfolio",
    "load_client": "itroad.store.portfolio",
    "load_clients": "itroad.store.portfolio",
    "load_portfolio": "itroad.store.portfolio",
    "ImportProblems": "itroad.store.record_import",
    "RecordImportReport": "itroad.store.record_import",
    "import_records": "itroad.store.record_import",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from itroad.store.clients import ClientSummary, list_clients
    from itroad.store.database import (
        SchemaTooNewError,
        backup_database,
        open_database,
        schema_version,
    )
    from itroad.store.errors import StoreError
    from itroad.store.portfolio import (
        ImportReport,
        client_codes,
        import_portfolio,
        load_client,
        load_clients,
        load_portfolio,
    )
    from itroad.store.record_import import ImportProblems, RecordImportReport, import_records
    from itroad.store.transactions import DatabaseBusy


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'itroad.store' has no attribute {name!r}")
