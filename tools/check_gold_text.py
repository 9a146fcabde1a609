#!/usr/bin/env python3
"""Find text of the gold articles in the repository: any run of N (default 5) consecutive words of an article.

    python tools/check_gold_text.py [--n 5] [--articles FILE_OR_DIR ...] [PATH ...]

Quality must come from general methods, so no sentence of a gold article (the seeds and the development
corpus) may sit in code, comments, data or tests: a test sentence copied from an article measures memory,
not method. Every file git knows in the repository is read (tracked or untracked-not-ignored; the articles
themselves, seeds/ and tests/data/ are left out), or only the PATHs given. Matching ignores case, accents and
punctuation and crosses line ends. Two kinds of run are allowed: a proper name (every content word
capitalised both in the article and in the file, e.g. an agency listed in a gazetteer) and a run of function
words and numbers only. A data entry kept on purpose (a site's boilerplate that the clutter filter removes,
a body's alias) is listed with its reason in tools/gold_text_allowed.tsv; an entry there that no longer
matches anything is itself a finding, so the list cannot go stale. Prints one line per finding,
file:line: [article:line] words, and exits 1 if any. Standard library only: it runs before any install.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = ("seeds", "tests/data/corpus/dev")
DEFAULT_ALLOWED = ROOT / "tools" / "gold_text_allowed.tsv"
SKIPPED_DIRS = ("seeds/", "tests/data/")
BINARY_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".ico", ".pdf", ".gz", ".zip", ".tar", ".whl",
                             ".pyc", ".so", ".jar", ".bin", ".woff", ".woff2", ".ttf", ".pickle", ".pkl"})
# Words that carry no content of their own: a run made only of them (and numbers) says nothing about an
# article, and a proper name may contain them in lower case ("Office of the Prosecutor").
FUNCTION_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each either few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just may me might more
most must my myself neither no nor not now of off on once only or other our ours ourselves out over own
same shall she should so some such than that the their theirs them themselves then there these they this
those through to too under until up upon very was we were what when where which while who whom whose why
will with within without would you your yours yourself yourselves s t d ll m re ve
de del la las el los y e da das do dos du des le les et al en di der van von
""".split())  # the last line: particles of names in other languages ("Dirección General de ...")
_TOKEN = re.compile(r"\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nrtfvb])|\w+")  # a string escape, or a word


@dataclass(frozen=True)
class Word:
    """One word of a text: its folded form, whether it is capitalised, where it starts and ends."""

    norm: str
    capital: bool
    start: int
    end: int


@dataclass(frozen=True)
class Finding:
    """A run of at least N words of an article found in a file."""

    path: str
    line: int
    article: str
    article_line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.article}:{self.article_line}] {self.text}"


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[Word]:
    """The words of a text; backslash escapes of string literals ('\\n', '\\u201c') are not words."""
    out: list[Word] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.startswith("\\"):
            continue
        out.append(Word(_fold(token), token[0].isupper(), match.start(), match.end()))
    return out


def _neutral(norm: str) -> bool:
    return norm in FUNCTION_WORDS or norm.isdigit()


def _name_like(run: Sequence[Word]) -> bool:
    """Every content word capitalised (a proper name with its function words)."""
    return all(w.capital or _neutral(w.norm) for w in run)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class GoldIndex:
    """Every run of N words of the articles, with the first place it occurs and whether it is a name there."""

    def __init__(self, articles: dict[str, str], n: int = 5) -> None:
        self.n = n
        self._first: dict[tuple[str, ...], tuple[str, int]] = {}
        self._named: set[tuple[str, ...]] = set()
        for name, text in articles.items():
            ws = words(text)
            for i in range(len(ws) - n + 1):
                run = ws[i:i + n]
                gram = tuple(w.norm for w in run)
                self._first.setdefault(gram, (name, _line_of(text, run[0].start)))
                if _name_like(run):
                    self._named.add(gram)

    def find(self, path: str, text: str) -> list[Finding]:
        """The runs of the text that are in an article and are neither a proper name nor function words only."""
        ws = words(text)
        n = self.n
        hits: list[tuple[int, tuple[str, int]]] = []
        for i in range(len(ws) - n + 1):
            run = ws[i:i + n]
            gram = tuple(w.norm for w in run)
            where = self._first.get(gram)
            if where is None or all(_neutral(g) for g in gram):
                continue
            if gram in self._named and _name_like(run):
                continue
            hits.append((i, where))
        findings: list[Finding] = []
        k = 0
        while k < len(hits):  # overlapping runs are one finding, reported at its first word
            start, where = hits[k]
            end = start + n
            while k + 1 < len(hits) and hits[k + 1][0] < end:
                k += 1
                end = hits[k][0] + n
            first, last = ws[start], ws[end - 1]
            snippet = " ".join(text[first.start:last.end].split())
            if len(snippet) > 160:
                snippet = snippet[:157] + "..."
            findings.append(Finding(path, _line_of(text, first.start), where[0], where[1], snippet))
            k += 1
        return findings


