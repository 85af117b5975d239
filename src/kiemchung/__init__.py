"""kiemchung — a Vietnamese-first information-integrity desk.

Library first: the CLI and the web app are thin layers over the functions exported here.
"""

from __future__ import annotations

__version__ = "0.1.0"

from kiemchung.errors import (
    ConfigError,
    DependencyMissingError,
    KiemchungError,
    NotFoundError,
    PermissionDeniedError,
    SchemaOutdatedError,
    StorageError,
    TransitionError,
    ValidationError,
)
from kiemchung.settings import Settings, load_settings

__all__ = [
    "ConfigError",
    "DependencyMissingError",
    "KiemchungError",
    "NotFoundError",
    "PermissionDeniedError",
    "SchemaOutdatedError",
    "Settings",
    "StorageError",
    "TransitionError",
    "ValidationError",
    "__version__",
    "load_settings",
]
