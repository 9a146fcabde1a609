import io
import json
import logging

import pytest

from graphkit.errors import InputError
from graphkit.ingest import load_articles, strip_clutter
from graphkit.ingest.clutter import split_meta_date


def test_ingest_text_file_gets_stem_id_and_hash(tmp_path):
    (tmp_path / "a1.txt").write_text("Headline\n\nSoldiers detained ten protesters in Caracas.", encoding="utf-8")
    [article] = load_articles([tmp_path / "a1.txt"])
    assert article.id == "a1"
    assert len(article.sha256) == 64
    assert article.title == "Headline"
    assert "Soldiers detained" in article.text


def test_ingest_folder_is_recursive_and_skips_unknown_suffixes(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Police arrested a journalist.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("The army killed two farmers.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    ids = sorted(a.id for a in load_articles([tmp_path]))
    assert ids == ["b", "c"]


def test_ingest_jsonl_bad_lines_warn_and_the_rest_goes_on(tmp_path, caplog):
    lines = [
        json.dumps({"id": "x1", "text": "Guards beat the inmates.", "title": "T", "date": "2020-01-02"}),
        "{not json",
        json.dumps({"id": "x2"}),
        json.dumps({"text": "Agents abducted an activist."}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        articles = load_articles([tmp_path / "feed.jsonl"])
    assert [a.id for a in articles] == ["x1", "feed-4"]
    assert articles[0].date == "2020-01-02"
    assert "line 2" in caplog.text and "line 3" in caplog.text


def test_ingest_html_keeps_main_text(tmp_path):
    html = """<html><head><title>Abuses report</title></head><body>
    <nav><a href='/'>Home</a> <a href='/news'>News</a></nav>
    <article><h1>Abuses report</h1>
    <p>Security forces tortured detainees at a clandestine centre in the capital, according to a new report
    released on Monday by a human rights group that interviewed dozens of former prisoners.</p>
    <p>The report documents beatings, electric shocks and threats against relatives of the detainees held
    by the intelligence service over the past two years.</p></article>
    <footer>Share this article on Facebook</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    [article] = load_articles([tmp_path / "page.html"])
    assert "tortured detainees" in article.text
    assert "Home" not in article.text.split("\n")


def test_ingest_stdin():
    [article] = load_articles(["-"], stdin=io.StringIO("Soldiers detained ten protesters."))
    assert article.id == "stdin"


def test_ingest_duplicate_text_is_skipped_once(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("Same story about detentions.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same story about detentions.", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert [a.id for a in load_articles([tmp_path])] == ["a"]
    assert "same text" in caplog.text


def test_ingest_missing_input_is_a_warning_and_no_articles_is_an_error(tmp_path, caplog):
    (tmp_path / "ok.txt").write_text("Police arrested a journalist.", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert len(load_articles([tmp_path / "missing.txt", tmp_path / "ok.txt"])) == 1
    assert "missing.txt" in caplog.text
    with pytest.raises(InputError):
        load_articles([tmp_path / "missing.txt"])


@pytest.mark.parametrize(
    "line",
    [
        "SEE ALSO: How Three Cartels Divided The Border",
        "Click here to send us your comments.",
        "What are your thoughts?",
        "We encourage readers to share and distribute these stories freely.",
        "DONATE",
    ],
)
def test_clutter_lines_are_dropped(line):
    body, dropped = strip_clutter(f"Headline\n\nSoldiers detained ten protesters.\n\n{line}\n\nThe army denied it.")
    assert line not in body
    assert "Soldiers detained ten protesters." in body and "The army denied it." in body
    assert dropped == 1


def test_clutter_related_content_and_everything_after_is_cut():
    body_lines = [
        "Headline",
        "Police killed two men in the northern town of San Rafael late on Friday night, residents said.",
        "The army denied any involvement and said that its soldiers had been in their barracks all night.",
        "Families of the two men demanded answers from the state prosecutor and the national ombudsman.",
    ]
    text = "\n".join([*body_lines, "Related Content", "PERU / 14 JUN 2019", "A teaser sentence."])
    body, _ = strip_clutter(text)
    assert body.splitlines() == body_lines


def test_clutter_a_related_content_heading_early_in_a_page_is_not_a_page_end():
    text = "Headline\nRelated Content\nPolice killed two men.\nThe army denied it.\nFamilies demanded answers."
    body, _ = strip_clutter(text)
    assert "Families demanded answers." in body


def test_clutter_runs_of_short_teaser_lines_are_dropped_but_the_headline_stays():
    text = "Short Headline Here\nPolice killed two men in the north.\nHome\nNews\nWorld\nThe army denied it."
    body, _ = strip_clutter(text)
    assert body.splitlines() == ["Short Headline Here", "Police killed two men in the north.", "The army denied it."]


def test_leading_date_metadata_becomes_the_article_date():
    text, date = split_meta_date(" date 2019-06-14 The council said so.")
    assert date == "2019-06-14" and text == "The council said so."


def test_ingest_a_closing_quote_glued_to_the_next_word_is_spaced():
    from graphkit.ingest.readers import make_article

    article = make_article("q", "They registered “thousands of executions”he pointed out. Venezuela’s army denied it.")
    assert "executions” he pointed" in article.text and "Venezuela’s" in article.text


def test_list_markers_are_dropped_so_a_name_starts_its_line():
    text = ("Headline\n\nThe Treasury named three officials:\n\n• Ana Maria Ruiz Soto, police chief, for torture.\n"
            "- Jorge Vega, for extortion.\nCrowds on both sides - some armed - met at noon.")
    body, dropped = strip_clutter(text)
    assert "\nAna Maria Ruiz Soto, police chief" in body and "\nJorge Vega, for extortion." in body
    assert "both sides - some armed - met" in body  # a dash inside a line stays
    assert dropped == 0
