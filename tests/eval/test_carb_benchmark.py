import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "carb.py"


@pytest.mark.model
def test_carb_benchmark_runs_on_a_few_dev_sentences(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("carb_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    if not (bench.DATA / "dev.txt").is_file():
        pytest.fail(f"CaRB data missing at {bench.DATA}")
    output = tmp_path / "dev.carb"
    bench.main(["--split", "dev", "--limit", "5", "--cache", str(tmp_path / "cache"), "--output", str(output)])
    printed = capsys.readouterr().out
    rows = {line.split()[2]: line.split()[-4:] for line in printed.splitlines()[1:]}
    assert set(rows) == {"graphkit", "svo"}
    for values in rows.values():
        assert all(0.0 <= float(v) <= 1.0 for v in values)
    assert float(rows["graphkit"][2]) > 0.2  # five sentences, well above nothing
    assert len(output.read_text().splitlines()) >= 5
    # the second run reads the cached parse
    bench.main(["--split", "dev", "--limit", "5", "--cache", str(tmp_path / "cache")])
    assert len(list((tmp_path / "cache").iterdir())) == 1
