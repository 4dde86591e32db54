"""Excerpts of the results: every word of the page's text escaped, the searched ones marked."""

from django.utils.safestring import SafeData

from search.excerpts import make_excerpt


def test_an_excerpt_escapes_every_word_and_marks_the_searched_ones():
    text = "<p>Le tarif &amp; la « copie privée » : <b>x</b> 'quotes' SACEM\", &lt;script&gt;alert(1)</p>"
    excerpt = make_excerpt([text], "copie sacem")
    assert isinstance(excerpt, SafeData)
    assert excerpt == (
        "Le tarif &amp; la « <mark>copie</mark> privée » : x &#x27;quotes&#x27; "
        "<mark>SACEM</mark>&quot;, &lt;script&gt;alert(1)"
    )


def test_without_a_searched_word_the_excerpt_is_the_escaped_start_of_the_first_text():
    excerpt = make_excerpt(["", "Un <i>début</i> & " + "mot " * 40], "absent")
    assert isinstance(excerpt, SafeData)
    assert excerpt == "Un début &amp; " + "mot " * 28 + "mot …"
