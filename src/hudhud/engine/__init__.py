"""engine: the only stage that knows the stage order (see pipeline.py)."""
