"""Where the real documents are: the folder `MINUTES_CORPUS`, else `../shared/corpus` beside the checkout.

They are third-party files, never committed here. The repository keeps only the seeds (`corpus/`)
and what we wrote about the shared files: gold, and the sidecars in `tests/gold/sidecars/`.
"""

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus"
SIDECARS = ROOT / "tests" / "gold" / "sidecars"
ENV = "MINUTES_CORPUS"
MISSING = (f"the shared corpus is not here: set {ENV} to the folder holding real/ and dev/ "
           f"(default ../shared/corpus beside the checkout) to run the real-document tests")


def shared_root() -> Path | None:
    """The shared corpus folder, or None when neither MINUTES_CORPUS nor ../shared/corpus exists."""
    given = os.environ.get(ENV)
    folder = Path(given) if given else ROOT.parent / "shared" / "corpus"
    return folder if folder.is_dir() else None


def locate(name: str) -> Path | None:
    """A document by file name: the seeds first, then the shared corpus; None when it is not here."""
    for folder in (SEEDS, shared_root()):
        hits = sorted(folder.rglob(name)) if folder else []
        if hits:
            return hits[0]
    return None


def copy_with_sidecar(path: Path, into: Path) -> Path:
    """A copy of `path` in `into`, beside the sidecar we wrote for it if there is one."""
    into.mkdir(parents=True, exist_ok=True)
    sidecar = SIDECARS / f"{path.name}.meta.json"
    if sidecar.exists():
        shutil.copy(sidecar, into / sidecar.name)
    return Path(shutil.copy(path, into / path.name))


def with_sidecar(path: Path, into: Path) -> Path:
    """`path` itself, or, when we wrote a sidecar for it, a copy in `into` that ingest reads it beside."""
    return copy_with_sidecar(path, into) if (SIDECARS / f"{path.name}.meta.json").exists() else path
