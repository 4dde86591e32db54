"""The set-up a newcomer relies on: admin account, production settings, configuration."""

import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests import live_servers


def run_manage(*args, env_overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"):
        env.pop(name, None)
    env.update(env_overrides)
    return live_servers.run_manage(env, *args)


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "mission_site.settings.production",
    "SECRET_KEY": "t3st-Only_9fQ2zLm8VwXc4RbN7yHp1KjD6sGe0AuTiOoPlMnBvCxZaSdFgHjKl",
    "ALLOWED_HOSTS": "www.culture-acte2.fr",
    "WAGTAILADMIN_BASE_URL": "https://www.culture-acte2.fr",
}


def test_french_by_default():
    assert settings.LANGUAGE_CODE == "fr-fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.WAGTAILADMIN_PERMITTED_LANGUAGES == [("fr", "Français")]


def test_ensure_admin_prints_a_login_that_works(db, client, capsys, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    out = capsys.readouterr().out
    password = out.split("password:")[1].strip()
    assert "user: admin" in out
    assert client.login(username="admin", password=password)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Tableau de bord" in response.content.decode()  # the admin speaks French
    call_command("ensure_admin")  # a second run still leaves one account
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_production_refuses_to_start_without_secret_key():
    env = dict(PRODUCTION_ENV)
    del env["SECRET_KEY"]
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "missing" in result.stderr


def test_production_refuses_a_development_key():
    env = dict(PRODUCTION_ENV, SECRET_KEY="dev-only-insecure-key-do-not-use-in-production")
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = dict(PRODUCTION_ENV)
    del env["ALLOWED_HOSTS"]
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(("redis_url", "expected"), [("", "False"), ("redis://127.0.0.1:6379/1", "True")])
def test_production_caches_fragments_only_with_a_shared_cache(redis_url, expected):
    """Without REDIS_URL each process has its own cache, which an edit in another cannot renew."""
    printed = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.FRAGMENT_CACHE_ENABLED)",
        env_overrides={**PRODUCTION_ENV, "REDIS_URL": redis_url},
    )
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip().splitlines()[-1] == expected
