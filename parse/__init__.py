"""Pure functions from message bytes to plain dataclasses."""
