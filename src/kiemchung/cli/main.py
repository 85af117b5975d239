"""Root command group; command groups register through the plugin registry."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from kiemchung import __version__
from kiemchung.cli.context import CliContext
from kiemchung.errors import KiemchungError
from kiemchung.plugins import load_plugins


class KiemchungGroup(click.Group):
    """Turns library errors into one-line messages and a non-zero exit, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KiemchungError as err:
            click.secho(f"Lỗi / error: {err}", fg="red", err=True)
            sys.exit(2 if isinstance(err, click.UsageError) else 1)
        except BrokenPipeError:
            sys.exit(0)
        except KeyboardInterrupt:
            click.secho("interrupted", fg="yellow", err=True)
            sys.exit(130)


@click.group(cls=KiemchungGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kiemchung")
@click.option("--db", "db_url", metavar="URL", help="Database URL (default sqlite:///kiemchung.db).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Configuration file (default ./kiemchung.toml if present).")
@click.option("--lang", type=click.Choice(["vi", "en"]), help="Interface language.")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None, config_path: str | None, lang: str | None,
        verbose: int) -> None:
    """kiemchung — bàn kiểm chứng thông tin tiếng Việt / a Vietnamese information-integrity desk.

    Finds factual claims, scams and dangerous content, matches them to what has been
    verified, and publishes corrections. Never judges opinions or people.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    state = CliContext(overrides={"db_url": db_url, "language": lang}, config_path=config_path)
    ctx.obj = state
    ctx.call_on_close(state.close)


def build_cli() -> click.Group:
    registry = load_plugins()
    for name, command in registry.items("commands"):
        if name not in cli.commands:
            cli.add_command(command, name)
    return cli


def main() -> None:
    """Entry point of the ``kiemchung`` script."""
    build_cli()(prog_name="kiemchung")
