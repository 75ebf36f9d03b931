"""Export and import: events as CSV (one row per event) or JSONL, posts as CSV or JSONL.

The events CSV is also what ``labelwatch import`` reads, so a shared history
of known events is just an export passed around. ``cells`` turns values into
CSV cells and back, ``events`` writes and validates the events file,
``posts`` writes stored posts.
"""
