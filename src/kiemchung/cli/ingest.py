"""``kiemchung ingest``, ``kiemchung quarantine`` and ``kiemchung feeds``: thin wrappers."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from kiemchung.cli.context import CliContext, out, pass_ctx
from kiemchung.ingest.mapping import PRESETS
from kiemchung.plugins import Registry
from kiemchung.records import IngestSummary


@click.command("ingest")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", help="Source name (default: the file's name); part of each post's identity.")
@click.option("--format", "fmt", metavar="FORMAT",
              help="jsonl, csv or an export preset (" + ", ".join(PRESETS) + "; see "
                   "docs/ingest.md); default: guessed from the suffix and header.")
@click.option("--db", "db_url", metavar="URL", help="Database URL (overrides --db of kiemchung).")
@pass_ctx
def ingest_command(state: CliContext, path: Path, source: str | None, fmt: str | None,
                   db_url: str | None) -> None:
    """Nhập bài đăng từ tệp JSONL/CSV / ingest posts from a JSONL, CSV or export file.

    Bad records go to quarantine with their line number and reason; running again on the
    same file adds nothing. Prints: read N · accepted A · duplicates D · quarantined Q.
    """
    from kiemchung.ingest import ingest_file

    settings = state.settings
    total = path.stat().st_size
    with state.store_for(db_url) as store, Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(),
        TextColumn("{task.fields[counts]}"), TimeRemainingColumn(),
        console=state.console, transient=True,
    ) as bar:
        task = bar.add_task(path.name, total=total, counts="")

        def progress(summary: IngestSummary, position: int) -> None:
            bar.update(task, completed=position, counts=str(summary))

        summary = ingest_file(store, path, source=source, fmt=fmt, settings=settings,
                              progress=progress)
    out(str(summary))


@click.group("quarantine")
def quarantine_group() -> None:
    """Bản ghi bị từ chối / records ingestion refused: list, show, retry."""


@quarantine_group.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include resolved records.")
@click.option("--source", help="Only records of this source.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10000))
@pass_ctx
def quarantine_list(state: CliContext, show_all: bool, source: str | None, limit: int) -> None:
    """List quarantined records: id, source:line, field, reason."""
    from kiemchung.storage.quarantine import count_quarantine, list_quarantine

    with state.store().session() as session:
        rows = list_quarantine(session, status=None if show_all else "open", source=source,
                               limit=limit)
        total = count_quarantine(session, status=None if show_all else "open")
        for row in rows:
            where = f"{row.source}:{row.line}" if row.line is not None else row.source
            field = f" [{row.field}]" if row.field else ""
            status = "" if row.status == "open" else f" ({row.status})"
            out(f"{row.id}\t{where}{field}\t{row.code}: {row.reason}{status}")
    state.console.print(f"{len(rows)} of {total} shown")


@quarantine_group.command("show")
@click.argument("record_id", type=int)
@pass_ctx
def quarantine_show(state: CliContext, record_id: int) -> None:
    """Show one quarantined record with its raw text."""
    from kiemchung.storage.quarantine import get_quarantine

    with state.store().session() as session:
        row = get_quarantine(session, record_id)
        out(json.dumps({"id": row.id, "source": row.source, "line": row.line,
                        "field": row.field, "code": row.code, "reason": row.reason,
                        "format": row.format, "status": row.status, "raw": row.raw},
                       ensure_ascii=False, indent=2))


@quarantine_group.command("retry")
@click.argument("record_ids", nargs=-1, type=int)
@pass_ctx
def quarantine_retry(state: CliContext, record_ids: tuple[int, ...]) -> None:
    """Validate quarantined records again (all open ones, or the IDs given)."""
    from kiemchung.ingest import retry_quarantine

    summary = retry_quarantine(state.store(), list(record_ids) or None, settings=state.settings)
    out(str(summary))


@click.group("feeds")
def feeds_group() -> None:
    """Nguồn tin RSS/Atom / RSS and Atom feeds for the evidence library."""


@feeds_group.command("add")
@click.argument("url")
@click.option("--name", default="", help="Publisher name shown with the evidence.")
@click.option("--kind", type=click.Choice(["news", "official"]), default="news",
              show_default=True)
@pass_ctx
def feeds_add(state: CliContext, url: str, name: str, kind: str) -> None:
    """Register a feed."""
    from kiemchung.ingest import add_feed

    feed_id = add_feed(state.store(), url, name=name, kind=kind)
    out(f"feed {feed_id}: {url}")


@feeds_group.command("list")
@pass_ctx
def feeds_list(state: CliContext) -> None:
    """List feeds with their last poll."""
    from kiemchung.storage.feeds import list_feeds

    with state.store().session() as session:
        for feed in list_feeds(session):
            polled = feed.last_polled_at.isoformat(timespec="seconds") if feed.last_polled_at else "never"
            status = feed.last_error or (str(feed.last_status) if feed.last_status else "-")
            out(f"{feed.id}\t{feed.kind}\t{feed.name or '-'}\t{feed.url}\titems {feed.items_seen}"
                f"\tpolled {polled}\t{status}")


@feeds_group.command("poll")
@click.option("--force", is_flag=True, help="Poll even feeds polled less than feed_min_interval_s ago.")
@pass_ctx
def feeds_poll(state: CliContext, force: bool) -> None:
    """Fetch due feeds (conditional GET) and add new items to the evidence library."""
    from kiemchung.ingest import poll_feeds

    with state.console.status("polling feeds…"):
        results = poll_feeds(state.store(), settings=state.settings, force=force)
    for result in results:
        detail = result.error or (f"{result.new_items} new" if result.outcome == "fetched" else "")
        out(f"{result.feed_id}\t{result.outcome}\t{result.url}\t{detail}".rstrip())
    new = sum(r.new_items for r in results)
    errors = sum(r.outcome == "error" for r in results)
    out(f"feeds {len(results)} · new items {new} · errors {errors}")


def register_plugins(registry: Registry) -> None:
    """Register the ingest, quarantine and feeds commands."""
    registry.register("commands", "ingest", ingest_command)
    registry.register("commands", "quarantine", quarantine_group)
    registry.register("commands", "feeds", feeds_group)
