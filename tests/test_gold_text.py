"""No text of a gold article in the repository (tools/check_gold_text.py), and the checker finds what it should."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "check_gold_text.py"

ARTICLE = """Ministry Report

The Ministry of Coastal Fisheries of Valdoria said on Tuesday that harbour guards had beaten
three fishermen near Port Ester. The beatings were part of a campaign to silence the boat owners,
according to a statement of the Harbour Workers' Union. It was one of the most serious
of all the incidents this year. It was not as if any of them had been there before.
The fishermen were detenidos en Puerto Ester.
"""


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_gold_text", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_gold_text"] = module
    spec.loader.exec_module(module)
    return module


def _find(text: str, n: int = 5) -> list[str]:
    tool = _tool()
    return [f.text for f in tool.GoldIndex({"art": ARTICLE}, n).find("x.py", text)]


def test_a_copied_phrase_is_found_with_its_file_line_and_article_line() -> None:
    tool = _tool()
    text = 'x = 1\n# example: "guards had beaten three fishermen"\n'
    [finding] = tool.GoldIndex({"art": ARTICLE}, 5).find("x.py", text)
    assert (finding.path, finding.line, finding.article, finding.article_line) == ("x.py", 2, "art", 3)
    assert finding.text == "guards had beaten three fishermen"
    assert str(finding).startswith("x.py:2: [art:3] ")


def test_case_accents_punctuation_line_ends_and_string_concatenation_do_not_hide_a_run() -> None:
    found = _find('s = ("A Campaign to Silence "\n     "the boat owners.")')
    assert found == ['A Campaign to Silence " "the boat owners']
    assert _find("The fishermen WERE detenidós.") == []  # four words
    assert _find("# The fishermen WERE detenidós en") == ["The fishermen WERE detenidós en"]
    assert _find("text = 'three\\nfishermen near Port Ester'") == ["three\\nfishermen near Port Ester"]


def test_overlapping_runs_are_one_finding() -> None:
    assert _find("harbour guards had beaten three fishermen near the dock") == [
        "harbour guards had beaten three fishermen near"]


def test_a_shorter_run_is_found_only_with_a_smaller_n() -> None:
    assert _find("guards had beaten three boys") == []
    assert _find("guards had beaten three boys", n=4) == ["guards had beaten three"]


def test_a_proper_name_and_function_words_alone_are_allowed() -> None:
    assert _find("ORGS = ['The Ministry of Coastal Fisheries of Valdoria']") == []
    assert _find("as if any of them had been") == []  # function words only
    # lower case in the file: not written as a name there, so it is reported
    assert _find("the ministry of coastal fisheries") == ["the ministry of coastal fisheries"]
    assert _find("Harbour Workers' Union. It was") == []  # a name and function words
    # a name with a lower-case content word of the article is more than a name
    assert _find("Valdoria said on Tuesday that") == ["Valdoria said on Tuesday that"]


def test_the_command_reports_findings_allows_listed_ones_and_flags_stale_entries(tmp_path: Path) -> None:
    tool = _tool()
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "art.txt").write_text(ARTICLE, encoding="utf-8")
    code = tmp_path / "repo"
    code.mkdir()
    (code / "a.py").write_text("# a campaign to silence the boat owners\n", encoding="utf-8")
    (code / "b.txt").write_text("clean text about something else entirely\n", encoding="utf-8")
    args = ["--articles", str(tmp_path / "articles"), "--root", str(code)]
    assert tool.main([*args, str(code)]) == 1
    assert tool.main([*args, str(code / "b.txt")]) == 0
    allowed = tmp_path / "allowed.tsv"
    allowed.write_text("# kept\na.py\ta campaign to silence the boat owners\ta reason\n", encoding="utf-8")
    assert tool.main([*args, "--allowed", str(allowed)]) == 0
    (code / "a.py").write_text("# rewritten\n", encoding="utf-8")
    assert tool.main([*args, "--allowed", str(allowed)]) == 1  # the entry is stale
    allowed.write_text("a.py\ta campaign to silence the boat owners\n", encoding="utf-8")
    assert tool.main([*args, "--allowed", str(allowed)]) == 2  # an entry without a reason



def test_no_run_of_five_words_of_a_gold_article_in_the_repository() -> None:
    result = subprocess.run([sys.executable, str(TOOL)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (
        "text of a gold article in the repository: write your own sentences (tools/check_gold_text.py)\n"
        + result.stdout + result.stderr)
