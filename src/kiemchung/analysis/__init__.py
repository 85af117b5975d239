"""Analysers and models: scam, trend, claim, toxicity, clickbait, spam, and risk."""
