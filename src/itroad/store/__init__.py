"""The SQLite store: the only place in itroad that speaks SQL."""

from itroad.store.clients import ClientSummary, list_clients
from itroad.store.database import (
    SchemaTooNewError,
    StoreError,
    backup_database,
    open_database,
    schema_version,
)
from itroad.store.portfolio import (
    ImportReport,
    client_codes,
    import_portfolio,
    load_client,
    load_portfolio,
)

__all__ = [
    "ClientSummary",
    "ImportReport",
    "SchemaTooNewError",
    "StoreError",
    "backup_database",
    "client_codes",
    "import_portfolio",
    "list_clients",
    "load_client",
    "load_portfolio",
    "open_database",
    "schema_version",
]
