"""Ingestion: connectors (files, exports, RSS, tipline, API) with validation and quarantine."""
