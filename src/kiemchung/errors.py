"""One error tree for the whole library.

Every error has a stable ``code`` (used by the API's JSON error shape and the CLI's exit
message) and a human message that says what was expected and what was received.
"""

from __future__ import annotations

from typing import Any


class KiemchungError(Exception):
    """Base class of every error kiemchung raises on purpose."""

    code: str = "error"
    http_status: int = 400

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        expected: str | None = None,
        received: Any = None,
        line: int | None = None,
        source: str | None = None,
    ) -> None:
        self.message = message
        self.field = field
        self.expected = expected
        self.received = received
        self.line = line
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = []
        if self.source is not None:
            loc = self.source + (f":{self.line}" if self.line is not None else "")
            parts.append(loc)
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.field is not None:
            parts.append(f"field '{self.field}'")
        head = ", ".join(parts)
        msg = f"{head}: {self.message}" if head else self.message
        if self.expected is not None:
            msg += f" (expected {self.expected}"
            if self.received is not None:
                msg += f", received {_short(self.received)}"
            msg += ")"
        return msg

    def to_dict(self) -> dict[str, Any]:
        """The one JSON error shape used by the API and by quarantine records."""
        detail: dict[str, Any] = {}
        for key in ("field", "expected", "line", "source"):
            value = getattr(self, key)
            if value is not None:
                detail[key] = value
        if self.received is not None:
            detail["received"] = _short(self.received)
        return {"error": {"code": self.code, "message": str(self), "detail": detail}}


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ValidationError(KiemchungError):
    """Input did not have the expected shape or type."""

    code = "validation_error"
    http_status = 422


class ConfigError(KiemchungError):
    """A setting or configuration file is invalid."""

    code = "config_error"
    http_status = 500


class DependencyMissingError(KiemchungError):
    """An optional dependency is not installed; the message names the extra."""

    code = "dependency_missing"
    http_status = 501

    def __init__(self, package: str, *, extra: str) -> None:
        super().__init__(
            f"the optional package '{package}' is not installed; "
            f"install it with: pip install 'kiemchung[{extra}]'"
        )
        self.package = package
        self.extra = extra


class StorageError(KiemchungError):
    """The database could not be opened, read or written."""

    code = "storage_error"
    http_status = 503


class SchemaOutdatedError(StorageError):
    """The database schema is older (or newer) than this version of kiemchung."""

    code = "schema_outdated"


class NotFoundError(KiemchungError):
    """A requested object does not exist."""

    code = "not_found"
    http_status = 404


class PermissionDeniedError(KiemchungError):
    """The current user's role does not allow this action."""

    code = "permission_denied"
    http_status = 403


class AuthenticationError(KiemchungError):
    """Credentials or signatures are missing or wrong."""

    code = "authentication_failed"
    http_status = 401


class TransitionError(KiemchungError):
    """A workflow transition that is not allowed from the current state."""

    code = "invalid_transition"
    http_status = 409


class ConflictError(KiemchungError):
    """The object already exists or was changed by someone else."""

    code = "conflict"
    http_status = 409


class RateLimitedError(KiemchungError):
    """Too many requests from one client."""

    code = "rate_limited"
    http_status = 429


class DeliveryError(KiemchungError):
    """A message could not be delivered through an outside platform's API."""

    code = "delivery_failed"
    http_status = 502


class ModelError(KiemchungError):
    """A model file is missing, corrupt or of an unknown version."""

    code = "model_error"
    http_status = 500


ERROR_CLASSES: tuple[type[KiemchungError], ...] = (
    KiemchungError,
    ValidationError,
    ConfigError,
    StorageError,
    SchemaOutdatedError,
    NotFoundError,
    PermissionDeniedError,
    AuthenticationError,
    TransitionError,
    ConflictError,
    RateLimitedError,
    DeliveryError,
    ModelError,
)
