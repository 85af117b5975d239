"""Fact-check and evidence libraries; hybrid retrieval and calibrated match decisions."""

from kiemchung.matching.matcher import MATCHER_NAME, Matcher

__all__ = ["MATCHER_NAME", "Matcher"]
