"""Build a synthetic corpus from real documents (the seeds and the shared corpus): many distinct documents.

Text minutes are stitched from the bundled text documents up to about 5,000 words, each made
unique by a numbered closing line; PDFs are real ~15-20 page PDFs made unique by a trailing PDF
comment (their text is unchanged, their sha256 differs).
"""

from pathlib import Path

from extract.errors import MinutesError
from extract.read.document import load_document
from extract.run.batch import find_files

WORDS_PER_TEXT = 5000


def _text_sources(folders: list[Path]) -> list[str]:
    texts = []
    for path in find_files(folders):
        if path.suffix != ".pdf":
            try:
                texts.append(load_document(path)[0].text)
            except MinutesError:
                continue
    return texts


def write_text_minutes(folders: list[Path], out: Path, count: int, words: int = WORDS_PER_TEXT) -> list[Path]:
    """`count` distinct .txt minutes of about `words` words each."""
    out.mkdir(parents=True, exist_ok=True)
    sources = _text_sources(folders)
    paths = []
    for i in range(count):
        parts, total, j = [], 0, i
        while total < words:
            text = sources[j % len(sources)]
            parts.append(text)
            total += len(text.split())
            j += 1
        text = _cut_at_line("\n\n".join(parts), words)
        path = out / f"minutes_{i:05d}.txt"
        path.write_text(text + f"\n\nSynthetic copy {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _cut_at_line(text: str, words: int) -> str:
    """The text up to the first line break after `words` words."""
    kept, total = [], 0
    for line in text.split("\n"):
        kept.append(line)
        total += len(line.split())
        if total >= words:
            break
    return "\n".join(kept)


def write_pdfs(folders: list[Path], out: Path, count: int, min_pages: int = 14, max_pages: int = 20) -> list[Path]:
    """`count` distinct PDFs copied from the folders' PDFs of min..max pages."""
    import pypdfium2

    out.mkdir(parents=True, exist_ok=True)
    sources = []
    for path in sorted(p for folder in folders for p in folder.rglob("*.pdf")):
        pdf = pypdfium2.PdfDocument(path)
        pages = len(pdf)
        pdf.close()
        if min_pages <= pages <= max_pages:
            sources.append(path.read_bytes())
    paths = []
    for i in range(count):
        path = out / f"report_{i:05d}.pdf"
        path.write_bytes(sources[i % len(sources)] + f"\n% synthetic copy {i}\n".encode())
        paths.append(path)
    return paths


def write_small_minutes(out: Path, count: int) -> list[Path]:
    """`count` distinct short minutes, for measuring a re-run over many unchanged files."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = out / f"{i // 1000:02d}" / f"note_{i:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"PARISH COUNCIL\nMonday 13 May 2019\n\n1. Apologies\n\nNone.\n\n2. Accounts\n\n"
                        f"Payment of £{i}.50 was approved.\n")
        paths.append(path)
    return paths
