"""Fact-check and evidence libraries; hybrid retrieval and calibrated match decisions."""
