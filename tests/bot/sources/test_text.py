from bot.sources.text import html_to_text


def test_tags_dropped_entities_decoded_whitespace_collapsed() -> None:
    markup = "<p>Pay   cut &amp; <b>layoffs</b>&nbsp;at&#32;Outlier</p>\n\n\n<p>second\tpara</p>"
    assert html_to_text(markup) == "Pay cut & layoffs at Outlier\n\nsecond para"


def test_scripts_and_styles_are_not_text() -> None:
    assert html_to_text("<style>p{}</style><p>hi</p><script>alert(1)</script>") == "hi"


def test_only_class_keeps_reddit_post_body_without_footer() -> None:
    markup = ('<!-- SC_OFF --><div class="md"><p>one</p>\n<div><p>two</p></div></div>'
              '<!-- SC_ON --> &#32; submitted by <a href="x"> /u/bob </a>')
    assert html_to_text(markup, only_class="md") == "one\n\ntwo"
    assert html_to_text("<table><tr><td>[link]</td></tr></table>", only_class="md") == ""
