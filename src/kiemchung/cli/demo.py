"""``kiemchung demo``: load the bundled demo data, run the pipeline, show what it did."""

from __future__ import annotations

import click
from rich.table import Table
from sqlalchemy import func, select

from kiemchung.cli.context import CliContext, pass_ctx
from kiemchung.demo import DemoReport, load_demo
from kiemchung.plugins import Registry
from kiemchung.storage import Store
from kiemchung.storage import models as m


@click.command("demo")
@click.option("--no-users", is_flag=True, help="Do not create the demo accounts.")
@pass_ctx
def demo_command(state: CliContext, no_users: bool) -> None:
    """Dữ liệu mẫu / load the demo data (invented posts, tips, evidence; seed fact-checks)."""
    store = state.store()
    with state.console.status("demo …") as status:
        report = load_demo(store, settings=state.settings, with_users=not no_users,
                           on_step=lambda step: status.update(f"[bold]{step}[/bold] …"))
    _print_report(state, store, report)


def _print_report(state: CliContext, store: Store, report: DemoReport) -> None:
    console = state.console
    console.print(f"[bold]kiemchung demo[/bold] → {store!r}")
    console.print(f"fact-checks: {report.factchecks}")
    console.print(f"posts: {report.posts}")
    console.print(f"evidence items: {report.evidence} new")
    console.print(f"pipeline: {report.pipeline}")
    console.print(f"tips answered: {report.tips}")
    console.print(_labels_table(store))
    console.print(_queue_table(store))
    if report.passwords:
        console.print("\n[bold]Demo accounts[/bold] (new random passwords each run):")
        for username, password in report.passwords.items():
            console.print(f"  {username}  {password}")
    console.print("\nNext: [bold]make serve[/bold] (or kiemchung --db … serve) → "
                  "http://127.0.0.1:8000 · public checker at /kiem-tra · API docs at /docs")


def _labels_table(store: Store) -> Table:
    table = Table(title="Labels by analyser (posts)")
    table.add_column("analyser")
    table.add_column("label")
    table.add_column("posts", justify="right")
    with store.session() as session:
        rows = session.execute(
            select(m.Analysis.analyser, m.Analysis.label, func.count())
            .group_by(m.Analysis.analyser, m.Analysis.label)
            .order_by(m.Analysis.analyser, m.Analysis.label)
        ).all()
    for analyser, label, count in rows:
        table.add_row(analyser, label, str(count))
    return table


def _queue_table(store: Store, *, limit: int = 8) -> Table:
    table = Table(title="Triage queue (top by priority)")
    table.add_column("item", justify="right")
    table.add_column("priority", justify="right")
    table.add_column("text")
    with store.session() as session:
        rows = session.execute(
            select(m.ReviewItem.id, m.ReviewItem.priority, m.Post.text)
            .join(m.Post, m.Post.id == m.ReviewItem.post_id)
            .order_by(m.ReviewItem.priority.desc()).limit(limit)
        ).all()
        total = session.scalar(select(func.count()).select_from(m.ReviewItem)) or 0
    for item_id, priority, text in rows:
        table.add_row(str(item_id), f"{priority:.3f}", text[:90] + ("…" if len(text) > 90 else ""))
    table.caption = f"{total} items in the queue"
    return table


def register_plugins(registry: Registry) -> None:
    registry.register("commands", "demo", demo_command)
