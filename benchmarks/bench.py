"""One benchmark, one table: how close the pipeline runs to underthesea's word_tokenize.

    python benchmarks/bench.py                 # N = 200 and N = 2000
    python benchmarks/bench.py --sizes 200     # one size
    python benchmarks/bench.py --folder DIR    # any folder of reports (.txt .pdf .docx .html .doc)

For each N it builds a corpus of N documents from the sample texts (paragraphs drawn,
shuffled and numbers varied with a fixed seed, so every run builds the same corpus) and
times, each in a fresh process so that peak memory is its own:

  (a) underthesea ``word_tokenize`` alone on the same cleaned texts, one core;
  (a') vnextract's own tokeniser alone on them (underthesea's token expression and CRF
      model keeping offsets, the model decoded by ``extract/crf.py``; sentences; the spaCy
      Doc), for comparison with (a);
  (b) the pipeline — ingest, clean, tokenise, every pass, writing — with 1 worker
      (``vnextract run`` without the fact-checks and catalog built after it);
  (c) with 2 workers;
  (d) on a local Dask cluster of 2 workers;
  (e) (b) followed by the uses a run also builds: fact-checks and the catalog;
  paired: (b) and (a) again, document by document in one process (``mode_paired``), so
      that the ratio does not depend on how busy the machine was in each measurement;

then tokens/s of underthesea's own CRF tagger and of vnextract's decoder (``mode_crf``),
on the corpus and on text whose word pairs do not recur; and prints documents/s,
characters/s and peak memory (max RSS of the process and of its largest child), then the
ratios (b)/(a) (time, lower is better), (c)/(b) (throughput, the goal is ≥ 1.9), (e)/(a)
(the whole run against word_tokenize alone, the goal is ≤ 1.0) and (e)/(b) (what the
fact-checks and the catalog add, the goal is ≤ 1.25), and (c)/(b) again over the documents
after the first: a fresh process
spends about half a second loading models and lexicons over its first document, once for
(b) and once for (c) (where the workers are forked after it), which weighs on a short
run.  ``--repeat K`` runs every mode K times, interleaved, and keeps the fastest (a
shared machine slows single runs at random).  It
also reports PDF pages/s for pdfplumber, pypdfium2 and the ingest's ``read_pdf`` (every page
through pdfplumber, whose word positions give the layout) on a generated text PDF.

With ``--folder DIR`` it measures that folder instead of a generated corpus: (e), the
whole run (extraction, fact-checks and catalog), and (a), word_tokenize alone on the
texts the run reads (ingest and clean of every supported file).  Every row has the
run's errors (documents that failed or need OCR) and fact-check findings.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "corpus").glob("*.txt"))


def build_corpus(n: int, folder: Path, seed: int = 20261123) -> int:
    """N documents made of sample paragraphs (deterministic); returns total characters."""
    rng = random.Random(seed)
    paragraphs = [p for s in SAMPLES for p in s.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    total = 0
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        picked = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(8, 20)))
        text = "\n\n".join(re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), p) for p in picked)
        (folder / f"doc_{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(children, 1)


def cleaned_texts(folder: Path) -> tuple[list[str], int]:
    """The cleaned text of every document the pipeline reads under ``folder`` (any format),
    and how many it could not read."""
    from extract.clean import clean
    from extract.ingest import IngestError, list_inputs, read_document

    texts, errors = [], 0
    for path in list_inputs(folder)[0]:
        try:
            texts.append(clean(read_document(path, path.stem).text).text)
        except IngestError:
            errors += 1
    return texts, errors


def mode_tokenize(folder: Path) -> dict:
    from underthesea import word_tokenize

    texts, errors = cleaned_texts(folder)
    started = time.perf_counter()
    for text in texts:
        for line in text.split("\n"):
            if line.strip():
                word_tokenize(line, use_token_normalize=False)
    return {"seconds": time.perf_counter() - started, "documents": len(texts), "errors": errors,
            "chars": sum(map(len, texts))}


def mode_tokenise(folder: Path) -> dict:
    """vnextract's tokeniser alone (underthesea's token expression and CRF model with the
    offsets kept, sentences, the spaCy Doc) on the same cleaned texts, for comparison with (a)."""
    from extract.tokenise import tokenise

    texts, _ = cleaned_texts(folder)
    started = time.perf_counter()
    for text in texts:
        tokenise(text)
    return {"seconds": time.perf_counter() - started}


def mode_crf(folder: Path) -> dict:
    """Tokens/s of underthesea's own tagger (underthesea_core's featurizer and CRF) and of
    vnextract's decoder of the same model (``extract/crf.py``), each on a fresh model: on
    the corpus's sentences, and on sentences of words drawn at random from underthesea's
    dictionary, whose pairs and triples of tokens almost never recur (the decoder keeps
    the weights of the tokens, pairs and triples it has seen, so recurring text is faster
    for it: the generated corpus repeats the sample paragraphs, real archives less)."""
    from extract import crf
    from extract.clean import clean
    from extract.tokenise import _TOKENS, _segmenter, sentence_bounds

    def tokens(sentence: str) -> list[str]:
        return [m.group() for m in _TOKENS.finditer(sentence)]

    corpus = []
    for path in sorted(folder.glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8")).text
        corpus += [tokens(text[a:b]) for a, b in sentence_bounds(text)]
    decoder = crf.load()
    words = sorted(decoder.dictionary)
    rng = random.Random(5)
    novel = [tokens(" ".join(rng.choice(words) for _ in range(rng.randint(5, 40)))) for _ in range(len(corpus))]
    tagger = _segmenter()
    result = {}
    for name, sentences in (("corpus", corpus), ("novel", novel)):
        n = sum(map(len, sentences))
        started = time.perf_counter()
        expected = [tagger.predict([[t] for t in s]) for s in sentences]
        result[f"{name}_underthesea_tokens_s"] = n / (time.perf_counter() - started)
        decoder = crf.load()
        started = time.perf_counter()
        got = [decoder.tags(s) for s in sentences]
        result[f"{name}_vnextract_tokens_s"] = n / (time.perf_counter() - started)
        result[f"{name}_tokens"] = n
        result[f"{name}_same"] = all(list(e) == g for e, g in zip(expected, got))
    result["seconds"] = 0.0
    return result


def mode_run(folder: Path, workers: int, scheduler: str | None, checks: bool = False) -> dict:
    """The pipeline (ingest … write); with ``checks`` also the fact-checks and the catalog."""
    import extract.runner as runner
    from extract import RunOptions, run

    first = []  # when the first document came back: the end of the one-off start-up

    def stamped(todo, options, real=runner._local_results):
        for finished in real(todo, options):
            if not first:
                first.append(time.perf_counter())
            yield finished

    if scheduler is None:
        runner._local_results = stamped
    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    started = time.perf_counter()
    summary = run(RunOptions(input=folder, output=out, workers=workers, scheduler=scheduler, progress=False,
                             checks=checks))
    seconds = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    return {"seconds": seconds, "documents": summary.documents, "failed": summary.failed,
            "errors": summary.failed + summary.needs_ocr,
            "findings": summary.findings.total if summary.findings else None,
            "first_seconds": first[0] - started if first else None}


def mode_paired(folder: Path) -> dict:
    """(b) and (a) measured document by document in one process: before the pipeline
    prepares a document, word_tokenize alone runs on its cleaned text.  A machine that
    speeds up or slows down during the benchmark then slows both alike; the time of (a)
    and of reading and cleaning it for (a) is taken out of the run's time."""
    from underthesea import word_tokenize

    import extract.pipeline as pipeline
    from extract import RunOptions, run
    from extract.clean import clean

    real = pipeline.prepare
    tokenize_seconds = aside_seconds = 0.0

    def paired(path, doc_id, digest=None, done=None):
        nonlocal tokenize_seconds, aside_seconds
        started = time.perf_counter()
        text = clean(Path(path).read_text(encoding="utf-8")).text
        tokenizing = time.perf_counter()
        for line in text.split("\n"):
            if line.strip():
                word_tokenize(line, use_token_normalize=False)
        tokenize_seconds += time.perf_counter() - tokenizing
        aside_seconds += time.perf_counter() - started
        return real(path, doc_id, digest, done)

    pipeline.prepare = paired
    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    started = time.perf_counter()
    run(RunOptions(input=folder, output=out, workers=1, progress=False, checks=False))
    pipeline_seconds = time.perf_counter() - started - aside_seconds
    shutil.rmtree(out, ignore_errors=True)
    return {"seconds": pipeline_seconds, "tokenize_seconds": tokenize_seconds}


