"""vnextract: Vietnamese reports → a clean, sourced dataset of figures and entities.

The public surface:

* :func:`run` — what ``vnextract run`` calls: a folder in, a dataset out;
* :func:`parse_number` — a number in Vietnamese format or words;
* :func:`parse_figures` — the figures pass on a bare string.

>>> parse_number("1.155,3")
1155.3
>>> parse_number("một nghìn hai trăm linh năm")
1205.0
>>> [(f.value, f.unit, f.qualifier) for f in parse_figures("gần 2 tỷ đồng")]
[(2000000000.0, 'VND', 'approx')]
"""
from __future__ import annotations

from .numbers import parse_number
from .options import RunOptions
from .passes.figures import parse_figures
from .records import Figure


def run(options: RunOptions | None = None, on_progress=None, **kwargs):
    """Convert every document under ``options.input`` into a dataset in ``options.output``.

    Returns a summary (documents read, failed, figures found, seconds); ``on_progress(source)``
    is called as each document is done.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "bao_cao.txt").write_text("Toàn phường đã mở rộng 38 ngõ với tổng chiều dài 12.860m.", encoding="utf-8")
    >>> summary = run(RunOptions(input=folder, output=folder / "out", progress=False))
    >>> (summary.documents, summary.failed, summary.figures)
    (1, 0, 2)
    """
    from .runner import run as _run

    return _run(options or RunOptions(**kwargs), on_progress=on_progress)


__all__ = ["run", "parse_number", "parse_figures", "RunOptions", "Figure"]
__version__ = "0.1.0"
