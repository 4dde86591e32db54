"""A corpus of hostile values, sent by the hostile-input suite to every public input."""

HOSTILE_VALUES = [
    # markup and script injection
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "'\"><iframe src=javascript:alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    # SQL fragments
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page; --",
    "1' UNION SELECT password FROM auth_user --",
    "%",
    "_",
    "\\",
    "\\x00",
    "'",
    '"',
    "`",
    # path traversal
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "/admin/",
    "C:\\Windows\\win.ini",
    # control characters and encodings
    "\x00",
    "abc\x00def",
    "\r\nSet-Cookie: injected=1",
    "\t\n\r",
    "\u202e\u0644",
    "😀🎬📚",
    "é" * 300,
    # sizes and numbers
    "a" * 10_000,
    "",
    " ",
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "3.14",
    "0x41",
    # wrong types and formats
    "[]",
    "{}",
    "null",
    "true",
    "2012-13",
    "2012-02-30",
    "9999-99-99",
    "abc",
]

# Values that must never come back unescaped in an HTML response.
REFLECTION_MARKERS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>"]

# Added to HOSTILE_VALUES for form fields: what parses as a number in Python but not in a form
# (non-ASCII digits), numbers no column holds, invisible and direction marks.
POST_ONLY_VALUES = [
    "²",
    "١٢",
    "٣",
    "𝟗",
    "9" * 10_000,
    str(2**31),
    str(2**63),
    "-" + "9" * 40,
    "\u200f",
    "\u200e42\u200f",
    "\ufeff1",
    "1\x00",
    "%00",
    "a" * 300 + "@example.org",
    '=HYPERLINK("https://evil.example/")',
]
POST_VALUES = HOSTILE_VALUES + POST_ONLY_VALUES
