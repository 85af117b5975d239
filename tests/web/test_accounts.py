"""Accounts library and the ``kiemchung users`` / ``serve`` commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kiemchung.cli.main import build_cli
from kiemchung.errors import ConflictError, NotFoundError, ValidationError
from kiemchung.storage import Store
from kiemchung.storage.users import (
    authenticate,
    create_user,
    has_role,
    hash_password,
    list_users,
    set_active,
    set_password,
)

PW = "mat-khau-dai-123"


def test_create_authenticate_disable(web_store: Store) -> None:
    with web_store.session() as s:
        user = create_user(s, "  Lan.Nguyen ", PW, role="reviewer")
        assert user.username == "lan.nguyen" and user.password_hash.startswith("$argon2id$")
    with web_store.session() as s:
        assert authenticate(s, "LAN.NGUYEN", PW) is not None
        assert authenticate(s, "lan.nguyen", PW + "x") is None
        assert authenticate(s, "ghost", PW) is None
        set_active(s, "lan.nguyen", active=False)
    with web_store.session() as s:
        assert authenticate(s, "lan.nguyen", PW) is None
        set_password(s, "lan.nguyen", "mot-mat-khau-khac")
        set_active(s, "lan.nguyen", active=True)
    with web_store.session() as s:
        assert authenticate(s, "lan.nguyen", "mot-mat-khau-khac") is not None
        assert [u.username for u in list_users(s)] == ["lan.nguyen"]


def test_account_validation(web_store: Store) -> None:
    with web_store.session() as s:
        create_user(s, "minh", PW, role="editor")
        with pytest.raises(ConflictError):
            create_user(s, "MINH", PW, role="editor")
        with pytest.raises(ValidationError, match="role"):
            create_user(s, "hoa", PW, role="superuser")
        with pytest.raises(ValidationError, match="username"):
            create_user(s, "<script>", PW, role="viewer")
        with pytest.raises(NotFoundError):
            set_active(s, "nobody", active=False)
    with pytest.raises(ValidationError, match="password"):
        hash_password("ngan")


def test_role_order(web_store: Store) -> None:
    with web_store.session() as s:
        editor = create_user(s, "ed", PW, role="editor")
    assert has_role(editor, "reviewer") and has_role(editor, "editor")
    assert not has_role(editor, "admin")
    editor.active = False
    assert not has_role(editor, "viewer")


def _run(db: str, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_cli(), ["--db", db, *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_users_cli(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert _run(db, "users", "add", "thu", "--role", "editor", "--password-stdin",
                stdin=PW + "\n")[0] == 0
    code, out, _ = _run(db, "users", "add", "tam", "--role", "viewer", stdin=f"{PW}\n{PW}\n")
    assert code == 0 and "added tam (viewer)" in out
    code, out, _ = _run(db, "users", "list")
    assert out.splitlines() == ["tam\tviewer\tactive\tvi\ttam", "thu\teditor\tactive\tvi\tthu"]
    assert _run(db, "users", "disable", "thu")[0] == 0
    assert "thu\teditor\tdisabled" in _run(db, "users", "list")[1]
    assert _run(db, "users", "reset-password", "thu", "--password-stdin",
                stdin="mat-khau-moi-456\n")[0] == 0
    code, _out, err = _run(db, "users", "add", "thu", "--role", "editor", "--password-stdin",
                           stdin=PW + "\n")
    assert code == 1 and "already exists" in err and "Traceback" not in err
    code, _out, err = _run(db, "users", "add", "x1", "--role", "viewer", "--password-stdin",
                           stdin="short\n")
    assert code == 1 and "password too short" in err


def test_serve_refuses_without_secret_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIEMCHUNG_SECRET_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    code, _out, err = _run(f"sqlite:///{tmp_path / 's.db'}", "serve", "--port", "1")
    assert code == 1 and "KIEMCHUNG_SECRET_KEY" in err


def test_serve_runs_uvicorn_on_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[tuple[object, str, int]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: calls.append((app, host, port)))
    monkeypatch.setenv("KIEMCHUNG_SECRET_KEY", "a-long-enough-test-secret")
    monkeypatch.chdir(tmp_path)
    code, _out, err = _run(f"sqlite:///{tmp_path / 's.db'}", "serve", "--host", "0.0.0.0",
                           "--port", "8123")
    assert code == 0, err
    assert calls[0][1:] == ("0.0.0.0", 8123)
    assert type(calls[0][0]).__name__ == "FastAPI"
