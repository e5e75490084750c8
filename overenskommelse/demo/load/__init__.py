"""The demo loaders, one module per subject, each idempotent; `load_demo` runs them
in order: foundation, protocols, networks, initiatives, group, remiss."""
