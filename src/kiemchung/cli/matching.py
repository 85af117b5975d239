"""``kiemchung match``, ``kiemchung factchecks``, ``match-posts`` and ``cluster``: thin wrappers."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import click

from kiemchung.cli.context import CliContext, out, pass_ctx
from kiemchung.errors import ValidationError
from kiemchung.matching.library import FORMATS
from kiemchung.plugins import Registry

_BATCH = 256


@contextmanager
def _open(path: str, mode: str) -> Iterator[Any]:
    if path == "-":
        yield sys.stdin if "r" in mode else sys.stdout
        return
    try:
        fh = open(path, mode, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as err:
        raise ValidationError(f"cannot open file: {err.strerror}", source=path) from err
    try:
        yield fh
    finally:
        fh.close()


def _read_text(line: str, number: int, source: str) -> tuple[str | None, str | None]:
    """The ``text`` of one input line, or an error message."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        return None, str(ValidationError(f"invalid JSON: {err.msg}", line=number, source=source))
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str):
        return None, str(ValidationError("missing text", field="text", line=number,
                                         source=source, expected="a string"))
    return text, None


@click.command("match")
@click.option("--library", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Fact-check library (JSONL with id and claim; ClaimReview JSON-LD or CSV "
                   "also read). Default: the store's fact-checks (--db).")
@click.option("--top", "top_k", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Matches listed per input line.")
@click.option("--input", "input_path", default="-", show_default=True,
              help="JSONL with a 'text' field per line, or - for stdin.")
@click.option("--output", "output_path", default="-", show_default=True,
              help="Where to write one JSON result per input line, or - for stdout.")
@click.option("--explain", is_flag=True, help="Add claim, url and highlighted phrases.")
@click.option("--db", "db_url", metavar="URL", help="Database URL (overrides --db of kiemchung).")
@pass_ctx
def match_command(state: CliContext, library: Path | None, top_k: int, input_path: str,
                  output_path: str, explain: bool, db_url: str | None) -> None:
    """Đối chiếu với thư viện kiểm chứng / match texts against the fact-check library.

    Output, one line per input line and in order:
    {"decision": "match"|"maybe"|"none", "matches": [{"id", "score", "verdict"}, …]}.
    """
    from kiemchung.matching import Matcher
    from kiemchung.matching.library import read_library

    if library is not None:
        result = read_library(library)
        for err in result.errors:
            state.console.print(f"[yellow]bỏ qua / skipped: {err}")
        matcher = Matcher.build(result.items)
    else:
        from kiemchung.storage.factchecks import load_matcher

        with state.store_for(db_url) as store:
            matcher = load_matcher(store)
    matcher.set_thresholds(match=state.settings.match_threshold,
                           maybe=state.settings.maybe_threshold)
    if len(matcher) == 0:
        raise ValidationError("the fact-check library is empty",
                              expected="a --library file or fact-checks in the store")
    with _open(input_path, "r") as src, _open(output_path, "w") as dst:
        pending: list[tuple[str | None, str | None]] = []
        for number, line in enumerate(src, start=1):
            if not line.strip():
                continue
            pending.append(_read_text(line, number, input_path))
            if len(pending) >= _BATCH:
                _flush(matcher, pending, dst, top_k=top_k, explain=explain, state=state)
                pending = []
        _flush(matcher, pending, dst, top_k=top_k, explain=explain, state=state)


def _flush(matcher: Any, pending: list[tuple[str | None, str | None]], dst: TextIO, *,
           top_k: int, explain: bool, state: CliContext) -> None:
    texts = [t for t, _ in pending if t is not None]
    results = iter(matcher.match(texts, top_k=top_k)) if texts else iter(())
    for text, error in pending:
        if text is None:
            state.console.print(f"[yellow]{error}")
            dst.write(json.dumps({"decision": "none", "matches": [], "error": error},
                                 ensure_ascii=False) + "\n")
            continue
        result = next(results)
        matches = []
        for m in result.matches:
            item = m.to_dict()
            if explain:
                item.update(claim=m.claim, url=m.url, highlights=m.highlights)
            matches.append(item)
        dst.write(json.dumps({"decision": result.decision, "matches": matches},
                             ensure_ascii=False) + "\n")
    dst.flush()


@click.group("factchecks")
def factchecks_group() -> None:
    """Thư viện kiểm chứng / the fact-check library: import, export, list."""


@factchecks_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Default: guessed from the suffix (.jsonl, .csv, .json/.jsonld) and content.")
@click.option("--db", "db_url", metavar="URL", help="Database URL (overrides --db of kiemchung).")
@pass_ctx
def factchecks_import(state: CliContext, path: Path, fmt: str | None, db_url: str | None) -> None:
    """Nhập thư viện / import ClaimReview JSON-LD, JSONL or CSV (upsert by id)."""
    from kiemchung.storage.factchecks import import_factchecks

    with state.store_for(db_url) as store:
        summary = import_factchecks(store, path, fmt=fmt)
    for err in summary.errors:
        state.console.print(f"[yellow]không nhập / not imported: {err}")
    out(str(summary))
    if summary.failed and not (summary.inserted or summary.updated or summary.unchanged):
        raise ValidationError("no fact-check could be imported", source=str(path))


@factchecks_group.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--output", "output_path", default="-", show_default=True, help="File or - for stdout.")
@click.option("--db", "db_url", metavar="URL", help="Database URL (overrides --db of kiemchung).")
@pass_ctx
def factchecks_export(state: CliContext, fmt: str, output_path: str, db_url: str | None) -> None:
    """Xuất thư viện / export the library (JSONL, CSV or ClaimReview JSON-LD)."""
    from kiemchung.storage.factchecks import export_factchecks

    with state.store_for(db_url) as store, _open(output_path, "w") as dst:
        count = export_factchecks(store, dst, fmt=fmt)
    state.console.print(f"exported {count}")


@factchecks_group.command("list")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option("--db", "db_url", metavar="URL", help="Database URL (overrides --db of kiemchung).")
@pass_ctx
def factchecks_list(state: CliContext, limit: int, db_url: str | None) -> None:
    """Liệt kê / list fact-checks: id, verdict, claim."""
    from kiemchung.storage.factchecks import count_factchecks, load_factchecks

    with state.store_for(db_url) as store:
        items = load_factchecks(store, limit=limit)
        total = count_factchecks(store)
    for fc in items:
        claim = fc.claim if len(fc.claim) <= 90 else fc.claim[:89] + "…"
        out(f"{fc.id}\t{fc.verdict_norm or fc.verdict or '-'}\t{claim}")
    state.console.print(f"{len(items)} / {total}")


@click.command("match-posts")
@click.option("--all", "redo", is_flag=True, help="Match every post again, not only new ones.")
@click.option("--db", "db_url", metavar="URL", help="Database URL (overrides --db of kiemchung).")
@pass_ctx
def match_posts_command(state: CliContext, redo: bool, db_url: str | None) -> None:
    """Đối chiếu bài đăng trong kho / match stored posts against the store's fact-checks."""
    from kiemchung.batch.match import match_store

    with state.store_for(db_url) as store:
        count = match_store(store, only_new=not redo)
    out(f"matched {count} posts")


@click.command("cluster")
@click.option("--db", "db_url", metavar="URL", help="Database URL (overrides --db of kiemchung).")
@pass_ctx
def cluster_command(state: CliContext, db_url: str | None) -> None:
    """Gom bài thành câu chuyện / group posts into stories and narratives, detect bursts."""
    from kiemchung.batch.cluster import cluster_store

    with state.store_for(db_url) as store:
        summary = cluster_store(store)
    out(str(summary))


def register_plugins(registry: Registry) -> None:
    """Register this module's commands."""
    registry.register("commands", "match", match_command)
    registry.register("commands", "factchecks", factchecks_group)
    registry.register("commands", "match-posts", match_posts_command)
    registry.register("commands", "cluster", cluster_command)
