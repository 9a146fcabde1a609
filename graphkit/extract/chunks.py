"""Cut a long text into pieces spaCy can parse, at paragraph, line, sentence or word boundaries.

spaCy refuses texts over nlp.max_length (1,000,000 characters) and needs about 1 GB of memory per
100,000 characters for the parser; a scraped 20 MB page must still be read. The pieces cover the
text exactly (joined they give it back), so offsets into the whole text stay right.
"""

from __future__ import annotations

import re

CHUNK_CHARS = 100_000
# boundaries in order of preference; each match ends where the next piece may start
_BOUNDARIES = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"),
               re.compile(r"\s+"))


def split_text(text: str, max_chars: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) offsets of consecutive pieces of at most max_chars covering the whole text."""
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        limit = start + max_chars
        cut = _cut(text, start, limit)
        pieces.append((start, cut))
        start = cut
    if start < len(text) or not pieces:
        pieces.append((start, len(text)))
    return pieces


def _cut(text: str, start: int, limit: int) -> int:
    """The best place to end a piece that starts at start and must end by limit."""
    floor = start + (limit - start) // 2  # never make a piece shorter than half the size
    window = text[floor:limit]
    for pattern in _BOUNDARIES:
        last = None
        for match in pattern.finditer(window):
            last = match
        if last is not None and floor + last.end() > start:
            return floor + last.end()
    return limit
