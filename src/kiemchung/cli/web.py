"""``kiemchung serve`` and ``kiemchung users``: the web app and its accounts."""

from __future__ import annotations

import sys

import click

from kiemchung.cli.context import CliContext, out, pass_ctx
from kiemchung.plugins import Registry
from kiemchung.storage import users as accounts


@click.command("serve")
@click.option("--host", help="Address to listen on (default: settings.host, 127.0.0.1).")
@click.option("--port", type=int, help="Port to listen on (default: settings.port, 8000).")
@pass_ctx
def serve(state: CliContext, host: str | None, port: int | None) -> None:
    """Chạy bàn kiểm chứng / run the review desk and public pages (uvicorn)."""
    import uvicorn

    from kiemchung.web.app import create_app

    settings = state.settings
    app = create_app(settings, store=state.store())
    uvicorn.run(app, host=host or settings.host, port=port or settings.port,
                proxy_headers=False, log_level="info")


@click.group("users")
def users_group() -> None:
    """Tài khoản / desk accounts (roles: viewer, reviewer, editor, admin)."""


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Mật khẩu / password", hide_input=True,
                            confirmation_prompt=True, err=True))


@users_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(accounts.ROLES), required=True)
@click.option("--name", "display_name", default="", help="Display name.")
@click.option("--lang", "language", type=click.Choice(["vi", "en"]), default="vi")
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin.")
@pass_ctx
def users_add(state: CliContext, username: str, role: str, display_name: str, language: str,
              password_stdin: bool) -> None:
    """Add an account."""
    password = _read_password(password_stdin)
    with state.store().session() as session:
        user = accounts.create_user(session, username, password, role=role,
                                    display_name=display_name, language=language)
        out(f"added {user.username} ({user.role})")


@users_group.command("list")
@pass_ctx
def users_list(state: CliContext) -> None:
    """List accounts."""
    with state.store().session() as session:
        for user in accounts.list_users(session):
            flag = "active" if user.active else "disabled"
            out(f"{user.username}\t{user.role}\t{flag}\t{user.language}\t{user.display_name}")


@users_group.command("disable")
@click.argument("username")
@pass_ctx
def users_disable(state: CliContext, username: str) -> None:
    """Disable an account (it can no longer log in; open sessions end)."""
    with state.store().session() as session:
        accounts.set_active(session, username, active=False)
    out(f"disabled {username}")


@users_group.command("enable")
@click.argument("username")
@pass_ctx
def users_enable(state: CliContext, username: str) -> None:
    """Enable a disabled account."""
    with state.store().session() as session:
        accounts.set_active(session, username, active=True)
    out(f"enabled {username}")


@users_group.command("reset-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the new password from stdin.")
@pass_ctx
def users_reset_password(state: CliContext, username: str, password_stdin: bool) -> None:
    """Set a new password (open sessions of the account end)."""
    password = _read_password(password_stdin)
    with state.store().session() as session:
        accounts.set_password(session, username, password)
    out(f"password of {username} changed")


def register_plugins(registry: Registry) -> None:
    """Register ``serve`` and ``users``."""
    registry.register("commands", "serve", serve)
    registry.register("commands", "users", users_group)
