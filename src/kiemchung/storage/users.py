"""Desk accounts: roles, argon2 password hashes, enable/disable.

Roles are ordered: ``viewer`` < ``reviewer`` < ``editor`` < ``admin``; a role can do what
the roles below it can.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiemchung.errors import ConflictError, NotFoundError, ValidationError
from kiemchung.storage import models as m

log = logging.getLogger(__name__)

ROLES: tuple[str, ...] = ("viewer", "reviewer", "editor", "admin")
"""Roles, weakest first."""

MIN_PASSWORD_CHARS = 10
LANGUAGES: tuple[str, ...] = ("vi", "en")

_hasher = PasswordHasher()
# A hash to verify against when the user does not exist, so that timing does not tell.
_DUMMY_HASH = _hasher.hash("kiemchung-no-such-user")


def role_rank(role: str) -> int:
    """Position of ``role`` in :data:`ROLES` (higher can do more)."""
    try:
        return ROLES.index(role)
    except ValueError as err:
        raise ValidationError("unknown role", field="role", expected=", ".join(ROLES),
                              received=role) from err


def has_role(user: m.User, role: str) -> bool:
    """True when ``user`` is active and at least ``role``."""
    return bool(user.active) and role_rank(user.role) >= role_rank(role)


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (refuses passwords shorter than 10 characters)."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_CHARS:
        raise ValidationError("password too short", field="password",
                              expected=f"at least {MIN_PASSWORD_CHARS} characters",
                              received=f"{len(password) if isinstance(password, str) else 0} characters")
    return _hasher.hash(password)


def create_user(session: Session, username: str, password: str, *, role: str,
                display_name: str = "", language: str = "vi") -> m.User:
    """Add an account; usernames are case-insensitive and unique."""
    name = _clean_username(username)
    role_rank(role)
    if language not in LANGUAGES:
        raise ValidationError("unsupported language", field="language", expected="vi or en",
                              received=language)
    if find_user(session, name) is not None:
        raise ConflictError("user already exists", field="username", received=name)
    user = m.User(username=name, display_name=display_name or name, role=role,
                  password_hash=hash_password(password), active=True, language=language)
    session.add(user)
    session.flush()
    log.info("user %s added with role %s", name, role)
    return user


def find_user(session: Session, username: str) -> m.User | None:
    """The account named ``username`` (case-insensitive), or ``None``."""
    name = username.strip().lower()
    return session.scalars(select(m.User).where(func.lower(m.User.username) == name)).first()


def get_user(session: Session, username: str) -> m.User:
    """The account named ``username``; :class:`NotFoundError` if there is none."""
    user = find_user(session, username)
    if user is None:
        raise NotFoundError("no such user", field="username", received=username)
    return user


def list_users(session: Session) -> Sequence[m.User]:
    """All accounts, by username."""
    return session.scalars(select(m.User).order_by(m.User.username)).all()


def set_active(session: Session, username: str, *, active: bool) -> m.User:
    """Enable or disable an account (a disabled account cannot log in; sessions end)."""
    user = get_user(session, username)
    user.active = active
    return user


def set_password(session: Session, username: str, password: str) -> m.User:
    """Replace the password of ``username``."""
    user = get_user(session, username)
    user.password_hash = hash_password(password)
    return user


def set_language(session: Session, user_id: int, language: str) -> None:
    """Remember the interface language a user chose."""
    if language not in LANGUAGES:
        raise ValidationError("unsupported language", field="language", expected="vi or en",
                              received=language)
    user = session.get(m.User, user_id)
    if user is not None:
        user.language = language


def authenticate(session: Session, username: str, password: str) -> m.User | None:
    """The active account whose password matches, or ``None`` (same work either way)."""
    user = find_user(session, username)
    stored = user.password_hash if user is not None else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(stored):
        user.password_hash = _hasher.hash(password)
    return user


def _clean_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not (2 <= len(name) <= 100) or not all(c.isalnum() or c in "._-@" for c in name):
        raise ValidationError("invalid username", field="username",
                              expected="2-100 letters, digits or . _ - @", received=username)
    return name
