"""The database schema as an ordered list of migrations.

``PRAGMA user_version`` holds the number of migrations applied. A migration is
a list of SQL statements run in one transaction with the version bump, so a
database is always at a whole version. Never edit a released migration: add one.
"""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    # 1: the first schema.
    [
        """
        CREATE TABLE clients (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            currency TEXT NOT NULL DEFAULT 'USD',
            fiscal_year_start_month INTEGER NOT NULL DEFAULT 1
                CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
            escalation_rate TEXT NOT NULL DEFAULT '0',
            version INTEGER NOT NULL DEFAULT 1
        )
        """,
        """
        CREATE TABLE budget_targets (
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            fiscal_year INTEGER NOT NULL,
            amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
            PRIMARY KEY (client_id, fiscal_year)
        )
        """,
        """
        CREATE TABLE policies (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            category TEXT NOT NULL,
            lifecycle_months INTEGER NOT NULL CHECK (lifecycle_months > 0),
            replacement_cost_cents INTEGER CHECK (replacement_cost_cents >= 0),
            basis TEXT NOT NULL DEFAULT 'age' CHECK (basis IN ('age', 'warranty')),
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE (client_id, category)
        )
        """,
        """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            email TEXT COLLATE NOCASE,
            title TEXT,
            organisation TEXT,
            deleted_at TEXT,
            version INTEGER NOT NULL DEFAULT 1
        )
        """,
        "CREATE INDEX people_client_name ON people (client_id, name)",
        "CREATE INDEX people_client_email ON people (client_id, email)",
        """
        CREATE TABLE assets (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            tag TEXT NOT NULL COLLATE NOCASE,
            name TEXT NOT NULL,
            category TEXT NOT NULL,
            manufacturer TEXT,
            model TEXT,
            serial TEXT,
            site TEXT,
            assigned_to INTEGER REFERENCES people(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'in_use'
                CHECK (status IN ('in_use', 'spare', 'in_repair', 'retired', 'disposed')),
            purchase_date TEXT,
            purchase_cost_cents INTEGER CHECK (purchase_cost_cents >= 0),
            warranty_end TEXT,
            os TEXT,
            lifecycle_months INTEGER CHECK (lifecycle_months > 0),
            replacement_cost_cents INTEGER CHECK (replacement_cost_cents >= 0),
            replace_on TEXT,
            replace_reason TEXT,
            notes TEXT,
            replace_due TEXT,  -- derived: planning.lifecycle.replacement_due, kept by the store
            deleted_at TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE (client_id, tag)
        )
        """,
        "CREATE INDEX assets_client_status ON assets (client_id, status)",
        "CREATE INDEX assets_client_category ON assets (client_id, category)",
        "CREATE INDEX assets_client_site ON assets (client_id, site)",
        "CREATE INDEX assets_client_name ON assets (client_id, name)",
        "CREATE INDEX assets_client_purchase ON assets (client_id, purchase_date)",
        "CREATE INDEX assets_client_warranty ON assets (client_id, warranty_end)",
        "CREATE INDEX assets_client_person ON assets (client_id, assigned_to)",
        "CREATE INDEX assets_client_model ON assets (client_id, model)",
        "CREATE INDEX assets_client_manufacturer ON assets (client_id, manufacturer)",
        "CREATE INDEX assets_client_serial ON assets (client_id, serial)",
        "CREATE INDEX assets_client_due ON assets (client_id, replace_due)",
        "CREATE INDEX assets_name ON assets (name)",
        "CREATE INDEX assets_serial ON assets (serial)",
        """
        CREATE TABLE renewals (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            vendor TEXT,
            kind TEXT NOT NULL,
            quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 0),
            unit_cost_cents INTEGER NOT NULL CHECK (unit_cost_cents >= 0),
            period_months INTEGER NOT NULL CHECK (period_months > 0),
            next_renewal TEXT NOT NULL,
            auto_renew INTEGER NOT NULL DEFAULT 0,
            notice_days INTEGER NOT NULL DEFAULT 0 CHECK (notice_days >= 0),
            escalation_rate TEXT NOT NULL DEFAULT '0',
            end_date TEXT,
            owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            notes TEXT,
            deleted_at TEXT,
            version INTEGER NOT NULL DEFAULT 1
        )
        """,
        "CREATE INDEX renewals_client_next ON renewals (client_id, next_renewal)",
        "CREATE INDEX renewals_client_name ON renewals (client_id, name)",
        "CREATE INDEX renewals_client_vendor ON renewals (client_id, vendor)",
        "CREATE INDEX renewals_owner ON renewals (owner_id)",
        """
        CREATE TABLE contracts (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            vendor TEXT,
            kind TEXT NOT NULL,
            start TEXT NOT NULL,
            "end" TEXT,
            amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
            period_months INTEGER NOT NULL DEFAULT 1 CHECK (period_months >= 0),
            auto_renew INTEGER NOT NULL DEFAULT 0,
            renewal_term_months INTEGER CHECK (renewal_term_months > 0),
            notice_days INTEGER NOT NULL DEFAULT 0 CHECK (notice_days >= 0),
            owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            notes TEXT,
            deleted_at TEXT,
            version INTEGER NOT NULL DEFAULT 1
        )
        """,
        'CREATE INDEX contracts_client_end ON contracts (client_id, "end")',
        "CREATE INDEX contracts_client_title ON contracts (client_id, title)",
        "CREATE INDEX contracts_client_vendor ON contracts (client_id, vendor)",
        "CREATE INDEX contracts_client_start ON contracts (client_id, start)",
        "CREATE INDEX contracts_owner ON contracts (owner_id)",
        """
        CREATE TABLE contract_assets (
            contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
            asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (contract_id, asset_id)
        )
        """,
        "CREATE INDEX contract_assets_asset ON contract_assets (asset_id)",
        """
        CREATE TABLE initiatives (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            category TEXT NOT NULL,
            priority TEXT NOT NULL DEFAULT 'medium',
            status TEXT NOT NULL DEFAULT 'proposed',
            start TEXT NOT NULL,
            "end" TEXT,
            one_time_cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (one_time_cost_cents >= 0),
            monthly_cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (monthly_cost_cents >= 0),
            goal TEXT,
            notes TEXT,
            deleted_at TEXT,
            version INTEGER NOT NULL DEFAULT 1
        )
        """,
        "CREATE INDEX initiatives_client_status ON initiatives (client_id, status)",
        "CREATE INDEX initiatives_client_start ON initiatives (client_id, start)",
        """
        CREATE TABLE initiative_assets (
            initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
            asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (initiative_id, asset_id)
        )
        """,
        "CREATE INDEX initiative_assets_asset ON initiative_assets (asset_id)",
        """
        CREATE TABLE initiative_roles (
            initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            raci TEXT NOT NULL CHECK (raci IN ('R', 'A', 'C', 'I')),
            position INTEGER NOT NULL,
            PRIMARY KEY (initiative_id, person_id, raci)
        )
        """,
        "CREATE INDEX initiative_roles_person ON initiative_roles (person_id)",
        """
        CREATE TABLE kpis (
            id INTEGER PRIMARY KEY,
            initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            unit TEXT,
            baseline TEXT,
            target TEXT NOT NULL,
            current TEXT,
            due TEXT
        )
        """,
        "CREATE INDEX kpis_initiative ON kpis (initiative_id, position)",
        # Every edit made through the app, with the row before and after (JSON):
        # what undo restores, and a record that nothing was lost.
        """
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            batch TEXT NOT NULL,
            at TEXT NOT NULL,
            client_id INTEGER REFERENCES clients(id) ON DELETE CASCADE,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            action TEXT NOT NULL,
            before TEXT,
            after TEXT,
            undone INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX history_batch ON history (batch)",
        "CREATE INDEX history_row ON history (table_name, row_id)",
    ],
    # 2: the roles catalogue (one per database, the defaults first; users add more)
    # and assignments of a person to a role for a client or one of its records.
    [
        """
        CREATE TABLE roles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            builtin INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        INSERT INTO roles (name, builtin) VALUES
            ('vCIO', 1), ('account manager', 1), ('technical lead', 1),
            ('client sponsor', 1), ('primary contact', 1), ('budget owner', 1)
        """,
        """
        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            role_id INTEGER NOT NULL REFERENCES roles(id),
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            initiative_id INTEGER REFERENCES initiatives(id) ON DELETE CASCADE,
            asset_id INTEGER REFERENCES assets(id) ON DELETE CASCADE,
            renewal_id INTEGER REFERENCES renewals(id) ON DELETE CASCADE,
            contract_id INTEGER REFERENCES contracts(id) ON DELETE CASCADE,
            deleted_at TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            CHECK ((initiative_id IS NOT NULL) + (asset_id IS NOT NULL)
                   + (renewal_id IS NOT NULL) + (contract_id IS NOT NULL) <= 1)
        )
        """,
        "CREATE INDEX assignments_client ON assignments (client_id)",
        "CREATE INDEX assignments_person ON assignments (person_id)",
        "CREATE INDEX assignments_role ON assignments (role_id)",
    ],
    # 3: how amounts are typed for a client: "." or "," as the decimal separator,
    # NULL until declared (then only amounts that read one way are taken).
    [
        "ALTER TABLE clients ADD COLUMN decimal_separator TEXT"
        " CHECK (decimal_separator IN ('.', ','))",
    ],
    # 4: the records not deleted, per client, for the client list's counts
    # (store/clients.py): read from these indexes alone, never from the tables' rows.
    [
        "CREATE INDEX assets_live_status ON assets (client_id, status) WHERE deleted_at IS NULL",
        "CREATE INDEX people_live ON people (client_id) WHERE deleted_at IS NULL",
        "CREATE INDEX renewals_live ON renewals (client_id) WHERE deleted_at IS NULL",
        "CREATE INDEX contracts_live ON contracts (client_id) WHERE deleted_at IS NULL",
        "CREATE INDEX initiatives_live ON initiatives (client_id) WHERE deleted_at IS NULL",
    ],
    # 5: the strategy above the roadmap and what was actually spent (docs/rules.md,
    # "Strategy, goals and actual spend"): a client's mission and vision (one row, only
    # once it has a strategy) and SWOT; its goals, which initiatives serve; an
    # initiative's delivery (day completed, actual one-time cost); KPI readings by day;
    # actual payments, each optionally for one record.
    [
        "ALTER TABLE initiatives ADD COLUMN completed_on TEXT",
        "ALTER TABLE initiatives ADD COLUMN actual_cost_cents INTEGER"
        " CHECK (actual_cost_cents >= 0)",
        """
        CREATE TABLE strategies (
            client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
            mission TEXT,
            vision TEXT,
            version INTEGER NOT NULL DEFAULT 1
        )
        """,
        """
        CREATE TABLE swot_items (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL
                CHECK (kind IN ('strength', 'weakness', 'opportunity', 'threat')),
            text TEXT NOT NULL
        )
        """,
        "CREATE INDEX swot_items_client ON swot_items (client_id, position)",
        """
        CREATE TABLE goals (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            title TEXT NOT NULL COLLATE NOCASE,
            horizon TEXT NOT NULL CHECK (horizon IN ('short', 'long')),
            target TEXT,
            owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            deleted_at TEXT,
            version INTEGER NOT NULL DEFAULT 1
        )
        """,
        "CREATE INDEX goals_client_title ON goals (client_id, title)",
        "CREATE INDEX goals_owner ON goals (owner_id)",
        """
        CREATE TABLE initiative_goals (
            initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
            goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (initiative_id, goal_id)
        )
        """,
        "CREATE INDEX initiative_goals_goal ON initiative_goals (goal_id)",
        """
        CREATE TABLE kpi_readings (
            kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (kpi_id, day)
        )
        """,
        """
        CREATE TABLE actuals (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
            line TEXT NOT NULL CHECK (line IN ('hardware', 'renewals', 'contracts',
                'initiatives_one_time', 'initiatives_recurring', 'other')),
            note TEXT,
            renewal_id INTEGER REFERENCES renewals(id) ON DELETE SET NULL,
            asset_id INTEGER REFERENCES assets(id) ON DELETE SET NULL,
            contract_id INTEGER REFERENCES contracts(id) ON DELETE SET NULL,
            initiative_id INTEGER REFERENCES initiatives(id) ON DELETE SET NULL,
            deleted_at TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            CHECK ((renewal_id IS NOT NULL) + (asset_id IS NOT NULL)
                   + (contract_id IS NOT NULL) + (initiative_id IS NOT NULL) <= 1)
        )
        """,
        "CREATE INDEX actuals_client_day ON actuals (client_id, day)",
    ],
]

#: The schema version this itroad writes and understands.
SCHEMA_VERSION = len(MIGRATIONS)
