"""The desk in a real headless Chromium: log in, triage, verdict, approve, publish, public page."""

from __future__ import annotations

import json
from typing import Any

import pytest
from webdesk import HOSTILE, PASSWORD, Seeded

from kiemchung.publish.claimreview import validate_claim_review

pytestmark = pytest.mark.browser


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/desk/queue")
    assert "/login" in page.url  # sent to the login page first
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"{base}/desk/queue")


def _logout(page: Any) -> None:
    page.click("header form button")
    page.wait_for_url("**/login")


def test_triage_verdict_approve_publish(live_server: str, browser_page: Any, seeded: Seeded,
                                        users: dict[str, int]) -> None:
    from playwright.sync_api import expect

    page, base = browser_page, live_server
    _login(page, base, "reviewer")
    assert page.locator("tr.item-row").count() == 7
    # htmx filter: the table is swapped in place
    page.select_option("select[name=label]", "scam")
    expect(page.locator("#total")).to_have_text("3")
    assert page.locator("tr.item-row").count() == 3
    page.select_option("select[name=label]", "")
    expect(page.locator("#total")).to_have_text("7")

    item = seeded.items[0]
    page.click(f"tr[data-item='{item}'] td.snippet a")
    page.wait_for_url(f"{base}/desk/items/{item}")
    assert page.locator("mark.m-match").first.inner_text() == "gây vô sinh"
    page.click("#action-claim")
    page.wait_for_selector("#draft-form")
    page.select_option("select[name=verdict]", "false")
    page.fill("textarea[name=claim]", "Tiêm vắc-xin gây vô sinh")
    page.fill("textarea[name=summary]", "Sai sự thật. Bộ Y tế khẳng định vắc-xin an toàn.")
    page.fill("input[name=q]", "vac xin")  # htmx search of the evidence library
    page.wait_for_selector("input[name=evidence_pick][value=moh-1]")
    page.check("input[name=evidence_pick][value=moh-1]")
    page.click("#save-draft")
    page.wait_for_selector("#current-verdict")
    assert "Sai sự thật" in page.inner_text("#current-verdict")
    assert page.locator("a[href='https://moh.gov.vn/tin/1']").count() >= 1
    page.click("#action-submit")
    page.wait_for_selector("#item-status:has-text('Chờ duyệt')")
    assert page.locator("#action-approve").count() == 0  # a reviewer cannot approve
    _logout(page)

    _login(page, base, "editor")
    page.goto(f"{base}/desk/items/{item}")
    page.click("#action-approve")
    page.wait_for_selector("#action-publish")
    page.click("#action-publish")
    page.wait_for_selector("#public-link")
    assert page.locator("#history tbody tr").count() == 5  # claim, draft, submit, approve, publish
    page.click("#public-link")
    page.wait_for_selector("#verdict")
    assert page.inner_text("#verdict") == "Sai sự thật"
    assert page.inner_text("#claim") == "Tiêm vắc-xin gây vô sinh"
    data = json.loads(page.locator("script#claimreview").text_content())
    assert validate_claim_review(data) == []
    assert data["claimReviewed"] == "Tiêm vắc-xin gây vô sinh"
    page.goto(f"{base}/factchecks")
    assert page.locator("ul.factchecks a").count() == 1
    assert page.console_errors == [], page.console_errors


def test_hostile_text_is_inert_in_the_browser(live_server: str, browser_page: Any,
                                              seeded: Seeded, users: dict[str, int]) -> None:
    page, base = browser_page, live_server
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, base, "viewer")
    page.goto(f"{base}/desk/items/{seeded.hostile_item}")
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.inner_text("#post-text") == HOSTILE
    page.goto(f"{base}/desk/queue")
    assert page.evaluate("() => window.__pwned === undefined")
    assert dialogs == []
    assert page.locator("main img").count() == 0


def test_english_interface(live_server: str, browser_page: Any, seeded: Seeded,
                           users: dict[str, int]) -> None:
    page, base = browser_page, live_server
    _login(page, base, "viewer")
    page.click("a[href='?lang=en']")
    page.wait_for_selector("h1:has-text('Verification queue')")
    page.goto(f"{base}/desk/dashboard")
    assert page.inner_text("h1") == "Dashboard"
