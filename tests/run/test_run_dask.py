"""The Dask engine on a LocalCluster writes the same dataset as the local engine."""
from __future__ import annotations

import os

import pytest

from batch_corpus import ROOT, snapshot
from nlp.run.batch import BatchConfig, run_batch

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with pytest.MonkeyPatch.context() as mp:  # the workers import nlp from this checkout
        mp.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as c:
            yield c


@pytest.mark.parametrize("ship", ["bytes", "paths"])
def test_dask_run_equals_local_run(cluster, small_corpus, reference_run, tmp_path, ship):
    corpus, kinds = small_corpus
    db = tmp_path / "dask.duckdb"
    summary = run_batch(BatchConfig(inputs=[str(corpus)], db=str(db), engine="dask",
                                    scheduler=cluster.scheduler_address, ship=ship, progress=False))
    assert summary.failed == sum(1 for k in kinds.values() if k == "bad")
    assert summary.exit_status == 1
    assert snapshot(db) == snapshot(reference_run[0])
