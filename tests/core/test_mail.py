"""Reminder e-mails leave through the SMTP server the deployment names (EMAIL_HOST …), checked
against a real SMTP server on loopback; without EMAIL_HOST they go to the log, never to a mail
server the machine does not have."""

import email
import os
import socket
import subprocess
import sys
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]
SEND = ("from django.core.mail import send_mail; "
        "send_mail('催报：2023年9月月报', '请于25日前提交。', None, ['owner@example.cn'])")


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        self.messages.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _send(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("EMAIL_") and k != "DEFAULT_FROM_EMAIL"}
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), "shell", "-c", SEND],
                          env={**clean, **env}, capture_output=True, text=True, timeout=120,
                          cwd=ROOT)


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def test_mail_goes_through_the_configured_smtp_server(smtp_server):
    controller, inbox = smtp_server
    result = _send({"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(controller.port),
                    "DEFAULT_FROM_EMAIL": "tuijin <noreply@kaifeng.example.cn>"})
    assert result.returncode == 0, result.stderr
    [envelope] = inbox.messages
    assert envelope.mail_from == "noreply@kaifeng.example.cn"
    assert envelope.rcpt_tos == ["owner@example.cn"]
    message = email.message_from_bytes(envelope.content)
    assert str(make_header(decode_header(message["Subject"]))) == "催报：2023年9月月报"
    assert "请于25日前提交" in message.get_payload(decode=True).decode("utf-8")


def test_without_a_mail_server_the_mail_is_written_to_the_log(smtp_server):
    _controller, inbox = smtp_server
    result = _send({})
    assert result.returncode == 0, result.stderr
    assert "owner@example.cn" in result.stdout and not inbox.messages
