"""``kiemchung db``: schema status and migrations."""

from __future__ import annotations

import click

from kiemchung.cli.context import CliContext, out, pass_ctx
from kiemchung.plugins import Registry
from kiemchung.storage import Store, current_revision, head_revision, upgrade


@click.group("db")
def db_group() -> None:
    """Cơ sở dữ liệu / database schema and migrations."""


@db_group.command("upgrade")
@pass_ctx
def db_upgrade(state: CliContext) -> None:
    """Migrate the database to the newest schema (safe to run again)."""
    store = Store(state.settings.db_url)
    try:
        before = current_revision(store)
        after = upgrade(store)
    finally:
        store.close()
    out(f"schema {before or '(empty)'} → {after}" if before != after else f"schema {after} (up to date)")


@db_group.command("status")
@pass_ctx
def db_status(state: CliContext) -> None:
    """Show the database's schema revision and the newest one."""
    store = Store(state.settings.db_url)
    try:
        rev = current_revision(store)
    finally:
        store.close()
    head = head_revision()
    out(f"database: {store!r}")
    out(f"schema: {rev or '(none)'} · newest: {head} · {'up to date' if rev == head else 'run: kiemchung db upgrade'}")


def register_plugins(registry: Registry) -> None:
    registry.register("commands", "db", db_group)
