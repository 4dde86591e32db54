import pytest

_SENT = []


@pytest.fixture
def hostile_report():
    """Collects the requests the hostile-input suite sends; the total is printed at the end."""
    return _SENT


def pytest_terminal_summary(terminalreporter):
    if _SENT:
        terminalreporter.write_line(f"hostile-input suite: {len(_SENT)} requests sent")
