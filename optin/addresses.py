"""Lists of addresses kept with a double opt-in: the model mixin, signed links, mails with a
one-click unsubscribe, and the limits on requests and confirmation mails.

Links carry the row's id and a keyed digest of the address, signed with SECRET_KEY: nothing is
stored to check them, the address never appears in a URL, and a link stops working if the row is
deleted and its id reused by someone else. Unsubscribe links never expire, so that every mail ever
sent keeps its way out.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from hardening import ratelimit


def normalize_email(email):
    """One spelling per mailbox, so that « Anne@Exemple.fr » and « anne@exemple.fr » are one subscriber."""
    return (email or "").strip().lower()


class DoubleOptIn:
    """Confirm and unsubscribe for an address kept with `confirmed_at` and `unsubscribed_at`
    (blog subscribers, proposal followers); both idempotent."""

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    def confirm(self):
        """Confirm (or re-confirm after an unsubscription)."""
        if self.is_confirmed:
            return False
        self.confirmed_at = timezone.now()
        self.unsubscribed_at = None
        self.save(update_fields=["confirmed_at", "unsubscribed_at"])
        return True

    def unsubscribe(self):
        """A second click on the link changes nothing."""
        if self.unsubscribed_at:
            return False
        self.unsubscribed_at = timezone.now()
        self.save(update_fields=["unsubscribed_at"])
        return True


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def confirm_max_age():
    """Seconds a confirmation link works."""
    return getattr(settings, "SUBSCRIPTION_CONFIRM_MAX_AGE", 3 * 24 * 3600)


def confirmation_mails_per_day():
    """At most this many confirmation mails to one address in 24 hours, whoever asks and whatever
    the address's state: a form cannot be used to pester someone."""
    return getattr(settings, "SUBSCRIPTION_CONFIRMATION_MAILS_PER_DAY", 3)


def header_value(text):
    """`text` on one line: a newline in a header (a page title typed or imported with one) makes
    Django refuse the whole mail (BadHeaderError)."""
    return " ".join(str(text).split())


class OptInList:
    """One kind of double opt-in list (a DoubleOptIn model): its signed links, its mails and its
    limits. `key` names the list in salts and rate-limit buckets; `rows` returns the queryset a
    link is read from; the URL names take the token; `attempts` is (setting, default) of the
    (attempts, seconds) allowed per client address."""

    def __init__(
        self, key, rows, confirm_url_name, unsubscribe_url_name, attempts, attempt_bucket, mail_bucket
    ):
        self.key = key
        self.rows = rows
        self.confirm_salt = f"{key}.confirm"
        self.unsubscribe_salt = f"{key}.unsubscribe"
        self.confirm_url_name = confirm_url_name
        self.unsubscribe_url_name = unsubscribe_url_name
        self.attempts = attempts
        self.attempt_bucket = attempt_bucket
        self.mail_bucket = mail_bucket

    def _email_digest(self, email):
        return salted_hmac(f"{self.key}.email", email).hexdigest()[:20]

    def make_token(self, row, salt):
        return signing.dumps([row.pk, self._email_digest(row.email)], salt=salt)

    def read_token(self, token, salt, max_age=None):
        """The row a link was made for. Raises LinkExpired, LinkInvalid, or the model's
        DoesNotExist when the row has been deleted since."""
        rows = self.rows()
        try:
            row_id, digest = signing.loads(token, salt=salt, max_age=max_age)
        except signing.SignatureExpired as error:
            raise LinkExpired from error
        except (signing.BadSignature, TypeError, ValueError) as error:
            raise LinkInvalid from error
        row = rows.filter(pk=row_id).first()
        if row is None or not constant_time_compare(str(digest), self._email_digest(row.email)):
            raise rows.model.DoesNotExist
        return row

    def _url(self, name, row, salt, base_url):
        return base_url.rstrip("/") + reverse(name, args=[self.make_token(row, salt)])

    def confirm_url(self, row, base_url):
        return self._url(self.confirm_url_name, row, self.confirm_salt, base_url)

    def unsubscribe_url(self, row, base_url):
        return self._url(self.unsubscribe_url_name, row, self.unsubscribe_salt, base_url)

    def build_mail(self, row, subject, template, context, base_url):
        """A mail to one row's address, with its unsubscribe link in the text and the headers
        (RFC 2369, and RFC 8058's one-click POST, which mail clients show as a « Se désabonner »
        button)."""
        link = self.unsubscribe_url(row, base_url)
        body = render_to_string(
            template,
            {**context, "unsubscribe_url": link, "MISSION_NAME": settings.MISSION_NAME},
        )
        return EmailMultiAlternatives(
            subject=header_value(f"[{settings.MISSION_NAME}] {subject}"),
            body=body,
            to=[row.email],
            headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )

    def allow_attempt(self, request):
        """Count one request from the client's address; False once over the limit."""
        setting, default = self.attempts
        return not ratelimit.hit(request, self.attempt_bucket, [getattr(settings, setting, default)])

    def confirmation_mail_allowed(self, email):
        """Count one confirmation mail to `email`; False once over the daily cap. Keyed by the
        address only (hardening.ratelimit stores a keyed digest, never the address)."""
        return not ratelimit.hit(
            None, self.mail_bucket, [(confirmation_mails_per_day(), 24 * 3600)], key=email
        )

    def send_confirmation(self, row, subject, template, context, base_url):
        """Mail `row` its confirmation link: none to a confirmed address, nor beyond the daily cap
        per address. Returns the number of mails sent."""
        if row.is_confirmed or not self.confirmation_mail_allowed(row.email):
            return 0
        context = {**context, "confirm_url": self.confirm_url(row, base_url)}
        return self.build_mail(row, subject, template, context, base_url).send()
