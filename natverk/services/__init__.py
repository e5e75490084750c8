"""Writes of the network app, one module per subject: networks and participation,
meetings, reminders and the demo data."""
