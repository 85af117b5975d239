"""Property: whatever the records, the counts add up and a second run adds nothing."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kiemchung.ingest import ingest_records
from kiemchung.settings import Settings
from kiemchung.storage import open_store

_values = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.lists(st.integers(), max_size=2))
_records = st.lists(
    st.one_of(
        st.dictionaries(st.sampled_from(["text", "id", "likes", "shares", "created_at", "url",
                                         "author", "note"]), _values, max_size=6),
        st.fixed_dictionaries({"text": st.text(min_size=1, max_size=40)}),
        _values,
    ),
    max_size=25,
)


@hypothesis_settings(max_examples=40, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=_records)
def test_counts_add_up_and_rerun_adds_nothing(records: list[Any], tmp_path: Path,
                                              settings: Settings) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'prop.db'}")
    try:
        source = f"prop-{uuid.uuid4().hex}"  # the database is shared by the examples
        first = ingest_records(store, records, source=source, settings=settings)
        assert first.read == len(records)
        assert first.read == first.accepted + first.duplicates + first.quarantined
        again = ingest_records(store, records, source=source, settings=settings)
        assert again.accepted == 0
        assert again.duplicates == first.accepted + first.duplicates
        assert again.quarantined == first.quarantined
    finally:
        store.close()