def mode_pdf(pages: int) -> dict:
    from fpdf import FPDF

    font = ROOT / "tests" / "data" / "fonts" / "DejaVuSans.ttf"
    text = SAMPLES[3].read_text(encoding="utf-8")
    pdf = FPDF()
    pdf.add_font("dv", fname=str(font))
    pdf.set_font("dv", size=10)
    for _ in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 5, text[:2500])
    path = Path(tempfile.mkdtemp()) / "bench.pdf"
    pdf.output(str(path))
    import pdfplumber
    import pypdfium2

    started = time.perf_counter()
    with pdfplumber.open(path) as doc:
        for page in doc.pages:
            page.extract_text()
    plumber = time.perf_counter() - started
    started = time.perf_counter()
    doc = pypdfium2.PdfDocument(str(path))
    for i in range(len(doc)):
        doc[i].get_textpage().get_text_range()
    pdfium = time.perf_counter() - started
    from extract.ingest.pdf import read_pdf

    started = time.perf_counter()
    read_pdf(path)
    ingest = time.perf_counter() - started
    return {"pdfplumber_pages_s": pages / plumber, "pypdfium2_pages_s": pages / pdfium,
            "read_pdf_pages_s": pages / ingest}


def child(args) -> None:
    folder = Path(args.folder)
    if args.mode == "tokenize":
        result = mode_tokenize(folder)
    elif args.mode == "tokenise":
        result = mode_tokenise(folder)
    elif args.mode == "paired":
        result = mode_paired(folder)
    elif args.mode == "pdf":
        result = mode_pdf(args.pages)
    elif args.mode == "crf":
        result = mode_crf(folder)
    else:
        workers = {"run1": 1, "run2": 2, "dask2": 2, "run1checks": 1}[args.mode]
        result = mode_run(folder, workers, "local" if args.mode == "dask2" else None, args.mode == "run1checks")
    result["peak_mb"], result["child_peak_mb"] = _peak_mb()
    print(json.dumps(result))


