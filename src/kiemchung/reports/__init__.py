"""Periodic reports and charts."""
