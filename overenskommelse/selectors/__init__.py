"""Reads of the agreement app, one module per area (agreement, register, protocols…)."""
