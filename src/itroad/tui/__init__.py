"""The Textual app: one workspace screen with a tab per kind of record.

Layout (docs/architecture.md): :mod:`itroad.tui.app` is wiring only and holds
:func:`~itroad.tui.app.build_app`, the factory the CLI and the tests share;
``screens/`` holds whole screens, ``panes/`` one module per tab, ``widgets/``
the reusable pieces. Reading the database happens in thread workers
(:mod:`itroad.tui.data`), each with its own read-only connection.
"""
