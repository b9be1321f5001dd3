"""``--engine dask`` on a real LocalCluster of worker processes: the local engine's rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from twoway.batch import Batch, BatchConfig, read_rows

from .conftest import EXAMPLES

pytest.importorskip("pyarrow")
distributed = pytest.importorskip("distributed")


def table(out: Path, kind: str) -> list[dict[str, object]]:
    return sorted(
        read_rows(str(out), kind=kind), key=lambda r: (str(r["path"]), str(r.get("speaker")))
    )


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_dask_cluster_gives_the_local_engine_rows(cohort_dir: Path, tmp_path: Path) -> None:
    (cohort_dir / "bad.vtt").write_bytes(b"\x00binary")
    inputs = (str(cohort_dir), str(EXAMPLES / "second_round_interview.srt"))
    local_out = tmp_path / "local.parquet"
    local = Batch(BatchConfig(inputs, str(local_out), jobs=2, me="Dana")).run()
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        out = tmp_path / "dask.parquet"
        config = BatchConfig(
            inputs, str(out), me="Dana", engine="dask", scheduler=cluster.scheduler_address
        )
        remote = Batch(config).run()
        assert (remote.analyzed, remote.failed) == (local.analyzed, local.failed) == (8, 1)
        assert table(out, "conversation") == table(local_out, "conversation")
        assert table(out, "speaker") == table(local_out, "speaker")
        # Resume works the same way on the cluster: everything is already there.
        again = Batch(config).run()
        assert (again.analyzed, again.skipped, again.failed) == (0, 8, 1)
    assert sum(1 for _ in read_rows(str(out))) == 9
