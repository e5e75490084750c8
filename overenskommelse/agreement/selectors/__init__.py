"""Reads of the agreement app, one module per area (agreement, organisations, register, remiss)."""
