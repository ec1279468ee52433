"""The same document twice (``documents.duplicate_of``): copies and near-copies in one run.

One report often reaches a run several times: as .docx and .txt, saved twice, or reprinted
on another site with its own header, another date line and a paragraph added or dropped.
Such a document is no second source: its figures must not confirm (or contradict) its
original's (``restated``).  Two documents are copies when the Jaccard similarity of their
sets of ``SHINGLE_WORDS``-word shingles (of the cleaned text, lower-cased, words only, so
that line breaks, punctuation and table layout do not count) is at least ``THRESHOLD``.
It is estimated with MinHash signatures, and the candidates come from a MinHash LSH index
(datasketch): documents are read one at a time, and the index holds only signatures, with
the dates and signatures kept in a temporary SQLite table to confirm each candidate.

Copies form groups (a copy of a copy is in its group); the earliest document of a group
(by ``doc_date``, an undated one after the dated ones, then by ``doc_id``) is the original,
and each other one gets ``duplicate_of`` = the original's ``doc_id``.  ``run.check`` adds
each document to ``Duplicates`` in the one pass that checks it, then ``mark_duplicates``
rewrites the ``duplicate_of`` column of the run's documents table.
"""
from __future__ import annotations

import csv
import sqlite3
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import regex

if TYPE_CHECKING:
    from datasketch import MinHash

from ..write import TABLES, read_rows

# Five words: a stock phrase shared by two reports ('Trên đây là báo cáo kết quả …', 'kính báo
# cáo Ủy ban nhân dân huyện') gives them a few shingles only, while a word changed in a copy
# changes five.  (3 and 7 words gave the test rows nearly the same similarities.)
SHINGLE_WORDS = 5
# The estimate's standard error is sqrt(J (1 - J) / 128) ≈ 0.035 at J = 0.8 (0.032 measured on
# the reprint over 200 seeds); a signature is 128 hash values (512 bytes).
PERMUTATIONS = 128
# Measured on tests/test_duplicates.py, exact Jaccard of the shingle sets (MinHash estimate
# over 200 seeds): the report as .txt and as .docx 1.0; a sentence dropped 0.96; a reprint with
# the site's header and update line instead of the letterhead and one paragraph added 0.816
# (estimate 0.73–0.90: at 0.8 it would be missed for 28 % of the seeds); another report of the
# same commune with the same letterhead, formulas, recipients and one sentence 0.115 (estimate
# ≤ 0.19); the five reports of corpus/ two by two ≤ 0.021.  0.7 keeps every seed's reprint.
THRESHOLD = 0.7
# The LSH bands favour recall (weights of false positives, false negatives): a candidate is
# confirmed on its signature anyway, so a false one costs a lookup.  20 bands of 6 rows make a
# pair at J = 0.8 a candidate with probability 0.998 (0.87 with the default even weights).
LSH_WEIGHTS = (0.1, 0.9)
SEED = 1  # fixed: the same text gives the same signature in every run

_WORD_CHARACTER = regex.compile(r"[\p{L}\p{N}]")
_FIELD_LIMIT = 2**31 - 1  # a documents.csv cell holds a whole text (csv's default limit is 128 KiB)


def words(text: str) -> list[str]:
    """The words of a text as shingles see them: NFC, lower case, letters and digits only."""
    return _words_only(text).split()


class _KeepWordCharacters(dict):
    """A ``str.translate`` table: a letter or a digit stays, any other character becomes a
    space; filled as characters come (a run meets a few hundred different ones)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = kept = char if _WORD_CHARACTER.fullmatch(char) else " "
        return kept


_WORD_CHARACTERS = _KeepWordCharacters()


def _words_only(text: str) -> str:
    """The text in NFC and lower case with its words apart: one translation over it is
    faster than finding each word with a regex (``words`` were a third of a signature)."""
    return unicodedata.normalize("NFC", text).lower().translate(_WORD_CHARACTERS)


def shingles(text: str) -> set[bytes]:
    """Every run of ``SHINGLE_WORDS`` consecutive words; a shorter text is one shingle."""
    return set(_shingles(_encoded_words(text)))


def _encoded_words(text: str) -> list[bytes]:
    """``words`` in UTF-8 (split after encoding: no other byte than a letter's or a digit's is left)."""
    return _words_only(text).encode().split()


def _shingles(w: list[bytes]) -> Iterator[bytes]:
    """The shingles of the words as they come, a shingle met twice given twice."""
    if len(w) < SHINGLE_WORDS:
        return iter([b" ".join(w)] if w else [])
    return map(b" ".join, zip(*(w[i:] for i in range(SHINGLE_WORDS))))


def jaccard(a: str, b: str) -> float:
    """The exact similarity the signatures estimate (for measuring; the run never calls it)."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def signature(text: str) -> MinHash | None:
    """The text's MinHash signature, or None for a text without words."""
    w = _encoded_words(text)
    if not w:
        return None
    minhash = _no_shingle(SEED).copy()  # its permutations, not 128 new ones for each document
    minhash.update_batch(_shingles(w))  # not made a set: a shingle met twice changes no minimum
    return minhash


@cache
def _no_shingle(seed: int) -> MinHash:
    """The signature of no shingle, made once: its copies share its permutations."""
    from datasketch import (
        MinHash,  # here: datasketch loads scipy (0.3–0.7 s), which a run without checks never needs
    )

    return MinHash(num_perm=PERMUTATIONS, seed=seed, hashfunc=zlib.crc32)  # C speed; sha1 was 40 % of check


