"""``kiemchung run``: the batch pipeline over the database."""

from __future__ import annotations

import click

from kiemchung.batch.pipeline import run_pipeline
from kiemchung.cli.context import CliContext, out, pass_ctx
from kiemchung.plugins import Registry


@click.command("run")
@click.option("--runner", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="Where per-partition jobs run (spark needs the 'spark' extra).")
@click.option("--all", "redo", is_flag=True, help="Redo every post, not only new ones.")
@pass_ctx
def run_command(state: CliContext, runner: str, redo: bool) -> None:
    """Chạy quy trình / run the pipeline: analyse → match → cluster → triage."""
    store = state.store()
    with state.console.status("…") as status:
        report = run_pipeline(store, settings=state.settings, runner=runner, only_new=not redo,
                              on_step=lambda step: status.update(f"[bold]{step}[/bold] …"))
    out(str(report))


def register_plugins(registry: Registry) -> None:
    registry.register("commands", "run", run_command)
