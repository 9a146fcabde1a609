"""Outputs are whole or absent: interrupted runs, full disks and closed folders never leave half a file."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graphkit.atomic import atomic_write_text
from graphkit.errors import OutputError
from graphkit.graph import load_graph, save_graph
from graphkit.store import STORE_NAME, ResultStore
from tests.hostile.nobody import as_unprivileged
from tests.test_graph import tiny_graph

OUTPUTS = ("graph.json", "triples.jsonl", "map.html", "allegations.html")  # in writing order
ARTICLE = ("Checkpoint report\n\nSoldiers of the national guard detained two bus drivers at a checkpoint "
           "on Sunday, the drivers' union said. The union said the men were beaten.\n")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def previous(tmp_path) -> Path:
    """An output folder holding the outputs of an earlier run (stand-ins: any whole files will do)."""
    out = tmp_path / "out"
    save_graph(tiny_graph(), out / "graph.json")
    for name in OUTPUTS[1:]:
        (out / name).write_text(f"an earlier {name}\n", encoding="utf-8")
    return out


def test_outputs_get_the_umask_mode_not_owner_only(tmp_path, seeds_run):
    _, out = seeds_run
    mask = os.umask(0o022)
    os.umask(mask)
    for name in OUTPUTS:
        assert (out / name).stat().st_mode & 0o777 == 0o666 & ~mask, name
    old = os.umask(0o027)
    try:
        path = atomic_write_text(tmp_path / "x.txt", "text")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(previous):
    before = _snapshot(previous)

    def explode(fh):
        fh.write("half of a new fi")
        raise OSError(28, "No space left on device")

    from graphkit.atomic import atomic_write

    with pytest.raises(OutputError, match="graph.json: cannot write .No space left on device.; the previous"):
        atomic_write(previous / "graph.json", explode)
    assert _snapshot(previous) == before


def test_an_output_folder_that_cannot_be_written_is_a_clear_error(previous):
    before = _snapshot(previous)
    os.chmod(previous, 0o555)
    for p in (previous.parent, previous.parent.parent, previous.parent.parent.parent):
        os.chmod(p, os.stat(p).st_mode | 0o755)
    try:
        result, _ = as_unprivileged(lambda: save_graph(tiny_graph(), previous / "graph.json"))
    finally:
        os.chmod(previous, 0o755)
    assert isinstance(result, OutputError), result
    assert "graph.json" in str(result) and "Permission denied" in str(result) and "\n" not in str(result)
    assert _snapshot(previous) == before


def test_an_output_path_under_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot create the output folder"):
        save_graph(tiny_graph(), tmp_path / "plain" / "out" / "graph.json")


def _cli(args: list[str], *, preamble: str = "", **kwargs) -> subprocess.Popen[str]:
    code = preamble + "\nimport sys\nfrom graphkit.cli import main\nsys.argv = ['graphkit', *sys.argv[1:]]\nmain()\n"
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)


@pytest.mark.model
def test_a_full_disk_is_a_clear_error_and_the_previous_outputs_stay(tmp_path, previous):
    (tmp_path / "in.txt").write_text(ARTICLE, encoding="utf-8")
    before = _snapshot(previous)

    def small_files() -> None:  # files may not grow past 2 KB: the graph file (with its text) is bigger
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    proc = _cli(["run", str(tmp_path / "in.txt"), "--out", str(previous)], preexec_fn=small_files)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1
    errors = [line for line in err.splitlines() if "error" in line]
    # the first file to outgrow the limit is the results store, appended before the graph files are written
    assert len(errors) == 1 and "results.jsonl: cannot write (File too large)" in errors[0], err
    after = _snapshot(previous)
    assert {k: v for k, v in after.items() if k != STORE_NAME} == before
    assert len(ResultStore(previous)) == 0  # the torn line it left is dropped when the folder is read again


# the fsync of a finished temporary file, just before its rename, is where the run is interrupted
PAUSE_AT_FSYNC = textwrap.dedent("""
    import os, sys, time
    _fsync, _count = os.fsync, [0]
    def _pausing_fsync(fd):
        if not os.path.basename(os.readlink(f"/proc/self/fd/{fd}")).startswith("."):
            return _fsync(fd)  # only the temporary files of whole outputs count (not the results store)
        _count[0] += 1
        if _count[0] == int(os.environ["PAUSE_AT"]):
            print("PAUSED", flush=True)
            time.sleep(120)
        return _fsync(fd)
    os.fsync = _pausing_fsync
""")


@pytest.mark.model
@pytest.mark.parametrize("sig, pause_at", [(signal.SIGINT, 1), (signal.SIGTERM, 2), (signal.SIGKILL, 3)],
                         ids=["SIGINT-graph", "SIGTERM-triples", "SIGKILL-map"])
def test_an_interrupted_run_leaves_whole_outputs(tmp_path, previous, sig, pause_at):
    (tmp_path / "in.txt").write_text(ARTICLE, encoding="utf-8")
    before = _snapshot(previous)
    proc = _cli(["run", str(tmp_path / "in.txt"), "--out", str(previous)], preamble=PAUSE_AT_FSYNC,
                env=dict(os.environ, PAUSE_AT=str(pause_at)))
    deadline = time.monotonic() + 300
    assert proc.stdout is not None
    while proc.stdout.readline().strip() != "PAUSED":
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    after = _snapshot(previous)
    written = OUTPUTS[: pause_at - 1]  # renamed before the pause: the new run's complete files
    interrupted = OUTPUTS[pause_at - 1]
    assert after[interrupted] == before[interrupted], "the file being written when the run stopped changed"
    for name in OUTPUTS[pause_at:]:
        assert after[name] == before[name]
    for name in written:
        assert after[name] != before[name]
    if "graph.json" in written:
        assert [d.id for d in load_graph(previous / "graph.json").documents] == ["in"]
    temporaries = sorted(set(after) - set(OUTPUTS) - {STORE_NAME})  # the store is appended, not replaced
    if sig == signal.SIGKILL:
        assert len(temporaries) <= 1 and all(t.startswith(".map.html.") for t in temporaries)  # nothing can clean
    else:
        assert temporaries == []
        lines = [line for line in err.splitlines() if line.startswith("graphkit:")]
        assert lines and ("aborted" in lines[-1] or "terminated" in lines[-1]), err