class Duplicates:
    """Documents added one at a time; ``duplicate_of()`` then maps each copy to its original.

    Memory: the LSH index (the signature's bands per document) and the groups found; the
    texts are never kept, the signatures and dates wait in a temporary SQLite table."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS, weights=LSH_WEIGHTS)
        self.db = sqlite3.connect("")  # private, on disk, deleted when closed
        self.db.execute("CREATE TABLE docs (doc_id TEXT PRIMARY KEY, date TEXT, hashes BLOB)")
        self.parent: dict[str, str] = {}  # union-find over the documents that have a copy

    def add(self, doc_id: str, date: str | None, text: str | None) -> None:
        minhash = signature(text or "")
        if minhash is None:
            return
        for other in self.lsh.query(minhash):  # candidates: a band of the signature in common
            (hashes,) = self.db.execute("SELECT hashes FROM docs WHERE doc_id = ?", (other,)).fetchone()
            if np.mean(np.frombuffer(hashes, dtype=minhash.hashvalues.dtype) == minhash.hashvalues) >= THRESHOLD:
                self._join(doc_id, other)
        self.lsh.insert(doc_id, minhash)
        self.db.execute("INSERT INTO docs VALUES (?, ?, ?)", (doc_id, date, minhash.hashvalues.tobytes()))

    def _root(self, doc_id: str) -> str:
        while self.parent.get(doc_id, doc_id) != doc_id:
            doc_id = self.parent[doc_id]
        return doc_id

    def _join(self, a: str, b: str) -> None:
        ra, rb = self._root(a), self._root(b)
        self.parent.setdefault(ra, ra)
        self.parent[rb] = ra

    def duplicate_of(self) -> dict[str, str]:
        """Each copy's original: the earliest of its group by date (undated last), then doc_id."""
        groups: dict[str, list[str]] = {}
        for doc_id in self.parent:
            groups.setdefault(self._root(doc_id), []).append(doc_id)
        out = {}
        for members in groups.values():
            dates = {d: self.db.execute("SELECT date FROM docs WHERE doc_id = ?", (d,)).fetchone()[0] for d in members}
            original = min(members, key=lambda d: (dates[d] is None, dates[d] or "", d))
            out.update((d, original) for d in members if d != original)
        return out

    def close(self) -> None:
        self.db.close()


def find_duplicates(rows: Iterable[dict]) -> dict[str, str]:
    """``{copy's doc_id: original's doc_id}`` of documents rows (doc_id, doc_date, text), read one at a time."""
    found = Duplicates()
    try:
        for row in rows:
            found.add(row["doc_id"], row.get("doc_date"), row.get("text"))
        return found.duplicate_of()
    finally:
        found.close()


def mark_duplicates(output_dir: Path, duplicate_of: dict[str, str] | None = None) -> dict[str, str]:
    """Write the run's copies into the ``duplicate_of`` column of its documents table
    (Parquet and CSV, whichever are there): ``duplicate_of`` when given (``run.check`` finds
    them while it reads the documents for the checks), else found here; returns them."""
    output_dir = Path(output_dir)
    if duplicate_of is None:
        duplicate_of = find_duplicates(read_rows(output_dir, "documents", ["doc_id", "doc_date", "text"]))
    written = {row["doc_id"]: row.get("duplicate_of") for row in read_rows(output_dir, "documents",
                                                                            ["doc_id", "duplicate_of"])}
    if all(written.get(doc_id) == duplicate_of.get(doc_id) for doc_id in written):
        return duplicate_of  # the table says it already (a run has none until checked)
    for path, rewrite in ((output_dir / "documents.parquet", _rewrite_parquet),
                          (output_dir / "documents.csv", _rewrite_csv)):
        if path.exists():
            part = path.with_name(f".{path.name}.part")
            try:
                rewrite(path, part, duplicate_of)
            except BaseException:
                part.unlink(missing_ok=True)
                raise
            part.replace(path)
    return duplicate_of


def _rewrite_parquet(path: Path, part: Path, duplicate_of: dict[str, str]) -> None:
    """The table a row group at a time (as the run wrote it: ``write.BATCH`` documents), the
    column set; a column the file lacks (a run written before it existed) is added."""
    schema = TABLES["documents"]
    source = pq.ParquetFile(path)
    with pq.ParquetWriter(part, schema) as writer:
        for i in range(source.num_row_groups):
            group = source.read_row_group(i)
            columns = {name: group.column(name) for name in group.column_names}
            columns["duplicate_of"] = pa.array([duplicate_of.get(d) for d in group.column("doc_id").to_pylist()],
                                               pa.string())
            writer.write_table(pa.Table.from_arrays(
                [columns[f.name].cast(f.type) if f.name in columns else pa.nulls(len(group), f.type) for f in schema],
                schema=schema))


def _rewrite_csv(path: Path, part: Path, duplicate_of: dict[str, str]) -> None:
    """The table a line at a time, every other cell as it was written."""
    names = TABLES["documents"].names
    limit = csv.field_size_limit(_FIELD_LIMIT)
    try:
        with open(path, encoding="utf-8", newline="") as old, open(part, "w", encoding="utf-8", newline="") as new:
            reader, writer = csv.DictReader(old), csv.writer(new)
            writer.writerow(names)
            for row in reader:
                row["duplicate_of"] = duplicate_of.get(row["doc_id"], "")
                writer.writerow([row.get(name, "") for name in names])
    finally:
        csv.field_size_limit(limit)
