"""Runners for per-partition batch jobs: local (default) and Apache Spark.

A job is a pure function ``fn(rows) -> rows`` over one partition (a list of plain dicts);
both runners call the same function on the same partitions, so they give identical results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from kiemchung.errors import DependencyMissingError, ValidationError

Row = dict[str, Any]
PartitionFn = Callable[[Sequence[Row]], list[Row]]


class Runner(Protocol):
    name: str

    def map_partitions(self, fn: PartitionFn, partitions: Iterable[Sequence[Row]]) -> Iterator[list[Row]]:
        """Apply ``fn`` to each partition, yielding results in partition order."""
        ...


class LocalRunner:
    """Runs partitions one after the other in this process (the default)."""

    name = "local"

    def map_partitions(self, fn: PartitionFn, partitions: Iterable[Sequence[Row]]) -> Iterator[list[Row]]:
        for partition in partitions:
            yield fn(partition)


class SparkRunner:
    """Runs partitions on Apache Spark (``pip install 'kiemchung[spark]'``).

    Partitions are shipped as they are (one Spark partition per kiemchung partition) and the
    results collected in order, so the output equals :class:`LocalRunner`'s.
    """

    name = "spark"

    def __init__(self, *, master: str = "local[*]", app_name: str = "kiemchung") -> None:
        self.master = master
        self.app_name = app_name

    def map_partitions(self, fn: PartitionFn, partitions: Iterable[Sequence[Row]]) -> Iterator[list[Row]]:
        try:
            from pyspark.sql import SparkSession
        except ImportError as err:
            raise DependencyMissingError("pyspark", extra="spark") from err
        chunks = [list(p) for p in partitions]
        if not chunks:
            return iter(())
        spark = SparkSession.builder.master(self.master).appName(self.app_name).getOrCreate()
        rdd = spark.sparkContext.parallelize(list(enumerate(chunks)), numSlices=len(chunks))
        results = rdd.map(lambda pair: (pair[0], fn(pair[1]))).collect()
        return iter([rows for _index, rows in sorted(results, key=lambda pair: pair[0])])


def get_runner(name: str) -> Runner:
    """``local`` or ``spark``."""
    if name == "local":
        return LocalRunner()
    if name == "spark":
        return SparkRunner()
    raise ValidationError("unknown runner", field="runner", expected="'local' or 'spark'", received=name)


def partitions(rows: Iterable[Row], *, size: int) -> Iterator[list[Row]]:
    """Split an iterable of rows into lists of at most ``size`` rows."""
    if size <= 0:
        raise ValidationError("partition size must be positive", field="size", expected="> 0", received=size)
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
