"""The demo data as pure data: no database access and no model imports.

`foundation` (the agreement, the handlingsplan, bodies, organisations, demo accounts),
`protocols` (the seeds' decisions) and `networks` (the SKR networks); the loaders in
`overenskommelse.demo.load` write them.
"""
