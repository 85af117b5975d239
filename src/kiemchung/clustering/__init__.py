"""Copies → stories → narratives; bursts."""
