"""The store commands' tables: no word split in two, whatever the width; text made safe.

rich squeezes a table that is too wide by cutting its widest columns down, through the middle
of words ("Brigh/twell/Healt/h", "Conversatio/ns"), on an 80-column terminal and whenever the
output is piped. ``Grid`` sizes the columns itself before rich sees them:

1. each column needs its longest word (the whole cell in a ``no_wrap`` column, such as a date);
2. when the needs add up to more than the width, the ``optional`` columns go, in the order
   given, and a dim line says which;
3. the columns then share the width, the widest giving up room first, never below their need,
   so text wraps at spaces only;
4. only when even the required columns cannot fit does a word get cut, with an ellipsis.

Every cell is ``Text`` made with ``text_safety.safe_text``: never markup (a name such as
``[link=...]`` shows as written) and never a control character.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from twoway.report.text_safety import safe_text

# Columns whose cells are one unit (dates, ids, states): never wrapped, cut last.
NO_WRAP = frozenset(
    {"Id", "Date", "Due", "Last contact", "Next follow-up", "Status", "Score", "Rows"}
)
ELLIPSIS_MIN = 4  # a squeezed column keeps room for at least "Abc…"


def as_text(value: str | Text) -> Text:
    """A cell as ``Text``: plain strings made safe; ``Text`` made here is kept with its style."""
    if isinstance(value, Text):
        clean = safe_text(value.plain)
        return value if clean == value.plain else Text(clean, style=value.style)
    return Text(safe_text(value))


@dataclass
class Grid:
    """A table to print with ``console.print(grid)``: columns by name, rows of cells.

    >>> grid = Grid(("Name", "Company"), optional=("Company",))
    >>> grid.add_row("Dana Lee", "Brightwell Health")
    """

    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()
    no_wrap: frozenset[str] = NO_WRAP
    rows: list[list[Text]] = field(default_factory=list)

    def add_row(self, *cells: str | Text) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        self.rows.append([as_text(c) for c in cells])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        shown = list(range(len(self.columns)))
        hidden: list[str] = []
        width = options.max_width
        drop = [self.columns.index(name) for name in self.optional if name in self.columns]
        while self._needed(console, options, shown) > width and drop:
            index = drop.pop(0)
            shown.remove(index)
            hidden.append(self.columns[index].lower())
        yield self._table(console, options, shown, width)
        if hidden:
            yield Text(f"(hidden at this width: {', '.join(hidden)})", style="dim")

    # -- sizing ----------------------------------------------------------------------------

    def _cells(self, index: int) -> Iterable[Text]:
        yield Text(self.columns[index])
        for row in self.rows:
            yield row[index]

    def _need(self, index: int) -> int:
        """The narrowest the column can be without cutting a word (or a no-wrap cell)."""
        whole = self.columns[index] in self.no_wrap
        need = 1
        for cell in self._cells(index):
            for line in cell.plain.splitlines() or [""]:
                parts = [line] if whole else line.split()
                need = max(need, *(cell_len(p) for p in parts), 1)
        return need

    def _longest(self, index: int) -> int:
        return max(
            max((cell_len(line) for line in c.plain.splitlines()), default=0)
            for c in self._cells(index)
        )

    def _extra(self, console: Console, options: ConsoleOptions, shown: Sequence[int]) -> int:
        """Padding and separators: the table's width with every column one cell wide, less
        one per column."""
        probe = self._empty_table(shown, [1] * len(shown))
        return Measurement.get(console, options, probe).maximum - len(shown)

    def _needed(self, console: Console, options: ConsoleOptions, shown: Sequence[int]) -> int:
        return sum(self._need(i) for i in shown) + self._extra(console, options, shown)

    def _widths(self, shown: Sequence[int], room: int) -> list[int] | None:
        """Column widths that fit ``room``: the widest give way first, none below its need.
        ``None`` when the natural widths already fit."""
        widths = [self._longest(i) for i in shown]
        if sum(widths) <= room:
            return None
        floors = [self._need(i) for i in shown]
        if sum(floors) > room:  # a word must be cut: shrink towards a few cells, with an ellipsis
            floors = [min(f, ELLIPSIS_MIN) for f in floors]
        excess = sum(widths) - room
        while excess > 0:
            candidates = [k for k in range(len(widths)) if widths[k] > floors[k]]
            if not candidates:
                break
            k = max(candidates, key=lambda j: widths[j])
            widths[k] -= 1
            excess -= 1
        return widths

    # -- building --------------------------------------------------------------------------

    def _empty_table(self, shown: Sequence[int], widths: Sequence[int | None]) -> Table:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        for index, width in zip(shown, widths, strict=True):
            name = self.columns[index]
            table.add_column(name, overflow="ellipsis", no_wrap=name in self.no_wrap, width=width)
        return table

    def _table(
        self, console: Console, options: ConsoleOptions, shown: Sequence[int], width: int
    ) -> Table:
        room = width - self._extra(console, options, shown)
        widths: Sequence[int | None] = self._widths(shown, room) or [None] * len(shown)
        table = self._empty_table(shown, widths)
        for row in self.rows:
            table.add_row(*(row[i] for i in shown))
        return table


def grid(*columns: str, optional: Sequence[str] = ()) -> Grid:
    """A ``Grid`` with these columns; ``optional`` ones may go on a narrow console, first first."""
    return Grid(tuple(columns), tuple(optional))
