"""Progress on long imports: Rich's bar on stderr when it is a terminal, else nothing.

The bar moves by the bytes of the file read (so the time left is honest however
long the records are) and says how many records that was, and how many a second.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Protocol, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

#: The bar is redrawn at most this often, in records (and Rich's own refresh rate).
EVERY = 200


class Sheet(Protocol):
    @property
    def bytes_read(self) -> int: ...

    @property
    def total_bytes(self) -> int: ...


class Measured(Protocol[T_co]):
    """What a progress bar needs of a source being read: its items, its file, and the
    records so far."""

    def __iter__(self) -> Iterator[T_co]: ...

    @property
    def sheet(self) -> Sheet: ...

    @property
    def records(self) -> int: ...


class RecordsColumn(ProgressColumn):
    """``12,400 records, 8,210/s``."""

    def render(self, task: Task) -> Text:
        records = int(task.fields.get("records", 0))
        elapsed = task.elapsed or 0.0
        rate = f", {records / elapsed:,.0f}/s" if elapsed > 0.5 else ""
        return Text(f"{records:,} records{rate}", style="progress.data.speed")


def shows_progress() -> bool:
    """Whether stderr is a terminal a bar can be drawn on."""
    stream = sys.stderr
    return stream is not None and stream.isatty()


def with_progress(source: Measured[T], label: str) -> Iterator[T]:
    """``source``'s items unchanged, drawing a bar on stderr while they are read (when it
    is a terminal)."""
    if not shows_progress():
        yield from source
        return
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}", markup=False), BarColumn(),
               TextColumn("{task.percentage:>3.0f}%"),
               RecordsColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        sheet = source.sheet
        task = progress.add_task(label, total=None, records=0)  # the size: once it is open
        count = 0
        for item in source:
            count += 1
            if count % EVERY == 0:
                progress.update(task, total=max(sheet.total_bytes, 1),
                                completed=sheet.bytes_read, records=source.records)
            yield item
        progress.update(task, total=max(sheet.total_bytes, 1), completed=sheet.total_bytes,
                        records=source.records)
