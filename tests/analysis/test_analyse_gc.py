"""``analyse`` pauses the cyclic garbage collector during a batch and restores it."""

from __future__ import annotations

import gc

from kiemchung.analysis import analyse


def test_analyse_restores_the_collector_state() -> None:
    assert gc.isenabled()
    out = analyse(["Chúc mừng bạn trúng thưởng, chuyển phí 200k để nhận quà"], tasks=["scam"])
    assert out["scam"][0].label in ("scam", "legit") and gc.isenabled()
    gc.disable()
    try:
        analyse(["tối nay ăn cơm"], tasks=["scam"])
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
