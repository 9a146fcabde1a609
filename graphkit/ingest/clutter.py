"""Strip web clutter (share lines, appeals, teasers, related-content blocks) from article text.

The rules are general patterns of news sites, kept in data/lexicons/clutter.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphkit import lexicons

_META_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)


@dataclass(frozen=True)
class ClutterRules:
    drop_line: tuple[tuple[re.Pattern[str], int | None], ...]  # (pattern, max words of a matching line)
    cut_after: tuple[re.Pattern[str], ...]  # whole-line markers: this line and everything after go
    cut_min_body_lines: int  # a marker before the body has started is a heading, not a page end
    teaser_max_words: int
    teaser_min_run: int
    teaser_final_punctuation: tuple[str, ...]  # a line ending in one of these is a sentence, not a teaser
    list_marker: re.Pattern[str] | None = None  # a bullet before a list item, dropped


def _patterns(items: Any) -> tuple[tuple[re.Pattern[str], int | None], ...]:
    out = []
    for item in items or []:
        pattern = item.get("pattern") if isinstance(item, dict) else item
        max_words = item.get("max_words") if isinstance(item, dict) else None
        if pattern:
            out.append((re.compile(str(pattern), re.IGNORECASE), int(max_words) if max_words else None))
    return tuple(out)


@lru_cache(maxsize=1)
def load_rules() -> ClutterRules:
    raw = lexicons.clutter()
    teaser = raw.get("teaser") or {}
    return ClutterRules(
        drop_line=_patterns(raw.get("drop_line")),
        cut_after=tuple(p for p, _ in _patterns(raw.get("cut_after"))),
        cut_min_body_lines=int(raw.get("cut_min_body_lines", 0)),
        teaser_max_words=int(teaser.get("teaser_max_words", 8)),
        teaser_min_run=int(teaser.get("teaser_min_run", 2)),
        teaser_final_punctuation=tuple(str(teaser.get("teaser_final_punctuation", "."))),
        list_marker=re.compile(str(raw["list_marker"])) if raw.get("list_marker") else None,
    )


def _drop(line: str, rules: ClutterRules) -> bool:
    words = len(line.split())
    # the word limit first: a long line skips every limited pattern without a search
    return any((limit is None or words <= limit) and p.search(line) for p, limit in rules.drop_line)


def _is_teaser(line: str, rules: ClutterRules) -> bool:
    words = line.split()
    return 0 < len(words) <= rules.teaser_max_words and not line.rstrip().endswith(rules.teaser_final_punctuation)


def split_meta_date(text: str) -> tuple[str, str | None]:
    """A leading 'date YYYY-MM-DD' metadata line (left by some scrapers) becomes the article date."""
    match = _META_DATE.match(text)
    if not match:
        return text, None
    return text[match.end():], match.group(1)


def strip_clutter(text: str, rules: ClutterRules | None = None) -> tuple[str, int]:
    """Return the body text and the number of lines dropped.

    The first line (the headline) is never taken for a teaser; a run of several short
    unpunctuated lines elsewhere is.
    """
    rules = rules or load_rules()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    dropped = 0
    body_lines = 0
    for n, line in enumerate(lines):
        stripped = line.strip()
        body_lines += len(stripped.split()) >= 12
        late = body_lines >= rules.cut_min_body_lines
        if stripped and late and any(p.fullmatch(stripped) for p in rules.cut_after):
            dropped += sum(1 for rest in lines[n:] if rest.strip())
            break
        if stripped and _drop(stripped, rules):
            dropped += 1
            continue
        if rules.list_marker is not None:
            line = rules.list_marker.sub("", line, count=1)
        kept.append(line.rstrip())
    # runs of short teaser lines (navigation, link lists) after the headline
    content = [i for i, line in enumerate(kept) if line.strip()]
    first = content[0] if content else -1
    teaser = {i for i in content if i != first and _is_teaser(kept[i], rules)}
    drop: set[int] = set()
    run: list[int] = []
    for i in content + [-1]:
        if i in teaser:
            run.append(i)
            continue
        if len(run) >= rules.teaser_min_run:
            drop.update(run)
        run = []
    dropped += len(drop)
    body = "\n".join(line for i, line in enumerate(kept) if i not in drop)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    return body, dropped
