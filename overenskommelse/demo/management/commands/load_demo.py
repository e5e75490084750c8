"""`manage.py load_demo`: the seeds' Överenskommelse, bodies, organisations and demo accounts.

Safe to run on every start (`make run` does): a second run changes nothing. It
refuses to run without DEBUG unless given --force, because it creates a superuser
with a published password.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from overenskommelse.demo.load.foundation import demo_data_load
from overenskommelse.demo.load.group import group_demo_load
from overenskommelse.demo.load.initiatives import initiatives_demo_load
from overenskommelse.demo.load.networks import networks_demo_load
from overenskommelse.demo.load.protocols import protocols_demo_load
from overenskommelse.demo.load.remiss import remiss_demo_load

# Further demo data, loaded after the foundation's in this order. Each loader is a
# service `(*, stdout) -> ...` that is idempotent like demo_data_load.
EXTRA_DEMO_LOADERS: list[Callable[..., object]] = [
    # The seeds' decisions as protocols, then the networks that link to them.
    protocols_demo_load,
    networks_demo_load,
    # Demo collaboration initiatives across the stages (clearly demo, not seeds).
    initiatives_demo_load,
    # Demo seat holders of samverkansgruppen, a meeting, a follow-up of 2025.
    group_demo_load,
    # The remiss of the handlingsplan 2021–2024 (seed 004).
    remiss_demo_load,
]


class Command(BaseCommand):
    help = "Load the demo data from the seeds and print the demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off. Never on a public server: the demo "
            "accounts, an administrator among them, share a published password.",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: the demo accounts have a published password. "
                "Use --force to load them anyway."
            )
        accounts = demo_data_load(stdout=self.stdout)
        for loader in EXTRA_DEMO_LOADERS:
            loader(stdout=self.stdout)
        self._print_accounts(accounts)

    def _print_accounts(self, accounts: list[tuple[str, str, str]]) -> None:
        header = ("Roll", "E-post", "Lösenord")
        rows = [header, *accounts]
        widths = [max(len(row[column]) for row in rows) for column in range(len(header))]

        def line(row: tuple[str, str, str]) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))

        rule = "  ".join("-" * width for width in widths)
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demokonton"))
        self.stdout.write(line(header).rstrip())
        self.stdout.write(rule)
        for account in accounts:
            self.stdout.write(line(account).rstrip())
