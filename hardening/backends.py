from axes.backends import AxesStandaloneBackend


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for web logins only.

    Axes refuses any `authenticate()` call made without a request; the calls made without one
    (Django's test client, management commands) are not web login attempts, so there is nothing
    to lock out and the next backend authenticates them as usual.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
