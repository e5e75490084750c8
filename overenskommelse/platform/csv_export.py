"""The one way the portal writes CSV: the open data and the staff lists.

A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and, in some
programs, tab, carriage return or line feed) as a formula, so an association's
name such as `=HYPERLINK("http://…","Klicka")` would become a link, or worse, in
the file a handläggare opens. Every text cell that begins so is written with a
single quote in front (OWASP's advice; spreadsheet programs show the text as
it is). Real numbers (an `int` such as a budget of -5) are left as they are.

Every string cell is also quoted, so a cell that holds the other separator
(`;` in a comma file, or `,` in a semicolon file) cannot be split into a new
cell that begins with a formula when a program guesses the separator.
"""

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

from overenskommelse.platform.middleware import private_no_store

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: Any) -> Any:
    """The value as a cell: numbers as they are, text escaped when it begins a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _SafeWriter:
    def __init__(self, file, delimiter: str) -> None:
        self._writer = csv.writer(file, delimiter=delimiter, quoting=csv.QUOTE_NONNUMERIC)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(file, *, delimiter: str = ",") -> _SafeWriter:
    """A writer like `csv.writer` whose every cell goes through `csv_cell`."""
    return _SafeWriter(file, delimiter)


def csv_text(rows: Iterable[Iterable[Any]], *, delimiter: str = ",") -> str:
    """`rows` (the header first) as CSV text."""
    buffer = io.StringIO()
    csv_writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue()


CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def csv_bytes(rows: Iterable[Iterable[Any]], *, delimiter: str = ",") -> bytes:
    """`rows` as the file a download gives: UTF-8 with a byte-order mark."""
    return ("\ufeff" + csv_text(rows, delimiter=delimiter)).encode()


def csv_response(
    rows: Iterable[Iterable[Any]], *, filename: str, delimiter: str = ",", private: bool = False
) -> HttpResponse:
    """A CSV download of `rows` (the header first), UTF-8 with a byte-order mark so
    spreadsheet programs read it as UTF-8. `private`: a staff export, kept by no cache."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    csv_writer(response, delimiter=delimiter).writerows(rows)
    return private_no_store(response) if private else response
