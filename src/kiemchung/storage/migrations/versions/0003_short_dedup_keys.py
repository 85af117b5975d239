"""posts.dedup_key of ingested posts: the first 128 bits of the SHA-256 (32 hex characters)

Ingestion now keys posts by a 32-character prefix of the same digest (see
``kiemchung.ingest.validate.dedup_key``): the unique index that makes ingestion idempotent
is half the size, so bulk loads keep it in the page cache. Keys written before (the full
64-character digest) are cut to their prefix, so re-ingesting an old file still adds
nothing. Keys of other shapes (tips: ``tip:<uuid>``) are left as they are. The schema
itself does not change.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        full_digest = "dedup_key ~ '^[0-9a-f]{64}$'"
    else:
        full_digest = "length(dedup_key) = 64 AND dedup_key NOT GLOB '*[^0-9a-f]*'"
    op.execute(f"UPDATE posts SET dedup_key = substr(dedup_key, 1, 32) WHERE {full_digest}")


def downgrade() -> None:
    # The cut digests cannot be restored; the schema is the same, so nothing to undo.
    pass
