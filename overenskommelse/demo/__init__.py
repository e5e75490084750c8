"""The demo data of all three apps and the loaders that write it: `manage.py load_demo`.

Its own small Django app (label `demo`, no models) so that the data and the loaders
live in one place instead of among the production modules. It sits above the three
domain apps: it imports `overenskommelse`, `samverkan` and `natverk`, and no
production code imports it (only `load_demo`, the tests and the benchmark do).
"""
