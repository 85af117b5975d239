"""Batch jobs as pure per-partition functions; runners: local (default) and Spark."""