def measure(mode: str, folder: Path, pages: int = 50) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--folder", str(folder), "--pages", str(pages)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--child")
    parser.add_argument("--folder")
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each mode, interleaved; the fastest is shown (the machine may be shared)")
    args = parser.parse_args()
    if args.child:
        args.mode = args.child
        return child(args)
    if args.folder:
        if not Path(args.folder).is_dir():
            parser.error(f"--folder {args.folder}: not a folder")
        return print_table(folder_rows(Path(args.folder), args.repeat))
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        rows += corpus_rows(n, args.repeat)
    pdf = measure("pdf", Path("."))
    print_table(rows)
    print(f"PDF text, 50 generated pages: pdfplumber {pdf['pdfplumber_pages_s']:.1f} pages/s, "
          f"pypdfium2 {pdf['pypdfium2_pages_s']:.1f} pages/s, "
          f"vnextract's read_pdf {pdf['read_pdf_pages_s']:.1f} pages/s")


def fastest(modes: tuple[str, ...], folder: Path, repeat: int) -> dict[str, dict]:
    """Each mode's fastest of ``repeat`` runs, the modes interleaved so that a slow spell hits them alike."""
    results: dict[str, dict] = {}
    for _ in range(repeat):
        for mode in modes:
            r = measure(mode, folder)
            if mode not in results or r["seconds"] < results[mode]["seconds"]:
                results[mode] = r
    return results


def row(n, label: str, r: dict, documents: int, chars: int, errors=None) -> tuple:
    errors = r.get("errors", errors)
    return (n, label, documents / r["seconds"], chars / r["seconds"], r["seconds"], r["peak_mb"],
            r["child_peak_mb"], errors, r.get("findings"))


