"""Tables: each table of a document as its cells with their offsets, and every numeric data
cell as a figure.

:func:`find_tables` takes the tables the reader found (DOCX, HTML, PDF, .doc: each rendered
in the text one row per line by ``records.render_table``) and finds every row in the cleaned
text, so every cell gets its character offsets; it also reads tables written in the text
itself (blocks of ``|``-separated lines).  :func:`table_figures` turns each numeric data
cell into a :class:`~extract.records.Figure` with its ``table_id``, ``row``, ``col``, its
``row_label`` (the row's header cell: a commune, an organisation) and ``col_label`` (the
column's header over every header row, joined with " / "); value and unit come from the
cell and its header ("Kinh phí (triệu đồng)": a cell "150" is 150 000 000 VND; "Số hộ":
households), read by the figures pass's own lexicon.  Index columns ("STT") and section
numbers ("I", "1.1") are never figures.  Words are data (``data/tables.json``).

>>> from extract.records import RawCell, RawTable, render_table
>>> raw = RawTable([RawCell(0, 0, "Đơn vị", is_header=True), RawCell(0, 1, "Diện tích (ha)", is_header=True),
...                 RawCell(1, 0, "Xã Cam Thành"), RawCell(1, 1, "12,5")], n_rows=2, n_cols=2, header_rows=1)
>>> text = "Biểu 1\\n" + render_table(raw)
>>> tables, cells = find_tables([raw], text, "d")
>>> [(f.text, f.value, f.unit, f.what, f.row_label, f.col_label) for f in table_figures(tables, cells, text)]
[('12,5', 12.5, 'ha', 'diện tích', 'Xã Cam Thành', 'Diện tích (ha)')]
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict

import regex

from ..ingest.grid import finish_table, table_words
from ..numbers import parse_number
from ..records import CELL_SEPARATOR, Cell, Figure, RawCell, RawTable, Table
from ..vntext import fold_case
from .figures import parse_figures

_PARENTHESIS = regex.compile(r"\(([^()]*)\)")
_PIPE_LINE = regex.compile(r"^[^\n|]*\|[^\n]*$", regex.MULTILINE)
_RULE_ROW = regex.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _label_key(text: str) -> str:
    """A row or column label as the word lists hold it: case folded, spaces collapsed."""
    return " ".join(fold_case(text).split()).strip(" .:")


def is_total_label(text: str | None) -> bool:
    """"Tổng cộng", "Cộng", "Toàn huyện" … (the label of a row that totals the others)."""
    return bool(text) and _label_key(text) in table_words()["total"]


# ---------------------------------------------------------------------------- finding tables


def find_tables(raw_tables: list[RawTable], text: str, doc_id: str | None = None) -> tuple[list[Table], list[Cell]]:
    """The reader's tables located in the cleaned ``text``, then the ``|``-separated blocks
    of the text that are not one of them; with ids ``<doc_id>:table:<n>``."""
    located: list[tuple[Table, list[Cell]]] = []
    cursor = 0
    for raw in raw_tables:
        found = _locate(raw, text, cursor)
        if found is not None:
            located.append(found)
            cursor = found[0].char_end
    taken = [(t.char_start, t.char_end) for t, _ in located]
    for raw, offsets in _text_tables(text, taken):
        table, cells = _located(raw, offsets)
        table.caption = _line_before(text, table.char_start)
        for cell in cells:  # the text as it stands there ('Xã\xa0Cam' is not collapsed)
            if cell.char_start is not None:
                cell.text = text[cell.char_start:cell.char_end]
        located.append((table, cells))
    located.sort(key=lambda pair: pair[0].char_start)
    tables, cells = [], []
    for n, (table, table_cells) in enumerate(located, 1):
        table.id, table.doc_id = f"{doc_id or 'text'}:table:{n}", doc_id
        for cell in table_cells:
            cell.table_id, cell.doc_id = table.id, doc_id
            cell.id = f"{table.id}:r{cell.row}c{cell.col}"
        tables.append(table)
        cells.extend(table_cells)
    return tables, cells


def _locate(raw: RawTable, text: str, cursor: int) -> tuple[Table, list[Cell]] | None:
    """Each rendered row of ``raw`` as a whole line of ``text``, in order, from ``cursor``."""
    by_row: dict[int, list[RawCell]] = defaultdict(list)
    for cell in raw.cells:
        by_row[cell.row].append(cell)
    offsets: dict[tuple[int, int], tuple[int, int]] = {}
    pos = cursor
    for row in sorted(by_row):
        row_cells = sorted(by_row[row], key=lambda c: c.col)
        line = unicodedata.normalize("NFC", CELL_SEPARATOR.join(
            " ".join(c.text.split()) for c in row_cells if c.text.strip()))
        if not line:
            continue
        at = _line_at(text, line, pos)
        if at < 0:
            return None
        start = at
        for cell in row_cells:
            surface = unicodedata.normalize("NFC", " ".join(cell.text.split()))
            if surface:
                offsets[(cell.row, cell.col)] = (start, start + len(surface))
                start += len(surface) + len(CELL_SEPARATOR)
        pos = at + len(line)
    return _located(raw, offsets) if offsets else None


def _line_at(text: str, line: str, pos: int) -> int:
    """Offset of the next whole line of ``text`` equal to ``line``, from ``pos``; else -1."""
    while (at := text.find(line, pos)) >= 0:
        end = at + len(line)
        if (at == 0 or text[at - 1] == "\n") and (end == len(text) or text[end] == "\n"):
            return at
        pos = at + 1
    return -1


def _located(raw: RawTable, offsets: dict[tuple[int, int], tuple[int, int]]) -> tuple[Table, list[Cell]]:
    cells = [Cell(table_id="", row=c.row, col=c.col, text=" ".join(c.text.split()), row_span=c.row_span,
                  col_span=c.col_span, is_header=c.is_header or c.row < raw.header_rows,
                  char_start=offsets.get((c.row, c.col), (None, None))[0],
                  char_end=offsets.get((c.row, c.col), (None, None))[1]) for c in raw.cells]
    spans = list(offsets.values())
    table = Table(caption=raw.caption, page=raw.page, n_rows=raw.n_rows, n_cols=raw.n_cols,
                  header_rows=raw.header_rows, char_start=min(s for s, _ in spans), char_end=max(e for _, e in spans))
    return table, cells


def _line_before(text: str, start: int) -> str | None:
    """The non-empty line just above ``start`` (a text table's caption), if any."""
    before = text[:start].rstrip("\n")
    line = before[before.rfind("\n") + 1:].strip()
    return line or None


def _text_tables(text: str, taken: list[tuple[int, int]]) -> list[tuple[RawTable, dict]]:
    """Blocks of two or more consecutive ``|``-separated lines outside the reader's tables."""
    out = []
    block: list[regex.Match] = []
    for match in [*_PIPE_LINE.finditer(text), None]:
        if match is not None and block and text[block[-1].end():match.start()] == "\n":
            block.append(match)
            continue
        if len(block) >= 2 and not any(s < block[-1].end() and block[0].start() < e for s, e in taken):
            out.append(_pipe_table(text, block))
        block = [match] if match is not None else []
    return out


def _pipe_table(text: str, lines: list[regex.Match]) -> tuple[RawTable, dict]:
    """A block of ``|`` lines as a table: a Markdown rule row ends the header, else the
    header rows are guessed as for the readers' tables (``ingest.grid``)."""
    rows, offsets, rule_after = [], {}, None
    for line in lines:
        if _RULE_ROW.match(line.group()):
            rule_after = len(rows)
            continue
        row = len(rows)
        cells = []
        for col, part in enumerate(_split_pipes(line.group(), line.start())):
            start, end = part
            cells.append(RawCell(row, col, text[start:end]))
            if end > start:
                offsets[(row, col)] = part
        rows.append(cells)
    return finish_table([c for r in rows for c in r], len(rows), header_rows=rule_after), offsets


def _split_pipes(line: str, base: int) -> list[tuple[int, int]]:
    """(start, end) of each cell's text, spaces trimmed; outer pipes ("| a | b |", at both
    ends) dropped, while " | 12" is an empty cell and a 12."""
    parts, start = [], 0
    for m in [*regex.finditer(r"\|", line), None]:
        end = m.start() if m else len(line)
        piece = line[start:end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        parts.append((base + start + left, base + start + max(right, left)))
        start = m.end() if m else end
    if line.strip().startswith("|") and line.strip().endswith("|") and len(parts) > 2:
        parts = parts[1:-1]
    return parts


# ---------------------------------------------------------------------------- cells as figures


def table_figures(tables: list[Table], cells: list[Cell], text: str) -> list[Figure]:
    """Every numeric data cell of every table as a figure, in text order."""
    by_table: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        by_table[cell.table_id].append(cell)
    figures = []
    for table in tables:
        figures.extend(_figures_of(table, by_table[table.id], text))
    return sorted(figures, key=lambda f: f.char_start)


def _figures_of(table: Table, cells: list[Cell], text: str) -> list[Figure]:
    labels = column_labels(table, cells)
    data = [c for c in cells if not c.is_header and c.row >= table.header_rows]
    index_cols = {col for col in range(table.n_cols) if _is_index_column(labels.get(col), [c for c in data if c.col == col])}
    label_col = _label_column(table, data, index_cols)
    row_labels = _row_labels(data, label_col, index_cols)
    out = []
    for cell in data:
        if cell.col in index_cols or cell.col == label_col or cell.char_start is None:
            continue
        figure = cell_figure(cell.text, labels.get(cell.col))
        if figure is None:
            continue
        figure.char_start, figure.char_end, figure.text = cell.char_start, cell.char_end, text[cell.char_start:cell.char_end]
        figure.table_id, figure.row, figure.col = table.id, cell.row, cell.col
        figure.row_label, figure.col_label, figure.page = row_labels.get(cell.row), labels.get(cell.col), table.page
        line_start = text.rfind("\n", 0, cell.char_start) + 1
        line_end = text.find("\n", cell.char_end)
        figure.sentence = text[line_start: len(text) if line_end < 0 else line_end]
        out.append(figure)
    return out


def _row_labels(data: list[Cell], label_col: int | None, index_cols: set[int]) -> dict[int, str]:
    """Each row's label: its cell in the label column, else its first cell of words (a
    "Tổng cộng" written in the index column of a total row)."""
    labels: dict[int, str] = {}
    for cell in sorted(data, key=lambda c: (c.row, c.col != label_col, c.col)):
        if cell.row not in labels and cell.text and _number(cell.text) is None and (
                cell.col == label_col or not table_words()["section"].match(cell.text)):
            labels[cell.row] = cell.text
    return labels


def column_labels(table: Table, cells: list[Cell]) -> dict[int, str]:
    """Each column's header: the header cells covering it, top to bottom, joined by " / "."""
    parts: dict[int, list[str]] = defaultdict(list)
    for cell in sorted((c for c in cells if c.row < table.header_rows or c.is_header), key=lambda c: (c.row, c.col)):
        for col in range(cell.col, cell.col + max(cell.col_span, 1)):
            if cell.text and (not parts[col] or parts[col][-1] != cell.text):
                parts[col].append(cell.text)
    return {col: " / ".join(texts) for col, texts in parts.items() if texts}


def _is_index_column(label: str | None, cells: list[Cell]) -> bool:
    """"STT" above it, or (no header) numbers that count 1, 2, 3 … and section numbers."""
    if label is not None:
        return _label_key(label.split(" / ")[-1]) in table_words()["index"]
    texts = [c.text.rstrip(".") for c in sorted(cells, key=lambda c: c.row) if c.text]
    numbers = [int(t) for t in texts if t.isdigit()]
    counting = numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else True
    return bool(texts) and counting and all(table_words()["section"].match(t) or t.isdigit() for t in texts)


def _label_column(table: Table, data: list[Cell], index_cols: set[int]) -> int | None:
    """The first column, index columns aside, whose cells are mostly words: the row labels."""
    for col in range(table.n_cols):
        if col in index_cols:
            continue
        texts = [c.text for c in data if c.col == col and c.text]
        if texts and sum(_number(t) is None for t in texts) * 2 > len(texts):
            return col
    return None


def _number(text: str) -> float | None:
    text = text.strip().rstrip("%").strip()
    if not text or table_words()["section"].match(text):
        return None
    return parse_number(text)


def cell_figure(text: str, label: str | None) -> Figure | None:
    """The figure one data cell states, read with its column's header.

    >>> [(f.value, f.unit, f.what) for f in [cell_figure("150", "Kết quả / Kinh phí (triệu đồng)")]]
    [(150000000.0, 'VND', 'kinh phí')]
    >>> cell_figure("340", "Số hộ tham gia").unit, cell_figure("I", "STT"), cell_figure("-", "Số hộ")
    ('household', None, None)
    """
    text = " ".join(text.split())
    if not text or table_words()["section"].match(text):
        return None
    own = [f for f in parse_figures(text) if f.char_start == 0 and f.char_end == len(text) and f.unit != "other"]
    if own:
        return _with_what(own[0], label)
    header = (label or "").split(" / ")[-1]
    unit = _PARENTHESIS.search(header)
    noun = _lower_first(_counted_noun(_PARENTHESIS.sub("", header)))
    for phrase in ([f"{text} {unit.group(1).strip()}"] if unit else []) + ([f"{text} {noun}"] if noun else []):
        found = [f for f in parse_figures(phrase) if f.char_start == 0 and f.char_end > len(text)
                 and f.unit != "other"]
        if found:
            return _with_what(found[0], label)
    value = _number(text)
    if value is None:
        return None
    counted = _counted_noun(header) != header.strip()  # "Số vụ": a count of what follows "Số"
    unit = "percent" if text.endswith("%") else "count" if counted else "other"
    return _with_what(Figure(text=text, value=value, unit=unit, char_start=0, char_end=len(text)), label)


def _counted_noun(header: str) -> str | None:
    """"Số hộ tham gia" → "hộ tham gia"; "Ngày công" → "Ngày công"."""
    words = header.strip()
    folded = words.casefold()
    for prefix in table_words()["count_prefixes"]:
        if folded.startswith(prefix + " "):
            return words[len(prefix) + 1:].strip() or None
    return words or None


def _with_what(figure: Figure, label: str | None) -> Figure:
    """``what`` from the header when the cell does not say it: the header's last part,
    without its unit in parentheses and its "Số" ("Diện tích (ha)" → "diện tích")."""
    if label:
        header = _PARENTHESIS.sub("", label.split(" / ")[-1]).strip()
        noun = _counted_noun(header) or header
        if noun and not figure.what:
            figure.what = _lower_first(noun)
    return figure


def _lower_first(words: str | None) -> str | None:
    """"Ngày công" → "ngày công"; "UBND" stays."""
    return words[0].lower() + words[1:] if words and words[1:2].islower() else words
