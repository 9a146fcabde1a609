"""Extraction on a Dask cluster (a LocalCluster of two worker processes on loopback) gives the same graph."""

from __future__ import annotations

import pytest

from graphkit.config import Settings
from graphkit.graph import to_interchange
from graphkit.ingest.readers import make_article
from graphkit.pipeline import build_from_articles, run_pipeline
from tests.scale.corpus import article_text, write_folder

distributed = pytest.importorskip("distributed", reason="the Dask test needs graphkit[dask] (in the dev extras)")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, memory_limit="3GiB") as local:
        yield local


def test_dask_cluster_graph_equals_single_process(cluster, nlp):
    articles = [make_article(f"d{i}", article_text(i)) for i in range(8)]
    single = to_interchange(build_from_articles(articles, Settings(workers=1)))
    on_dask = to_interchange(build_from_articles(articles, Settings(scheduler=cluster.scheduler_address, chunk_size=2)))
    assert single["events"] and on_dask == single
    with distributed.Client(cluster.scheduler_address) as client:
        ran_on = client.run(lambda: __import__("graphkit.parallel").parallel._MODELS.__len__())
    assert len(ran_on) == 2 and all(n == 1 for n in ran_on.values())  # both workers loaded the model, once


def test_dask_run_into_a_folder_equals_a_local_run(cluster, tmp_path, nlp):
    folder = write_folder(tmp_path / "in", range(5))
    local = run_pipeline([folder], tmp_path / "local", Settings(), write_map=False)
    remote = run_pipeline([folder], tmp_path / "dask", Settings(scheduler=cluster.scheduler_address, chunk_size=1),
                          write_map=False)
    assert remote.added == local.added and to_interchange(remote.graph) == to_interchange(local.graph)