def folder_rows(folder: Path, repeat: int) -> list[tuple]:
    """Any folder: (a) word_tokenize alone on the texts the run reads, (e) the whole run."""
    results = fastest(("tokenize", "run1checks"), folder, repeat)
    tokenize, whole = results["tokenize"], results["run1checks"]
    name = folder.name or str(folder)
    return [row(name, "(a) word_tokenize alone", tokenize, tokenize["documents"], tokenize["chars"]),
            row(name, "(e) run + fact-checks + catalog", whole, whole["documents"], tokenize["chars"]),
            (name, f"ratio (e)/(a) time = {whole['seconds'] / tokenize['seconds']:.2f}; {whole['documents']} "
                   f"documents, {tokenize['chars']:,} characters of cleaned text", *[None] * 7)]


def corpus_rows(n: int, repeat: int) -> list[tuple]:
    """A generated corpus of ``n`` documents: every mode, the ratios, start-up, the CRF."""
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{n}-"))
    chars = build_corpus(n, folder)
    results = fastest(("tokenize", "tokenise", "run1", "run2", "dask2", "run1checks", "paired"), folder, repeat)
    rows = [row(n, label, results[mode], n, chars, 0 if mode == "tokenise" else None)
            for mode, label in (("tokenize", "(a) word_tokenize alone"), ("tokenise", "(a') vnextract tokenise alone"),
                                ("run1", "(b) pipeline, 1 worker"),
                                ("run2", "(c) pipeline, 2 workers"), ("dask2", "(d) Dask LocalCluster, 2 workers"),
                                ("run1checks", "(e) = (b) + fact-checks + catalog"))]
    crf = measure("crf", folder)
    shutil.rmtree(folder, ignore_errors=True)
    note = [None] * 7
    a, b, c, e = (results[m]["seconds"] for m in ("tokenize", "run1", "run2", "run1checks"))
    rows.append((n, f"ratios: (b)/(a) time = {b / a:.2f}; throughput (c)/(b) = {b / c:.2f} (goal >= 1.9)", *note))
    rows.append((n, f"ratios: whole run (e)/(a) time = {e / a:.2f} (goal <= 1.0); fact-checks and catalog "
                    f"(e)/(b) = {e / b:.2f} (goal <= 1.25)", *note))
    b1, c1 = (results[m]["first_seconds"] for m in ("run1", "run2"))
    rows.append((n, f"start-up (run start to first document back): (b) {b1:.2f} s, (c) {c1:.2f} s; "
                    f"throughput (c)/(b) over the {n - 1} documents after it = {(b - b1) / (c - c1):.2f}", *note))
    paired = results["paired"]
    rows.append((n, f"paired, document by document in one process: (b) {paired['seconds']:.2f} s, "
                    f"(a) {paired['tokenize_seconds']:.2f} s, (b)/(a) = "
                    f"{paired['seconds'] / paired['tokenize_seconds']:.2f}", *note))
    for name, what in (("corpus", "this corpus's sentences"), ("novel", "sentences of random dictionary words")):
        rows.append((n, f"CRF tags, {what} ({crf[name + '_tokens']} tokens): underthesea "
                        f"{crf[name + '_underthesea_tokens_s']:.0f} tokens/s, vnextract's decoder "
                        f"{crf[name + '_vnextract_tokens_s']:.0f} tokens/s, same tags: {crf[name + '_same']}", *note))
    return rows


def print_table(rows: list[tuple]) -> None:
    """One table; a row without figures is a note under its N (or folder)."""
    print(f"{'N':>6}  {'what':<34}{'docs/s':>9}{'chars/s':>11}{'seconds':>9}{'peak MB':>9}{'child MB':>10}"
          f"{'errors':>8}{'findings':>10}")
    for n, label, dps, cps, sec, peak, child_peak, errors, findings in rows:
        if dps is None:
            print(f"{n:>6}  {label}")
        else:
            print(f"{n:>6}  {label:<34}{dps:>9.1f}{cps:>11.0f}{sec:>9.2f}{peak:>9.0f}{child_peak:>10.0f}"
                  f"{'-' if errors is None else errors:>8}{'-' if findings is None else findings:>10}")


if __name__ == "__main__":
    main()
