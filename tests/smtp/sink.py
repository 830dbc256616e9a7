"""A real SMTP server for the report tests (aiosmtpd): python3 sink.py PORT FOLDER.

Every message it accepts is read back with Python's e-mail parser and written to FOLDER as
NNNN.json (envelope recipients, decoded subject, sender, the HTML body and each attachment's
name, type and text). Recipients at refused.example are refused with 550, so a test can make
one send fail. Prints "ready" once it accepts connections; runs until killed.
"""

import email
import email.policy
import itertools
import json
import pathlib
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = pathlib.Path(folder)
        self.numbers = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.example"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        body = message.get_body(preferencelist=("html",))
        attachments = [
            {
                "filename": part.get_filename(),
                "content_type": part.get_content_type(),
                "content": part.get_content(),
            }
            for part in message.iter_attachments()
        ]
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "from": str(message["from"]),
            "to": str(message["to"]),
            "html": body.get_content() if body is not None else None,
            "attachments": attachments,
        }
        path = self.folder / f"{next(self.numbers):04}.json"
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
        partial.rename(path)
        return "250 OK"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
