"""Import a file: a CSV from Snipe-IT, Intune or any tool, checked, then imported.

The palette's "Import a file…" opens it. The user types the file's path and
chooses how to read it (the choices of ``itroad import``); ctrl+r (or Enter)
checks: a dry run that shows the first records as they will be read, every
problem, the columns not read and what the import would add or change. ctrl+s
imports once a check found no problem and nothing was changed since. Both read
the whole file in a thread worker with its own connection
(:mod:`itroad.tui.import_run`), a progress bar following the bytes read. Esc
closes; during an import it stops it, and as the import is one transaction
nothing is written. After an import the workspace reads the database again
(:class:`~itroad.tui.messages.RecordsChanged`), client list included.

What the file holds is shown literally: cells are ``Text``, the rest ``Content``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message_pump import MessagePump
from textual.widgets import DataTable, Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from itroad.domain.errors import ItroadError
from itroad.domain.incoming import RECORD_KINDS
from itroad.interchange.import_choices import SNIPEIT_KINDS, ImportChoices, SourceName
from itroad.store import ClientSummary
from itroad.tui.cells import clean
from itroad.tui.forms import BoolField, FormField, SelectField, TextField
from itroad.tui.import_run import (
    DELIMITER_CHOICES,
    SOURCES,
    ImportOutcome,
    ImportStopped,
    Progress,
    outcome_text,
    preview_table,
    ready_sentence,
    run_import,
)
from itroad.tui.messages import RecordsChanged
from itroad.tui.widgets.dialog import Dialog

KEYS_HINT = "ctrl+r check · ctrl+s import · Esc close"
RUNNING_HINT = "Esc stops the import: nothing is written"
#: The least time between two updates of the progress bar.
PROGRESS_SECONDS = 0.1


class ImportScreen(Dialog[None]):
    """The Import screen: choices, a check, the import; ``changed`` hears of writes."""

    DEFAULT_CSS = """
    ImportScreen > .dialog--frame {
        width: 80;
        height: 100%;
        max-height: 40;
    }
    ImportScreen .import-row {
        height: auto;
    }
    ImportScreen .import-row FormField {
        width: auto;
        margin: 0 2 0 0;
    }
    ImportScreen .import-row FormField > .form-field--row {
        width: auto;
    }
    ImportScreen .import-row FormField .form-field--label {
        width: auto;
    }
    ImportScreen .import-row FormField .form-field--control {
        width: auto;
    }
    ImportScreen #import-path-label {
        width: 9;
        color: $text-muted;
    }
    ImportScreen #import-path {
        width: 1fr;
    }
    ImportScreen .import-row SelectCurrent Static#label {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ImportScreen #field-source Select { width: 12; }
    ImportScreen #field-snipeit_kind Select, ImportScreen #field-csv_kind Select { width: 13; }
    ImportScreen #field-client Select { width: 28; }
    ImportScreen #field-date_order Select { width: 12; }
    ImportScreen #field-delimiter Select { width: 15; }
    ImportScreen #field-encoding Input { width: 10; }
    ImportScreen #field-mapping Input { width: 18; }
    ImportScreen #field-client, ImportScreen #field-delimiter, ImportScreen #field-mapping,
    ImportScreen #field-personal {
        margin: 0;
    }
    ImportScreen #import-status-row {
        height: 1;
        margin: 1 0 0 0;
    }
    ImportScreen #import-status {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ImportScreen #import-status.-error { color: $text-error; }
    ImportScreen #import-status.-ok { color: $text-success; }
    ImportScreen #import-progress { width: auto; display: none; }
    ImportScreen.-running #import-progress { display: block; }
    ImportScreen #import-preview {
        height: auto;
        max-height: 6;
        display: none;
    }
    ImportScreen #import-preview.-shown { display: block; }
    ImportScreen #import-log {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", tooltip="Close (during an import: stop it, nothing written)"),
        Binding("ctrl+r", "check", "Check", tooltip="Read the file and show what an import would do"),
        Binding("ctrl+s", "import", "Import", tooltip="Import the checked file"),
    ]

    def __init__(self, db_path: Path, as_of: date, clients: Sequence[ClientSummary],
                 current: str | None = None, *, changed: MessagePump | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.as_of = as_of
        self.clients = list(clients)
        self.current = current
        #: Who is told of a write (the workspace), with RecordsChanged.
        self.changed = changed
        #: The choices of the last check that found nothing in the way, and its outcome.
        self.checked: ImportChoices | None = None
        self.outcome: ImportOutcome | None = None
        #: What is running: None, "check" or "import".
        self.running: str | None = None
        self._stop = threading.Event()

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        client_choices = [(f"{c.code} · {' '.join(c.name.split())}", c.code) for c in self.clients]
        with self.frame("Import a file", KEYS_HINT, id="import-frame"):
            with Horizontal(classes="import-row"):
                yield Label("File", id="import-path-label")
                yield Input(placeholder="path of the CSV file (~ is your home folder)",
                            id="import-path", compact=True, select_on_focus=False)
            with Horizontal(classes="import-row"):
                yield SelectField("source", "Source", [(t, k) for k, t in SOURCES.items()],
                                  allow_blank=False)
                yield SelectField("snipeit_kind", "Kind", [(k, k) for k in SNIPEIT_KINDS],
                                  blank_label="auto")
                yield SelectField("csv_kind", "Kind", [(k, k) for k in RECORD_KINDS],
                                  blank_label="mapping's")
                yield SelectField("client", "Client", client_choices,
                                  blank_label="(from the file)")
            with Horizontal(classes="import-row"):
                yield SelectField("date_order", "Dates", [("M/D/Y", "mdy"), ("D/M/Y", "dmy")],
                                  blank_label="default")
                yield BoolField("decimal_comma", "", text="Decimal comma")
                yield SelectField("delimiter", "Delimiter", DELIMITER_CHOICES, blank_label="auto")
            with Horizontal(classes="import-row"):
                yield TextField("encoding", "Encoding", placeholder="utf-8")
                yield TextField("mapping", "Mapping", placeholder="name or .toml path")
            with Horizontal(classes="import-row"):
                yield BoolField("enrolled", "", text="Enrollment as purchase")
                yield BoolField("personal", "", text="Personal devices too")
            with Horizontal(id="import-status-row"):
                yield Static(Content("Type a path, then ctrl+r to check the file."),
                             id="import-status", markup=False)
                yield ProgressBar(id="import-progress", show_eta=False)
            yield DataTable(id="import-preview", cursor_type="none", show_cursor=False)
            with VerticalScroll(id="import-log"):
                yield Static("", id="import-details", markup=False)

    def on_mount(self) -> None:
        self.field("csv_kind").write("assets")
        if self.current is not None and any(c.code == self.current for c in self.clients):
            self.field("client").write(self.current)
        self._source_changed()
        self.query_one("#import-path", Input).focus()

    def field(self, name: str) -> FormField:
        return self.query_one(f"#field-{name}", FormField)

    def choices(self) -> ImportChoices:
        """What the fields say."""
        source = self.source
        kind = self.field("snipeit_kind" if source == "snipeit" else "csv_kind").read()
        return ImportChoices(
            path=self.query_one("#import-path", Input).value,
            source=source,
            kind=kind if source != "intune" else None,
            client=self.field("client").read(),
            date_order=self.field("date_order").read(),
            decimal_comma=True if self.field("decimal_comma").read() else None,
            encoding=self.field("encoding").read() or "",
            delimiter=self.field("delimiter").read(),
            mapping=(self.field("mapping").read() or "") if source != "snipeit" else "",
            enrolled_as_purchased=source == "intune" and bool(self.field("enrolled").read()),
            include_personal=source == "intune" and bool(self.field("personal").read()),
        )

    @property
    def source(self) -> SourceName:
        """The source chosen."""
        chosen = self.field("source").read()
        return next((name for name in SOURCES if name == chosen), "snipeit")

    def _source_changed(self) -> None:
        source = self.source
        self.field("snipeit_kind").display = source == "snipeit"
        self.field("csv_kind").display = source == "csv"
        self.field("mapping").display = source != "snipeit"
        self.field("enrolled").display = source == "intune"
        self.field("personal").display = source == "intune"

    @on(FormField.Changed)
    def _field_changed(self, event: FormField.Changed) -> None:
        if event.field.field_name == "source":
            self._source_changed()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_check()

    # ------------------------------------------------------------------ showing

    def say(self, text: str, kind: str | None = None) -> None:
        """One sentence on the status line (``kind``: ``-error`` or ``-ok``), literal: an
        error's text may hold a path or a value of the file."""
        status = self.query_one("#import-status", Static)
        status.update(Content(clean(text)))
        status.set_class(kind == "-error", "-error")
        status.set_class(kind == "-ok", "-ok")

    @property
    def status(self) -> str:
        """The status line's sentence."""
        return str(self.query_one("#import-status", Static).content)

    @property
    def details(self) -> str:
        """What the log below the preview says (problems, columns, report)."""
        return str(self.query_one("#import-details", Static).content)

    def _show_outcome(self, outcome: ImportOutcome, with_client: bool) -> None:
        table = self.query_one("#import-preview", DataTable)
        table.clear(columns=True)
        if outcome.preview:
            headings, rows = preview_table(outcome, with_client=with_client)
            table.add_columns(*(Text(heading) for heading in headings))
            for row in rows:
                table.add_row(*row)
        table.set_class(bool(outcome.preview), "-shown")
        self.query_one("#import-details", Static).update(outcome_text(outcome))
        self.query_one("#import-log", VerticalScroll).scroll_home(animate=False)

    def _clear(self) -> None:
        table = self.query_one("#import-preview", DataTable)
        table.clear(columns=True)
        table.remove_class("-shown")
        self.query_one("#import-details", Static).update("")

    # ------------------------------------------------------------------ actions

    def action_check(self) -> None:
        if self.running is not None:
            return
        self._start("check", self.choices())

    def action_import(self) -> None:
        if self.running == "import":
            return
        if self.running == "check":
            self.say("Wait for the check to finish, then ctrl+s imports.", "-error")
            return
        choices = self.choices()
        if self.outcome is not None and not self.outcome.dry_run and self.checked is None:
            self.say("Imported already: ctrl+r checks the file again before another import.",
                     "-error")
            return
        if self.checked is None or self.outcome is None:
            self.say("Check the file first (ctrl+r): an import needs a check without problems.",
                     "-error")
            return
        if self.checked != choices:
            self.say("The choices changed since the check: check again (ctrl+r).", "-error")
            return
        self._start("import", choices)

    def action_cancel(self) -> None:
        if self.running == "import":
            self._stop.set()
            self.say("Stopping the import…")
            return
        self._stop.set()
        self.dismiss(None)

    def _start(self, what: str, choices: ImportChoices) -> None:
        self.running = what
        self._stop.clear()
        if what == "check":
            self.checked = None
            self.outcome = None
            self._clear()
        self.add_class("-running")
        self.query_one("#import-progress", ProgressBar).update(total=None, progress=0)
        self.say("Checking the file…" if what == "check" else "Importing…")
        frame = self.query_one("#import-frame")
        frame.border_subtitle = Content(RUNNING_HINT if what == "import" else KEYS_HINT)
        self._run(what, choices)

    @work(thread=True, exclusive=True, group="import", name="import file", exit_on_error=False)
    def _run(self, what: str, choices: ImportChoices) -> None:
        worker = get_current_worker()

        def stop() -> bool:
            return self._stop.is_set() or worker.is_cancelled

        shown = [0.0]

        def progress(step: Progress) -> None:
            now = time.monotonic()
            if now - shown[0] >= PROGRESS_SECONDS:
                shown[0] = now
                self.app.call_from_thread(self._progress, what, step)

        try:
            outcome = run_import(self.db_path, choices, as_of=self.as_of,
                                 dry_run=what == "check", progress=progress, stop=stop)
        except ImportStopped:
            self.app.call_from_thread(self._finished, what, choices, None,
                                      "Stopped: nothing was written.")
        except ItroadError as error:
            self.app.call_from_thread(self._finished, what, choices, None, str(error))
        except Exception as error:  # noqa: BLE001 - shown to the user, the app keeps running
            self.app.call_from_thread(self._finished, what, choices, None,
                                      f"Could not import {choices.file}: {error}")
        else:
            self.app.call_from_thread(self._finished, what, choices, outcome, None)

    def _progress(self, what: str, step: Progress) -> None:
        if not self.is_attached:
            return
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=max(step.total_bytes, 1), progress=step.bytes_read)
        verb = "Checking" if what == "check" else "Importing"
        self.say(f"{verb}: {step.records:,} record{'' if step.records == 1 else 's'} read…")

    def _finished(self, what: str, choices: ImportChoices, outcome: ImportOutcome | None,
                  error: str | None) -> None:
        self.running = None
        if not self.is_attached:
            return
        self.remove_class("-running")
        self.query_one("#import-frame").border_subtitle = Content(KEYS_HINT)
        if outcome is None:
            self.say(error or "Stopped.", "-error")
            return
        self.outcome = outcome
        self._show_outcome(outcome, with_client=choices.client is None)
        sentence, good = ready_sentence(outcome)
        self.say(sentence, "-ok" if good else "-error")
        self.checked = choices if what == "check" and outcome.ok else None
        if what == "import" and outcome.ok and self.changed is not None:
            self.changed.post_message(RecordsChanged())
