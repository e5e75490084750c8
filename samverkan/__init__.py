"""Collaboration: the initiative pipeline (`pipeline`) and samverkansgruppen with its
yearly follow-up and conference (`group`), which builds on the pipeline."""
