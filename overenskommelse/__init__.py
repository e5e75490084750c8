"""The agreement (Överenskommelsen) and the foundation the other apps build on.

Four Django apps, each below the next in the dependency order that import-linter
holds (pyproject.toml): `platform` (mail outbox, uploads, history, PDFs, calendars,
reminders, transitions) ← `accounts` (users, roles, the municipality's bodies) ←
`protocols` (meetings, paragraphs, protokollsutdrag) ← `agreement` (the agreement,
the register, affiliation, handlingsplan, remiss). `demo` loads the demo data.
"""
