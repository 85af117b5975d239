"""The verdict workflow as a library, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from reviewdesk import Desk
from sqlalchemy.exc import DBAPIError, IntegrityError

from kiemchung.errors import (
    NotFoundError,
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from kiemchung.publish import publish
from kiemchung.review import (
    STATES,
    TRANSITIONS,
    EvidenceInput,
    allowed_actions,
    approve,
    claim_item,
    close,
    history,
    save_draft,
    send_back,
    submit,
)
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m


def _to(store: Store, desk: Desk, item: int, state: str) -> None:
    """Drive ``item`` into ``state`` through allowed transitions."""
    rev, ed = desk.users["reviewer"], desk.users["editor"]
    path = {"new": [], "claimed": ["claim"], "draft": ["claim", "draft"],
            "submitted": ["claim", "draft", "submit"],
            "returned": ["claim", "draft", "submit", "send_back"],
            "approved": ["claim", "draft", "submit", "approve"],
            "published": ["claim", "draft", "submit", "approve", "publish"],
            "closed": ["close"]}[state]
    with store.session() as s:
        for step in path:
            if step == "claim":
                claim_item(s, item, rev)
            elif step == "draft":
                save_draft(s, item, rev, verdict="false", summary="Sai sự thật.")
            elif step == "submit":
                submit(s, item, rev)
            elif step == "send_back":
                send_back(s, item, ed, note="thiếu nguồn")
            elif step == "approve":
                approve(s, item, ed)
            elif step == "publish":
                publish(s, item, ed, settings=Settings())
            elif step == "close":
                close(s, item, ed)


ACTIONS = {
    "claim": lambda s, i, u: claim_item(s, i, u),
    "save_draft": lambda s, i, u: save_draft(s, i, u, verdict="true", summary="Đúng."),
    "submit": lambda s, i, u: submit(s, i, u),
    "approve": lambda s, i, u: approve(s, i, u),
    "send_back": lambda s, i, u: send_back(s, i, u),
    "publish": lambda s, i, u: publish(s, i, u, settings=Settings()),
    "close": lambda s, i, u: close(s, i, u),
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_only_allowed_transitions(fast_store: Store, fast_desk: Desk, state: str,
                                  action: str) -> None:
    store, desk = fast_store, fast_desk
    item = desk.items[0]
    _to(store, desk, item, state)
    sources, target, _role = TRANSITIONS[action]
    admin = desk.users["admin"]
    with store.session() as s:
        if state in sources:
            ACTIONS[action](s, item, admin)
            assert s.get(m.ReviewItem, item).status == target
        else:
            with pytest.raises(TransitionError):
                ACTIONS[action](s, item, admin)


def test_roles_are_enforced_by_the_library(store: Store, desk: Desk) -> None:
    item = desk.items[0]
    with store.session() as s, pytest.raises(PermissionDeniedError):
        claim_item(s, item, desk.users["viewer"])
    _to(store, desk, item, "submitted")
    with store.session() as s, pytest.raises(PermissionDeniedError):
        approve(s, item, desk.users["reviewer"])
    _to(store, desk, desk.items[1], "approved")
    with store.session() as s, pytest.raises(PermissionDeniedError):
        publish(s, desk.items[1], desk.users["reviewer"], settings=Settings())


def test_reviewers_work_on_their_own_items(fast_store: Store, fast_desk: Desk) -> None:
    store, desk = fast_store, fast_desk
    item = desk.items[0]
    _to(store, desk, item, "claimed")
    with store.session() as s, pytest.raises(PermissionDeniedError, match="another"):
        save_draft(s, item, desk.users["reviewer2"], verdict="false", summary="x")
    with store.session() as s:
        assert "save_draft" not in allowed_actions(s.get(m.ReviewItem, item),
                                                   desk.users["reviewer2"])
        save_draft(s, item, desk.users["editor"], verdict="false", summary="biên tập sửa")


def test_every_change_is_audited_with_before_and_after(store: Store, desk: Desk) -> None:
    item = desk.items[0]
    _to(store, desk, item, "published")
    with store.session() as s:
        events = history(s, "review_item", [item])
        fc_events = history(s, "factcheck", ["kc-1"])
    assert [e.action for e, _who in events] == ["claim", "save_draft", "submit", "approve",
                                                "publish"]
    assert [who for _e, who in events] == ["reviewer"] * 3 + ["editor"] * 2
    draft = events[1][0]
    assert draft.before == {"status": "claimed", "assignee_id": desk.users["reviewer"].id}
    assert draft.after["verdict"] == "false" and draft.after["status"] == "draft"
    assert fc_events[0][0].after["verdict"] == "false"


def test_audit_log_is_append_only(store: Store, desk: Desk) -> None:
    _to(store, desk, desk.items[0], "claimed")
    with pytest.raises((IntegrityError, DBAPIError)), store.session() as s:
        s.query(m.AuditEvent).update({"action": "forged"})
    with pytest.raises((IntegrityError, DBAPIError)), store.session() as s:
        s.query(m.AuditEvent).delete()


def test_publish_writes_the_library_row(store: Store, desk: Desk) -> None:
    item = desk.items[0]
    _to(store, desk, item, "approved")
    settings = Settings().replace(public_base_url="https://kc.example.vn/",
                                  publisher_name="Báo X")
    with store.session() as s:
        fc = publish(s, item, desk.users["editor"], settings=settings)
    with store.session() as s:
        row = s.get(m.FactCheck, fc.id)
        verdict = s.query(m.VerdictRecord).filter_by(item_id=item).one()
    assert row.origin == "published" and row.verdict_norm == "false"
    assert row.verdict == "Sai sự thật" and row.claim == "Bài viết số 0"
    assert row.claim_folded == "Bai viet so 0"
    assert row.url == f"https://kc.example.vn/factchecks/{fc.id}"
    assert row.publisher == "Báo X" and row.published_at is not None
    assert verdict.factcheck_id == fc.id and verdict.status == "published"
    assert verdict.editor_id == desk.users["editor"].id


def test_opinions_are_never_published(fast_store: Store, fast_desk: Desk) -> None:
    store, desk = fast_store, fast_desk
    item = desk.items[0]
    with store.session() as s:
        claim_item(s, item, desk.users["reviewer"])
        save_draft(s, item, desk.users["reviewer"], verdict="opinion",
                   summary="Đây là ý kiến, không kiểm chứng được.")
        submit(s, item, desk.users["reviewer"])
        approve(s, item, desk.users["editor"])
    with store.session() as s, pytest.raises(TransitionError, match="opinion"):
        publish(s, item, desk.users["editor"], settings=Settings())
    with store.session() as s:
        close(s, item, desk.users["editor"], note="ý kiến")
        assert s.get(m.ReviewItem, item).status == "closed"
        assert s.query(m.FactCheck).count() == 0


def test_send_back_then_rework(fast_store: Store, fast_desk: Desk) -> None:
    store, desk = fast_store, fast_desk
    item = desk.items[0]
    _to(store, desk, item, "returned")
    with store.session() as s:
        record = save_draft(s, item, desk.users["reviewer"], verdict="misleading",
                            summary="Gây hiểu lầm.")
        submit(s, item, desk.users["reviewer"])
        assert record.verdict == "misleading"
        assert s.query(m.VerdictRecord).filter_by(item_id=item).count() == 1


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"verdict": "fake", "summary": "x"}, "verdict"),
    ({"verdict": "false", "summary": "   "}, "summary"),
    ({"verdict": "false", "summary": "x" * 5000}, "summary"),
    ({"verdict": "false", "summary": "x",
      "evidence": [EvidenceInput(kind="link", url="javascript:alert(1)")]}, "evidence[0].url"),
    ({"verdict": "false", "summary": "x", "evidence": [EvidenceInput(kind="rumour")]},
     "evidence[0].kind"),
    ({"verdict": "false", "summary": "x",
      "evidence": [EvidenceInput(kind="statement", evidence_id="nope")]},
     "evidence[0].evidence_id"),
])
def test_draft_validation(fast_store: Store, fast_desk: Desk, kwargs: dict[str, object],
                          field: str) -> None:
    store, desk = fast_store, fast_desk
    item = desk.items[0]
    _to(store, desk, item, "claimed")
    with store.session() as s, pytest.raises(ValidationError) as info:
        save_draft(s, item, desk.users["reviewer"], **kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_evidence_from_the_library(fast_store: Store, fast_desk: Desk) -> None:
    store, desk = fast_store, fast_desk
    item = desk.items[0]
    _to(store, desk, item, "claimed")
    with store.session() as s:
        record = save_draft(s, item, desk.users["reviewer"], verdict="false", summary="Sai.",
                            evidence=[EvidenceInput(kind="statement", evidence_id="ev-1"),
                                      EvidenceInput(kind="link", url="", quote="")])
        rows = s.query(m.VerdictEvidence).filter_by(verdict_id=record.id).all()
    assert [(r.kind, r.url, r.quote) for r in rows] == [
        ("statement", "https://bocongan.gov.vn/1", "Thông cáo của Bộ Công an")]


def test_unknown_item(fast_store: Store, fast_desk: Desk) -> None:
    store, desk = fast_store, fast_desk
    with store.session() as s, pytest.raises(NotFoundError):
        claim_item(s, 9999, desk.users["admin"])
