from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from typing import Any

import pytest

from kiemchung.batch.runner import LocalRunner, SparkRunner, get_runner, partitions
from kiemchung.errors import ValidationError


def _job(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": r["id"], "folded_len": len(r["text"].lower()), "n": len(rows)} for r in rows]


ROWS = [{"id": i, "text": f"Bài {i} Tiếng Việt 🚨"} for i in range(23)]


def test_partitions_keep_every_row_in_order() -> None:
    parts = list(partitions(iter(ROWS), size=5))
    assert [len(p) for p in parts] == [5, 5, 5, 5, 3]
    assert [r for p in parts for r in p] == ROWS
    with pytest.raises(ValidationError, match="positive"):
        list(partitions(ROWS, size=0))


def test_local_runner() -> None:
    out = [row for part in LocalRunner().map_partitions(_job, partitions(ROWS, size=7)) for row in part]
    assert [r["id"] for r in out] == list(range(23))
    assert out[-1]["n"] == 2


def test_unknown_runner() -> None:
    with pytest.raises(ValidationError, match="runner"):
        get_runner("dask")


@pytest.mark.spark
def test_spark_runner_gives_identical_results() -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs a Java runtime (java not on PATH)")
    from pyspark import cloudpickle

    # Workers cannot import this test module: ship the job function by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    local = list(LocalRunner().map_partitions(_job, partitions(ROWS, size=4)))
    spark = list(SparkRunner(master="local[2]").map_partitions(_job, partitions(ROWS, size=4)))
    assert spark == local
