"""Keyboard-only navigation helpers: reach an element with Tab, check that focus is visible.

Meant for every feature's keyboard test (comment form, filters): reach a field with `tab_to`,
type, press Enter, then check where focus landed with `is_focused` and `assert_focus_visible`.
"""

DESCRIBE_FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
        href: el.getAttribute('href'),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
    };
}"""


def focused(page):
    """A description of the focused element (tag, id, text, href, computed outline), or None."""
    return page.evaluate(DESCRIBE_FOCUSED)


def is_focused(locator):
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, locator, limit=80, backwards=False):
    """Press Tab (Shift+Tab when `backwards`) until `locator` has focus; returns the number of
    presses. Fails with the path that focus took when the element is not reached."""
    key = "Shift+Tab" if backwards else "Tab"
    path = []
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if is_focused(locator):
            return presses
        current = focused(page)
        path.append(current and f"{current['tag']}#{current['id']} « {current['text']} »")
    raise AssertionError(f"{locator} not reached after {limit} × {key}; focus went through: {path}")


def assert_focus_visible(page):
    """The focused element shows a focus indicator: a real outline, or a box shadow (DSFR uses
    outlines; some components draw focus with a shadow)."""
    current = focused(page)
    assert current is not None, "nothing has focus"
    has_outline = current["outlineStyle"] != "none" and current["outlineWidth"] >= 1
    has_shadow = current["boxShadow"] not in ("", "none")
    assert has_outline or has_shadow, f"focus is not visible on {current}"
    return current
