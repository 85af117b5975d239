"""Review desk: triage queue, verdict workflow (states and allowed transitions), audit."""
