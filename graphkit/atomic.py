"""Write output files atomically, so an interrupted or failed run never leaves half a file.

The text goes to a temporary file beside the target, is flushed to disk and renamed over the
target; the previous file stays intact until the rename. The file gets the mode a plain open()
would give (0666 less the umask), not mkstemp's owner-only 0600.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from graphkit.errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def atomic_write(path: str | Path, write: Callable[[IO[str]], object]) -> Path:
    """Call write(fh) on a temporary file, then rename it to path; raise OutputError on failure."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot create the output folder ({_reason(exc)})") from exc
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {path.parent} ({_reason(exc)})") from exc
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise OutputError(f"{path}: cannot write ({_reason(exc)}); the previous file is unchanged") from exc
    except BaseException:  # Ctrl-C, SIGTERM (raised as SystemExit by the CLI), bugs: never leave the temp
        _discard(tmp)
        raise
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    return atomic_write(path, lambda fh: fh.write(text))


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
