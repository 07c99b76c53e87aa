"""A table that reads its rows from SQLite a page at a time, as the user scrolls.

Textual's stock DataTable measures every cell of every row up front (18 s to
first paint at 100,000 rows). This one is a Line-API :class:`ScrollView`: it
knows only how many rows a query matches, renders just the lines on screen,
and fetches missing pages of 100 rows as they come into view. Opening a client
with 100 assets or 100,000 costs the same.

The table shows a :class:`~itroad.tui.widgets.page_source.PageSource` (how many rows, a page of them, where a row
is), built by the pane that owns it; the table never opens a database itself.
Every read goes to the table's own reader thread
(:class:`~itroad.tui.page_reader.PageThread`: one thread and one read-only
connection the source opens there at the first read, closed when the table is
unmounted), and the table waits for it in an async worker on the UI thread. Each
:meth:`PagedTable.show` is a new generation: reads asked for an older one are
dropped before they run, or interrupted if running, so typing a filter fast never
queues queries; what an older generation brings anyway is thrown away. The pane
turns each row (a dict) into cells with ``render_row``. Sorting and filtering are
the pane's business: it builds a new source and calls :meth:`PagedTable.show`.

Marks (``toggle_mark``, ``set_marks``) are row ids, so they survive sorting and
filtering. ``empty_text`` is what the body says when the query matches nothing.

Column widths come from the content and the screen
(:func:`~itroad.tui.widgets.table_columns.fit_widths`): the cells
of a query's first page, then of every line as it is first drawn, set how wide a
column wants to be (measuring costs no extra rendering); a column never narrows
while the same query is scrolled, only when the query changes or the table is resized.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from functools import partial
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from itroad.tui.keys import row_keys, sideways_keys
from itroad.tui.page_reader import Obsolete, PageThread
from itroad.tui.widgets.page_source import PageReader, PageSource, Row
from itroad.tui.widgets.table_columns import MARK_WIDTH, TableColumn, fit_widths, line_width

PAGE_SIZE = 100
CACHED_PAGES = 60
CACHED_LINES = 400

#: What a query's first read brings: the row count, the cursor's row, the index of
#: its page and that page.
FirstRead = tuple[int, int, int, list[Row]]


def _first_read(keep_row_id: int | None, fallback: int, reader: PageReader) -> FirstRead:
    """The count, where the cursor goes (``keep_row_id``'s row, else ``fallback``) and
    its page (in the reader thread)."""
    count = reader.count()
    position = reader.position(keep_row_id) if keep_row_id is not None else None
    if position is None:
        position = fallback
    target = max(0, min(position, count - 1))
    page_index = target // PAGE_SIZE
    return count, target, page_index, reader.page(page_index * PAGE_SIZE, PAGE_SIZE)


def _page_read(page_index: int, reader: PageReader) -> list[Row]:
    return reader.page(page_index * PAGE_SIZE, PAGE_SIZE)


class _TableMessage(Message):
    """A message from a :class:`PagedTable` (``control`` is the table)."""

    def __init__(self, table: PagedTable) -> None:
        super().__init__()
        self.table = table

    @property
    def control(self) -> PagedTable:
        return self.table


class PagedTable(ScrollView, can_focus=True):
    """Rows of a query, paged from SQLite; a fixed header, a row cursor and marks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *row_keys(up="cursor_up", down="cursor_down", page_up="page_up", page_down="page_down",
                  first="first", last="last"),
        *sideways_keys(left="scroll_left", right="scroll_right"),
        Binding("enter", "select", "Open", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paged-table--header",
        "paged-table--cursor",
        "paged-table--even-row",
        "paged-table--marked",
        "paged-table--placeholder",
        "paged-table--empty",
    }

    DEFAULT_CSS = """
    PagedTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        scrollbar-size-vertical: 1;
        & > .paged-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .paged-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .paged-table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .paged-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .paged-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .paged-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .paged-table--marked {
            color: $text-accent;
            text-style: bold;
        }
        & > .paged-table--placeholder {
            color: $text-muted;
        }
        & > .paged-table--empty {
            color: $text-muted;
            text-style: italic;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class CursorMoved(_TableMessage):
        """The cursor is on another row (or the rows under it changed)."""

        def __init__(self, table: PagedTable, row: Row | None) -> None:
            super().__init__(table)
            self.row = row

    class Selected(_TableMessage):
        """Enter (or a click on the cursor row) on a row."""

        def __init__(self, table: PagedTable, row: Row) -> None:
            super().__init__(table)
            self.row = row

    class SortRequested(_TableMessage):
        """A click on a sortable column header."""

        def __init__(self, table: PagedTable, sort_key: str) -> None:
            super().__init__(table)
            self.sort_key = sort_key

    class Loaded(_TableMessage):
        """A query's first page arrived: ``count`` rows match it."""

        def __init__(self, table: PagedTable, count: int) -> None:
            super().__init__(table)
            self.count = count

    def __init__(
        self,
        columns: Sequence[TableColumn],
        render_row: Callable[[Row], Sequence[Text]],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = tuple(columns)
        self.render_row = render_row
        self.source: PageSource | None = None
        self.row_count = 0
        self.marks: set[int] = set()
        self.sort_key: str | None = None
        self.descending = False
        #: What the body says when the query matches no row.
        self.empty_text = "Nothing to show."
        #: True once the current query's first page has arrived.
        self.loaded = False
        self._generation = 0
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._pending: set[int] = set()
        self._lines: OrderedDict[int, Sequence[Text]] = OrderedDict()
        self._strips: OrderedDict[tuple[Any, ...], Strip] = OrderedDict()
        #: The widest cell of each column among the rows measured for this query.
        self._content = [0] * len(self.columns)
        #: Each column's width on screen now (see :func:`fit_widths`).
        self.widths = [c.width for c in self.columns]
        self._width = line_width(self.widths)
        self._widen_pending = False
        #: The sort the header was last drawn with, by a first page's arrival.
        self._header_shows: tuple[str | None, bool] | None = None
        self._reader = self._new_reader()

    def _new_reader(self) -> PageThread:
        return PageThread(f"page-reader-{self.id or 'table'}")

    @property
    def reader(self) -> PageThread:
        """The thread reading this table's rows (tests and figures)."""
        return self._reader

    def on_mount(self) -> None:
        if self._reader.closed:  # mounted again after an unmount
            self._reader = self._new_reader()

    def on_unmount(self) -> None:
        self._reader.close()

    # -- loading -------------------------------------------------------------

    def show(
        self,
        source: PageSource,
        *,
        keep_row_id: int | None = None,
        fallback_row: int | None = None,
    ) -> None:
        """Show a source's rows; the cursor stays on ``keep_row_id`` when it still is
        among them, else goes to ``fallback_row`` (None: stays at the same position)."""
        self._use(source)
        fallback = self.cursor_row if fallback_row is None else fallback_row
        future = self._reader.submit(self._generation, source, partial(_first_read, keep_row_id, fallback))
        self._load_first(self._generation, future)

    def preload(self, source: PageSource, count: int, first_page: Sequence[Row]) -> None:
        """Show a source whose row count and first page were read already (say, with
        the rest of a screen's data): no trip to the database, the cursor on top."""
        self._use(source)
        self._first_loaded(self._generation, count, 0, 0, list(first_page))

    def _use(self, source: PageSource) -> None:
        self.source = source
        self.sort_key = source.sort_key
        self.descending = source.descending
        self._generation += 1
        self._pending.clear()

    def reload(self) -> None:
        """Read the same rows again (after an edit), keeping the cursor's row."""
        if self.source is not None:
            current = self.cursor_data
            self.show(self.source, keep_row_id=current["id"] if current else None)

    @work(group="paged-table-load", exclusive=True)
    async def _load_first(self, generation: int, future: Future[FirstRead]) -> None:
        """Wait for the reader thread's first read of a query (no thread of its own)."""
        try:
            count, target, page_index, page = await asyncio.wrap_future(future)
        except Obsolete:
            return
        self._first_loaded(generation, count, target, page_index, page)

    def _first_loaded(self, generation: int, count: int, cursor: int, page_index: int, page: list[Row]) -> None:
        if generation != self._generation:
            return
        before = self._on_screen()
        self._pages.clear()
        self._lines.clear()
        self._strips.clear()
        self._pages[page_index] = page
        self.row_count = count
        self.loaded = True
        self._content = [0] * len(self.columns)
        self._measure(page_index, page)
        self.widths = self._fit()
        self._width = line_width(self.widths)
        self.virtual_size = Size(self._width, count + 1)
        self.cursor_row = min(cursor, max(count - 1, 0))
        scrolled = self._scroll_cursor_into_view(center=True)
        after = self._on_screen()
        if scrolled or before is None or after is None or before[0] != after[0]:
            self.refresh()
        else:  # the same layout: only the lines whose row changed (a thin link feels each byte)
            if self._header_shows != (self.sort_key, self.descending):
                self.refresh(Region(0, 0, self.size.width, 1))
            for y, (was, now) in enumerate(zip(before[1], after[1], strict=True), start=1):
                if was != now:
                    self.refresh_line(self.scroll_offset.y + y)
        self._header_shows = (self.sort_key, self.descending)
        self.post_message(self.Loaded(self, count))

    def _on_screen(self) -> tuple[tuple[Any, ...], list[Row | None]] | None:
        """What the body shows now: its layout, and the row (in memory) on each line.

        None before a first page, or with no rows (the body then says ``empty_text``).
        """
        if not self.loaded or not self.row_count:
            return None
        top = self.scroll_offset.y
        rows = []
        for index in range(top, top + self._body_height):
            page = self._pages.get(index // PAGE_SIZE) if index < self.row_count else None
            offset = index % PAGE_SIZE
            rows.append(page[offset] if page is not None and offset < len(page) else None)
        layout = (tuple(self.widths), self.scroll_offset, self.cursor_row, self.size, self.virtual_size)
        return layout, rows

    @work(group="paged-table-page")
    async def _load_page(self, generation: int, page_index: int, future: Future[list[Row]]) -> None:
        try:
            page = await asyncio.wrap_future(future)
        except Obsolete:
            return
        self._page_loaded(generation, page_index, page)

    def _page_loaded(self, generation: int, page_index: int, page: list[Row]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page_index)
        self._pages[page_index] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        self.refresh()
        if self.cursor_row // PAGE_SIZE == page_index:
            self.post_message(self.CursorMoved(self, self.cursor_data))

    # -- widths --------------------------------------------------------------

    def _measure(self, page_index: int, page: list[Row]) -> None:
        """Render a query's first page (kept for drawing it) and note its widest cells."""
        first = page_index * PAGE_SIZE
        for offset, row in enumerate(page):
            cells = self.render_row(row)
            self._lines[first + offset] = cells
            self._note(cells)
        while len(self._lines) > CACHED_LINES:
            self._lines.popitem(last=False)

    def _note(self, cells: Sequence[Text]) -> bool:
        """Note the widths of a line's cells; returns whether a column now wants to be
        wider than it is."""
        content, widths = self._content, self.widths
        wider = False
        for index, cell in enumerate(cells[: len(content)]):
            width = cell.cell_len
            if width > content[index]:
                content[index] = width
                wider = wider or width > widths[index]
        return wider

    def _widen(self) -> None:
        """Widen the columns that want it; none narrows (no jumping about while the
        user scrolls)."""
        self._widen_pending = False
        self._set_widths([max(old, new) for old, new in zip(self.widths, self._fit())])

    def _available(self) -> int:
        """Cells across for the columns: the width, less a vertical scrollbar."""
        width = self.size.width
        if self.row_count + 1 > self.size.height:
            width -= self.styles.scrollbar_size_vertical
        return max(width, 0)

    def _fit(self) -> list[int]:
        headers = [self._label(column).cell_len for column in self.columns]
        return fit_widths(self.columns, headers, self._content, self._available())

    def _set_widths(self, widths: list[int]) -> None:
        if widths == self.widths:
            return
        self.widths = widths
        self._width = line_width(widths)
        self._strips.clear()
        self.virtual_size = Size(self._width, self.row_count + 1)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._set_widths(self._fit())

    def row_at(self, index: int) -> Row | None:
        """The row at ``index`` when its page is in memory; else asks for the page."""
        if not 0 <= index < self.row_count:
            return None
        page_index = index // PAGE_SIZE
        page = self._pages.get(page_index)
        if page is None:
            if page_index not in self._pending and self.source is not None:
                self._pending.add(page_index)
                future = self._reader.submit(self._generation, self.source, partial(_page_read, page_index))
                self._load_page(self._generation, page_index, future)
            return None
        self._pages.move_to_end(page_index)
        offset = index % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    @property
    def cursor_data(self) -> Row | None:
        return self.row_at(self.cursor_row)

    def loaded_rows(self) -> list[Row]:
        """The rows in memory, in order, from the first one (tests and small tables)."""
        rows = []
        for index in range(self.row_count):
            page = self._pages.get(index // PAGE_SIZE)
            if page is None or index % PAGE_SIZE >= len(page):
                break
            rows.append(page[index % PAGE_SIZE])
        return rows

    def cells(self, index: int) -> Sequence[Text] | None:
        """The rendered cells of row ``index`` (None while its page is loading)."""
        cached = self._lines.get(index)
        if cached is not None:
            self._lines.move_to_end(index)
            return cached
        row = self.row_at(index)
        if row is None:
            return None
        cells = self.render_row(row)
        self._lines[index] = cells
        while len(self._lines) > CACHED_LINES:
            self._lines.popitem(last=False)
        if self._note(cells) and not self._widen_pending:
            self._widen_pending = True
            self.call_after_refresh(self._widen)
        return cells

    # -- rendering -----------------------------------------------------------

    def _cells(self, cells: Sequence[Text], marked: bool) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        mark_style = self.get_component_rich_style("paged-table--marked") if marked else ""
        line.append("● " if marked else "  ", style=mark_style)
        for column, width, cell in zip(self.columns, self.widths, cells):
            cell = cell.copy()
            cell.truncate(width, overflow="ellipsis")
            if column.justify == "right":
                line.append(" " * (width - cell.cell_len))
                line.append_text(cell)
            else:
                line.append_text(cell)
                line.append(" " * (width - cell.cell_len))
            line.append(" ")
        return line

    def _label(self, column: TableColumn) -> Text:
        """A column's header: its label, and an arrow when the rows are sorted by it."""
        if column.sort_key and column.sort_key == self.sort_key:
            return Text(f"{column.label} {'▼' if self.descending else '▲'}")
        return Text(column.label)

    def _header(self) -> Text:
        return self._cells([self._label(column) for column in self.columns], False)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("paged-table--header")
            return self._strip(self._header(), style, scroll_x, width)
        index = scroll_y + y - 1
        if index >= self.row_count:
            if index == 0 and self.loaded and self.empty_text:
                text = Text("  " + self.empty_text, style=self.get_component_rich_style("paged-table--empty"))
                return self._strip(text, base, 0, width)
            return Strip.blank(width, base)
        row = self.row_at(index)
        cursor = index == self.cursor_row
        marked = row is not None and row.get("id") in self.marks
        key = (index, marked, cursor, cursor and self.has_focus, scroll_x, width)
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        style = base
        if index % 2:
            style += self.get_component_rich_style("paged-table--even-row")
        cells = self.cells(index) if row is not None else None
        if row is None or cells is None:
            placeholder = Text("  …", style=self.get_component_rich_style("paged-table--placeholder"))
            text = placeholder
        else:
            text = self._cells(cells, marked)
        if cursor:
            style += self.get_component_rich_style("paged-table--cursor")
            text.stylize(self.get_component_rich_style("paged-table--cursor"))
        strip = self._strip(text, style, scroll_x, width)
        if cells is not None:
            self._strips[key] = strip
            while len(self._strips) > CACHED_LINES:
                self._strips.popitem(last=False)
        return strip

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def on_focus(self, event: events.Focus) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._strips.clear()
        self.refresh()

    def _strip(self, text: Text, style: Style, scroll_x: int, width: int) -> Strip:
        segments = [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console)
        ]
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, style)

    # -- cursor and scrolling ------------------------------------------------

    @property
    def _body_height(self) -> int:
        """Rows on screen: the height without the header and a horizontal scrollbar."""
        return max(1, self.scrollable_content_region.height - 1)

    def watch_cursor_row(self, old: int, new: int) -> None:
        if self._scroll_cursor_into_view():
            self.refresh()
        else:  # only the two rows whose look changed
            self.refresh_line(old + 1)
            self.refresh_line(new + 1)
        self.post_message(self.CursorMoved(self, self.cursor_data))

    def _scroll_cursor_into_view(self, center: bool = False) -> bool:
        """Scroll so that the cursor's row is on screen; returns whether it scrolled."""
        top = round(self.scroll_y)
        height = self._body_height
        if center and not top <= self.cursor_row < top + height:
            y = max(0, self.cursor_row - height // 2)
        elif self.cursor_row < top:
            y = self.cursor_row
        elif self.cursor_row >= top + height:
            y = self.cursor_row - height + 1
        else:
            return False
        self.scroll_to(y=y, animate=False, immediate=True)
        return True

    def move_cursor(self, index: int) -> None:
        if self.row_count:
            self.cursor_row = max(0, min(index, self.row_count - 1))

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._body_height)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._body_height)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.row_count - 1)

    def action_select(self) -> None:
        row = self.cursor_data
        if row is not None:
            self.post_message(self.Selected(self, row))

    def toggle_mark(self) -> bool:
        """Mark or unmark the cursor's row; returns whether it is now marked."""
        row = self.cursor_data
        if row is None:
            return False
        marked = row["id"] not in self.marks
        (self.marks.add if marked else self.marks.discard)(row["id"])
        self.refresh()
        return marked

    def clear_marks(self) -> None:
        self.marks.clear()
        self.refresh()

    def set_marks(self, ids: Iterable[int]) -> None:
        self.marks = set(ids)
        self.refresh()

    def column_at(self, x: int) -> TableColumn | None:
        position = MARK_WIDTH
        for column, width in zip(self.columns, self.widths):
            if position <= x < position + width + 1:
                return column
            position += width + 1
        return None

    def on_click(self, event: events.Click) -> None:
        x = event.x + round(self.scroll_x)
        if event.y == 0:
            column = self.column_at(x)
            if column is not None and column.sort_key:
                self.post_message(self.SortRequested(self, column.sort_key))
            return
        index = round(self.scroll_y) + event.y - 1
        if 0 <= index < self.row_count:
            if index == self.cursor_row and event.chain > 1:
                self.action_select()
            self.cursor_row = index
