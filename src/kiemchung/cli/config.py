"""``kiemchung config``: show every setting with its value and help."""

from __future__ import annotations

import dataclasses

import click

from kiemchung.cli.context import CliContext, out, pass_ctx
from kiemchung.plugins import Registry
from kiemchung.settings import describe

_SECRET_WORDS = ("secret", "token", "key", "password")


@click.command("config")
@pass_ctx
def config_command(state: CliContext) -> None:
    """Cấu hình / show resolved settings (secrets masked) and what each one does."""
    values = dataclasses.asdict(state.settings)
    for name, type_name, _default, help_text in describe():
        value = values[name]
        if any(word in name for word in _SECRET_WORDS) and value:
            value = "***"
        out(f"{name} = {value!r}  [{type_name}; KIEMCHUNG_{name.upper()}]  {help_text}")


def register_plugins(registry: Registry) -> None:
    registry.register("commands", "config", config_command)
