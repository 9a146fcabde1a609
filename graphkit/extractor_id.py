"""Which extractor produced a stored result: a digest of graphkit's code and data packs.

Why: an incremental run reuses the stored facts of every document it has seen. After graphkit's rules,
lexicons or gazetteers change (an upgrade, a local edit), those facts were found by other rules than the
new documents', and a user should be told rather than get a graph of two vintages without knowing.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def extractor_id() -> str:
    """A short digest of every source and data file of the installed package (about 10 ms, once)."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
