"""Development mailbox: every message as one .eml file in PORTAL_MAILBOX_DIR.

`make run` uses it so sign-up and password reset work without SMTP; the mailbox
pages (/dev/mail/) read the same folder.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class FolderEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = Path(settings.PORTAL_MAILBOX_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
            name = f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            (folder / name).write_bytes(message.message().as_bytes())
        return len(email_messages)


@dataclass(frozen=True)
class StoredMail:
    name: str
    to: str
    subject: str
    sent: datetime
    text: str


def _read(path: Path) -> StoredMail:
    parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
    body = parsed.get_body(preferencelist=("plain",))
    return StoredMail(
        name=path.stem,
        to=str(parsed["To"] or ""),
        subject=str(parsed["Subject"] or ""),
        sent=datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.get_current_timezone()),
        text=body.get_content() if body else "",
    )


def mailbox_list(limit: int = 100) -> list[StoredMail]:
    folder = Path(settings.PORTAL_MAILBOX_DIR)
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.eml"), reverse=True)[:limit]
    return [_read(p) for p in paths]


def mailbox_get(name: str) -> StoredMail | None:
    if not name.replace("-", "").isalnum():
        return None
    path = Path(settings.PORTAL_MAILBOX_DIR) / f"{name}.eml"
    return _read(path) if path.is_file() else None
