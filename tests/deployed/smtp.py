"""A small SMTP server that keeps what it is given: the mail that really left the portal.

The worker hands mail to it with Django's SMTP backend, as production hands it to the
municipality's relay. It speaks just enough SMTP for smtplib (EHLO/HELO, MAIL, RCPT,
DATA, RSET, NOOP, QUIT) and runs in a thread of the test process.
"""

from __future__ import annotations

import socketserver
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: tuple[str, ...]
    message: EmailMessage

    @property
    def subject(self) -> str:
        """Unfolded, as written: a long encoded subject arrives folded over lines."""
        return " ".join(str(self.message["Subject"]).split())

    @property
    def text(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")

    def handle(self) -> None:
        self._reply("220 sink.test ESMTP")
        sender, recipients = "", []
        while line := self.rfile.readline():
            verb = line[:4].upper().decode("ascii", "replace")
            argument = line[5:].strip().decode("utf-8", "replace")
            if verb == "EHLO":
                self._reply("250-sink.test")
                self._reply("250 8BITMIME")
            elif verb == "HELO":
                self._reply("250 sink.test")
            elif verb == "MAIL":
                sender, recipients = _address(argument), []
                self._reply("250 OK")
            elif verb == "RCPT":
                recipients.append(_address(argument))
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.store(Received(sender, tuple(recipients), self._data()))
                self._reply("250 OK: queued")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            elif verb in ("RSET", "NOOP"):
                sender, recipients = ("", []) if verb == "RSET" else (sender, recipients)
                self._reply("250 OK")
            else:
                self._reply("502 Command not implemented")

    def _data(self) -> EmailMessage:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return message_from_bytes(b"".join(lines), policy=policy.default)


def _address(argument: str) -> str:
    """`FROM:<a@b> SIZE=1` → `a@b`."""
    value = argument.split(":", 1)[-1].strip()
    return value.split(">", 1)[0].lstrip("<").strip()


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address) -> None:
        super().__init__(address, _Handler)
        self.received: list[Received] = []
        self.changed = threading.Condition()

    def store(self, item: Received) -> None:
        with self.changed:
            self.received.append(item)
            self.changed.notify_all()


class SmtpSink:
    """`with SmtpSink() as sink:` listens on 127.0.0.1:`sink.port` until the block ends."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0))
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> SmtpSink:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def received(self) -> list[Received]:
        with self._server.changed:
            return list(self._server.received)

    def to(self, address: str, subject_contains: str = "") -> list[Received]:
        return [
            m for m in self.received if address in m.recipients and subject_contains in m.subject
        ]

    def wait_for(self, predicate, timeout: float) -> bool:
        """Wait until `predicate(received)` is true or the time is up."""
        with self._server.changed:
            return self._server.changed.wait_for(
                lambda: predicate(list(self._server.received)), timeout
            )
