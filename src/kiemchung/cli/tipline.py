"""``kiemchung tips``: check a message, send due follow-ups, purge old contacts."""

from __future__ import annotations

import json

import click

from kiemchung.cli.context import CliContext, out, pass_ctx


@click.group("tips")
def tips() -> None:
    """Tipline: kiểm tra tin, gửi thông báo kết luận, xoá liên hệ cũ / tips from the public."""


@tips.command("check")
@click.argument("texts", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the answers as JSON lines.")
@pass_ctx
def check_cmd(state: CliContext, texts: tuple[str, ...], as_json: bool) -> None:
    """Answer TEXTS as the public checker would (nothing is stored)."""
    from kiemchung.tipline import check_texts, format_reply

    lang = state.settings.language
    answers = check_texts(state.store(), list(texts), settings=state.settings, lang=lang)
    for answer in answers:
        if as_json:
            out(json.dumps(answer.to_dict(lang), ensure_ascii=False))
        else:
            out(format_reply(answer, lang) + "\n")


@tips.command("followups")
@pass_ctx
def followups_cmd(state: CliContext) -> None:
    """Send follow-ups for tips whose story now has a published verdict, then forget the
    contacts (within each platform's messaging window)."""
    from kiemchung.tipline import send_followups

    report = send_followups(state.store(), settings=state.settings)
    out(str(report))


@tips.command("purge")
@pass_ctx
def purge_cmd(state: CliContext) -> None:
    """Forget tipster contacts older than tip_retention_days."""
    from kiemchung.tipline import purge_tips

    count = purge_tips(state.store(), settings=state.settings)
    out(f"contacts forgotten: {count}")