def read_articles(sources: Iterable[Path]) -> dict[str, str]:
    """Article name -> text, from .txt files and folders of them."""
    out: dict[str, str] = {}
    for source in sources:
        files = sorted(source.glob("*.txt")) if source.is_dir() else [source]
        for f in files:
            out[f.stem] = f.read_text(encoding="utf-8")
    return out


def repository_files(root: Path) -> list[Path]:
    """The files git knows (tracked, or untracked and not ignored), less the articles and binary files."""
    try:
        listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                 cwd=root, capture_output=True, check=True, text=True).stdout
        names = sorted({n for n in listing.split("\0") if n})
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "__pycache__", "node_modules"}
        names = sorted(str(p.relative_to(root)) for p in root.rglob("*")
                       if p.is_file() and not skip & set(p.relative_to(root).parts))
    return [root / n for n in names
            if not n.startswith(SKIPPED_DIRS) and Path(n).suffix.lower() not in BINARY_SUFFIXES]


def read_allowed(path: Path | None) -> dict[tuple[str, str], str]:
    """(file, folded words of the run) -> why it is kept, from 'file<TAB>words<TAB>why' lines (# comments)."""
    if path is None or not path.exists():
        return {}
    out: dict[tuple[str, str], str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[2].strip():
            raise ValueError(f"{path}:{number}: expected 'file<TAB>words<TAB>why'")
        out[(parts[0].strip(), _key(parts[1]))] = parts[2].strip()
    return out


def _key(text: str) -> str:
    return " ".join(w.norm for w in words(text))


def apply_allowed(findings: list[Finding], allowed: dict[tuple[str, str], str], where: str) -> list[Finding]:
    """The findings not allowed, and a finding for each allowed entry that matched nothing."""
    used: set[tuple[str, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        key = (finding.path, _key(finding.text))
        if key in allowed:
            used.add(key)
        else:
            kept.append(finding)
    for key in allowed.keys() - used:
        kept.append(Finding(where, 0, "stale", 0, f"allowed run no longer found: {key[0]}: {key[1]}"))
    return kept


def scan(index: GoldIndex, files: Iterable[Path], root: Path) -> Iterator[Finding]:
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        try:
            shown = str(path.relative_to(root))
        except ValueError:
            shown = str(path)
        yield from index.find(shown, text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to check (default: the repository)")
    parser.add_argument("--n", type=int, default=5, help="shortest run of article words reported (default 5)")
    parser.add_argument("--articles", nargs="+", type=Path, default=[ROOT / a for a in DEFAULT_ARTICLES],
                        help="article .txt files or folders of them (default: seeds/ and tests/data/corpus/dev/)")
    parser.add_argument("--allowed", type=Path, default=DEFAULT_ALLOWED,
                        help="runs kept on purpose, 'file<TAB>words<TAB>why' (default: tools/gold_text_allowed.tsv)")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository to check (default: this one)")
    args = parser.parse_args(argv)
    if args.n < 2:
        parser.error("--n must be at least 2")
    articles = read_articles(args.articles)
    if not articles:
        print("check_gold_text: no articles found in " + ", ".join(map(str, args.articles)), file=sys.stderr)
        return 2
    root = args.root.resolve()
    if args.paths:
        files = [f for p in args.paths for f in (sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p])]
    else:
        allowed_file = args.allowed.resolve()
        files = [f for f in repository_files(root) if f.resolve() != allowed_file]  # it quotes what it allows
    findings = list(scan(GoldIndex(articles, args.n), files, root))
    if not args.paths:  # the allowed runs are those of the whole repository
        try:
            allowed = read_allowed(args.allowed)
        except ValueError as err:
            print(f"check_gold_text: {err}", file=sys.stderr)
            return 2
        findings = apply_allowed(findings, allowed, str(args.allowed))
    for finding in findings:
        print(finding)
    print(f"{len(findings)} run(s) of {args.n}+ words of {len(articles)} gold article(s) in {len(files)} file(s)",
          file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
