"""Planning results laid out for people and programs: one place renders them.

The figures come from :mod:`itroad.planning` (rules and dataclasses only); this
package turns them into what the CLI prints, and what later reports will print:

- :mod:`itroad.output.json`      the ``--json`` documents (plain dicts, amounts as strings)
- :mod:`itroad.output.forecast`  a forecast as Rich tables, notes and CSV
- :mod:`itroad.output.due`       the due list as a Rich table
- :mod:`itroad.output.roadmap`   the roadmap as Rich tables
- :mod:`itroad.output.text`      plain text: KPI progress bars and figures

It sits above the pure core and beside the store and the interchange (docs/architecture.md,
"The layers"): it reads no file, opens no database and writes nothing itself.
"""
