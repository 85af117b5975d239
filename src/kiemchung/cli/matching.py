"""(placeholder: filled in by the issue that owns this module)"""

from __future__ import annotations

from kiemchung.plugins import Registry


def register_plugins(registry: Registry) -> None:
    """Register this module's components."""
