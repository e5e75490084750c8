"""Writes of the network app, one module per subject: networks and participation,
meetings and reminders. The demo data is in `overenskommelse.demo`."""
