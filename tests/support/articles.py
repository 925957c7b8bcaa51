"""Article pages written for the tests: a news-like page with furniture around the body, in markup variants."""

from __future__ import annotations

import html
from collections.abc import Sequence

BASE_PARAGRAPHS = (
    "Officials in the eastern province said on Tuesday that at least 249 people had been killed, including "
    "17 children, and 553 injured since the shelling began.",
    "Rescue teams were still searching collapsed buildings in three districts, and the regional governor asked "
    "neighbouring towns to send heavy equipment and more volunteers to the worst affected streets.",
    "The health ministry said 12 hospitals were operating beyond capacity and that more than 480 missiles had "
    "struck the region over the past month.",
    "Aid agencies warned that about 1.2 million people would need food assistance before winter, and that "
    "water supplies in several towns had been cut for days.",
)


def article(paragraphs: Sequence[str] = BASE_PARAGRAPHS, *, title: str = "Shelling toll rises in the east",
            variant: int = 0) -> str:
    """An HTML page with nav, sidebar, cookie banner and footer around the article.

    `variant` changes only markup (classes, wrappers, attributes, whitespace, scripts) — never the words.
    """
    wrap_open, wrap_close = ("<div class='wrap'><div class='inner'>", "</div></div>") if variant % 2 else ("", "")
    p_attr = f" class='para v{variant}' data-track='{variant * 7}'" if variant else ""
    sep = "\n      " if variant % 3 == 1 else "\n"
    body = sep.join(f"<p{p_attr}>{html.escape(p)}</p>" for p in paragraphs)
    script = f"<script>var build = {variant * 1234};</script>" if variant else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>.v{variant} {{ color: #{variant:03d}; }}</style>{script}</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. Accept all cookies?</div>
<main>{wrap_open}
<article>
<h1>{html.escape(title)}</h1>
{body}
</article>{wrap_close}
</main>
<aside><h3>Most read</h3><ul><li><a href="/a">Football results from the weekend</a></li>
<li><a href="/b">Ten recipes for autumn</a></li></ul></aside>
<footer><p>© 2026 Example News. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""
