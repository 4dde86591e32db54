"""A mail server that refuses some recipients, as a real SMTP server does (550)."""

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    """The test outbox, except that addresses starting with « refuse » make the send fail."""

    def send_messages(self, messages):
        for message in messages:
            refused = [address for address in message.to if address.startswith("refuse")]
            if refused:
                raise SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"Mailbox unavailable")))
        return super().send_messages(messages)
