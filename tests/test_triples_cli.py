import json

import pytest

from graphkit.cli import cli

LINES = [
    "The police arrested the mayor and the treasurer on Friday .",
    "Ana Ruiz , the director of the clinic , denied it. She was questioned by the prosecutor .",
    "  Rain .  ",
]


@pytest.mark.model
def test_triples_sentences_carb_columns_and_exact_sentence(runner, tmp_path):
    source = tmp_path / "sentences.txt"
    source.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    result = runner.invoke(cli, ["triples", str(source), "--sentences", "--format", "carb", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows
    for row in rows:
        assert len(row) >= 5
        assert row[0] in LINES  # the input line exactly: never re-split, never re-spaced
        assert 0.0 < float(row[1]) <= 1.0
    assert ["arrested", "The police", "the mayor", "on Friday"] in [row[2:] for row in rows]
    # the second line holds two sentences; both are read, and both keep the whole line as sentence
    second = [row for row in rows if row[0] == LINES[1]]
    assert {row[2] for row in second} >= {"denied", "was questioned by"}


@pytest.mark.model
def test_triples_sentences_stdout_jsonl_keeps_provenance(runner, tmp_path):
    source = tmp_path / "sentences.txt"
    source.write_text(LINES[0] + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["triples", str(source), "--sentences", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    first = records[0]
    assert first["doc"] == "line-1" and first["sentence"] == LINES[0]
    assert LINES[0][first["start"] : first["end"]].startswith(first["subject"])


@pytest.mark.model
def test_triples_from_articles(runner, tmp_path):
    article = tmp_path / "report.txt"
    article.write_text("Protest in the capital\n\nSoldiers detained two students near the university.\n")
    result = runner.invoke(cli, ["triples", str(article)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    hit = next(r for r in records if r["relation"] == "detained")
    assert hit["subject"] == "Soldiers" and hit["arguments"][0] == "two students"
    assert hit["sentence"] == "Soldiers detained two students near the university."


@pytest.mark.model
def test_triples_sentences_skip_blank_lines_and_number_by_file_line(runner, tmp_path):
    source = tmp_path / "sentences.txt"
    source.write_text("\n" + LINES[0] + "\r\n", encoding="utf-8")
    result = runner.invoke(cli, ["triples", str(source), "--sentences"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records and {r["doc"] for r in records} == {"line-2"}
    assert {r["sentence"] for r in records} == {LINES[0]}  # the \\r is not part of the sentence


@pytest.mark.model
def test_triples_tab_in_a_sentence_keeps_the_columns(runner, tmp_path, caplog):
    source = tmp_path / "sentences.txt"
    source.write_text("The police\tarrested the mayor .\n", encoding="utf-8")
    result = runner.invoke(cli, ["triples", str(source), "--sentences", "--format", "carb"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows and all(row[0] == "The police arrested the mayor ." for row in rows)
    assert "holds a tab" in caplog.text


def test_triples_missing_file_is_a_one_line_error(tmp_path, capsys, monkeypatch):
    from graphkit.cli import main

    monkeypatch.setattr("sys.argv", ["graphkit", "triples", str(tmp_path / "nope.txt"), "--sentences"])
    monkeypatch.setattr("graphkit.nlp.make_nlp", lambda settings=None: None)
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("graphkit: error:") and "nope.txt" in err and "\n" not in err
