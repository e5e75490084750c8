"""The UI is Swedish: every string in code and templates has a Swedish translation."""

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

EXTRACT = """
import django, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
django.setup()
from django.conf import settings
from django.core.management import call_command
settings.LOCALE_PATHS = [sys.argv[1]]
# The real catalogue is skipped: makemessages would otherwise adopt every folder
# named "locale" it walks into and rewrite it with only that folder's strings.
call_command("makemessages", locale=["sv"], no_location=True, verbosity=0,
             ignore_patterns=[".venv/*", "node_modules/*", "var/*", "tests/*", "config/locale",
                              "mutants/*"])
"""


def test_swedish_catalogue_covers_every_string(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(REPO / "config" / "locale", locale)
    subprocess.run([sys.executable, "-c", EXTRACT, str(locale)], cwd=REPO, check=True, timeout=120)
    result = subprocess.run(
        [
            "msgfmt",
            "--statistics",
            "-o",
            "/dev/null",
            str(locale / "sv" / "LC_MESSAGES" / "django.po"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    stats = result.stderr
    assert "untranslated" not in stats and "fuzzy" not in stats, (
        f"config/locale/sv needs translations (run makemessages -l sv): {stats}"
    )
