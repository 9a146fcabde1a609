"""Incremental runs into an existing output folder: add, skip, replace, and a killed run started again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from graphkit.config import Settings
from graphkit.graph import to_interchange
from graphkit.pipeline import run_pipeline
from graphkit.store import STORE_NAME, ResultStore
from tests.scale.corpus import article_text, write_folder

ROOT = Path(__file__).resolve().parents[2]


def _graph(out: Path) -> dict:
    return json.loads((out / "graph.json").read_text(encoding="utf-8"))


def _run(inputs, out, **kw):
    return run_pipeline(inputs, out, Settings(), write_map=False, **kw)


def test_a_second_run_adds_only_new_documents_and_equals_one_run_over_all(tmp_path, nlp):
    first, second = write_folder(tmp_path / "monday", range(0, 4)), write_folder(tmp_path / "tuesday", range(4, 6))
    out = tmp_path / "out"
    one = _run([first], out)
    assert one.added == [f"doc{i:03d}" for i in range(4)] and one.skipped == 0
    assert one.graph.events, "the test articles must give facts, or equality below proves nothing"
    two = _run([first, second], out)
    assert two.added == ["doc004", "doc005"] and two.skipped == 4 and two.replaced == []
    everything = _run([first, second], tmp_path / "fresh")
    assert _graph(out) == _graph(tmp_path / "fresh")
    assert to_interchange(two.graph) == to_interchange(everything.graph)
    # only the new folder as input: the graph still holds every document extracted into out
    three = _run([second], out)
    assert three.added == [] and three.skipped == 2
    assert [d["id"] for d in _graph(out)["documents"]] == [f"doc{i:03d}" for i in range(6)]


def test_a_changed_text_replaces_that_documents_facts(tmp_path, nlp):
    folder = write_folder(tmp_path / "in", range(0, 3))
    out = tmp_path / "out"
    before = _run([folder], out)
    assert "Ines Caballero" in {e.name for e in before.graph.entities}
    old_text = (folder / "doc001.txt").read_text(encoding="utf-8")
    new_text = ("Agents of the intelligence service abducted the union leader Ramiro Benavides in Tucupita. "
                "His family said that the agents tortured him.\n")
    (folder / "doc001.txt").write_text(new_text, encoding="utf-8")
    again = _run([folder], out)
    assert again.replaced == ["doc001"] and again.added == ["doc001"] and again.skipped == 2
    _run([folder], tmp_path / "fresh")
    assert _graph(out) == _graph(tmp_path / "fresh")
    graph = _graph(out)
    names = {e["name"] for e in graph["entities"]}
    assert "Ramiro Benavides" in names
    gone = "Ines Caballero"  # named in the old text of doc001 and in no other document
    assert gone in old_text and all(gone not in article_text(i) for i in (0, 2))
    assert gone not in names and all(gone not in "".join(e["aliases"]) for e in graph["entities"])
    doc1 = next(d for d in graph["documents"] if d["id"] == "doc001")
    assert doc1["text"].startswith("Agents of the intelligence service")
    assert [d["id"] for d in graph["documents"]] == ["doc000", "doc001", "doc002"]  # it keeps its place
    assert all(gone not in ev["evidence"] for ev in graph["events"])


def test_a_killed_run_started_again_ends_with_the_same_graph(tmp_path, nlp):
    folder = write_folder(tmp_path / "in", range(0, 40))
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-c", "from graphkit.cli import main; main()", "run", str(folder), "--out", str(out),
           "--workers", "1", "--no-map"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    store = out / STORE_NAME
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if store.exists() and store.read_bytes().count(b"\n") >= 3:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    done = store.read_bytes().count(b"\n")
    assert 3 <= done < 40 and not (out / "graph.json").exists()
    with store.open("ab") as fh:  # a write cut in the middle of a line, as a crash can leave it
        fh.write(b'{"id": "doc039", "sha256": "abc", "result": {"art')
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"{done} already in" in result.stdout
    assert len(ResultStore(out)) == 40
    _run([folder], tmp_path / "fresh")
    assert _graph(out) == _graph(tmp_path / "fresh")


def test_results_of_another_extractor_version_are_named_and_fresh_redoes_them(tmp_path, nlp, monkeypatch, caplog):
    import graphkit.store as store_module

    folder = write_folder(tmp_path / "in", range(0, 2))
    out = tmp_path / "out"
    _run([folder], out)
    assert ResultStore(out).stale() == []
    # graphkit's rules or data change (an upgrade, a local edit): the stored facts are now of another vintage
    monkeypatch.setattr(store_module, "extractor_id", lambda: "a-later-version")
    assert ResultStore(out).stale() == ["doc000", "doc001"]
    with caplog.at_level("WARNING", logger="graphkit.pipeline"):
        again = _run([folder], out)
    assert again.skipped == 2 and again.added == []  # kept as they were, not parsed again...
    assert "2 of 2 documents" in caplog.text and "--fresh" in caplog.text  # ...but the user is told
    caplog.clear()
    redone = _run([folder], out, fresh=True)
    assert redone.added == ["doc000", "doc001"] and ResultStore(out).stale() == []
    assert "another version" not in caplog.text
