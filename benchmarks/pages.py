"""Deterministic article-like pages for the benchmark: 30-80 KB of HTML each, with figures that can be re-rolled.

A page is a news article wrapped in the furniture real sites carry (head with inline CSS and JS, a large
navigation menu, a "most read" sidebar, a footer full of links), so extraction has real work to do. The article
body states casualty-style figures; a *revision* re-rolls every number, so a mutated page is a real figure change
for tallywatch and a text change for urlwatch, while the rest of the page stays byte-identical.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_TEXT = (
    "authorities confirmed late on thursday that the convoy had reached the northern district after a "
    "delay of several hours while engineers cleared the damaged bridge and local volunteers organised "
    "water distribution near the central market the regional governor told reporters that repairs to the "
    "power grid would take weeks and asked residents to limit their use of generators after dark several "
    "humanitarian groups said access remained difficult because of checkpoints and damaged roads and "
    "called for a pause in the fighting to evacuate the wounded the foreign minister travelled to the "
    "capital for talks on a broader agreement covering prisoners and the reopening of the airport farmers "
    "in the valley reported that most of the harvest was lost and that fuel for tractors was scarce "
    "hospital staff described working double shifts with limited supplies of anaesthetics and antibiotics "
    "observers cautioned that the figures could not be independently verified and might rise as more "
    "areas become accessible"
)
_VOCAB = _TEXT.split()

_TOWNS = ("Mykolaiv", "Deir al-Balah", "Kherson", "Nabatieh", "Homs", "Bakhmut", "Jenin", "Chernihiv",
          "Baalbek", "Raqqa", "Avdiivka", "Beit Lahia", "Sidon", "Kramatorsk")

_SECTIONS = ("News", "World", "Europe", "Middle East", "Africa", "Asia", "Economy", "Markets", "Tech", "Science",
             "Health", "Environment", "Sport", "Arts", "Travel", "Opinion", "Video", "Newsletters")

# Each SLOT is a number slot; a revision gives every slot of the page a new value.
SLOT = "@@"
_FIGURE_SENTENCES = (
    "At least @@ people have been killed and @@ injured since the strikes began, the health ministry said.",
    "The ministry said @@ civilians were killed, among them @@ children, and @@ more were wounded.",
    "Rescue teams pulled @@ survivors from the rubble on Wednesday; @@ people remain missing.",
    "The air force said it shot down @@ of the @@ drones launched overnight.",
    "About @@ people have fled their homes and @@ are staying in @@ collective shelters.",
    "The UN said @@ aid trucks crossed on Monday, against the @@ a day needed before the war.",
    "Officials counted @@ damaged buildings, @@ of them schools, and @@ destroyed homes.",
)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_VOCAB) for _ in range(rng.randint(10, 26))]
    if rng.random() < 0.2:
        words.insert(rng.randint(1, len(words) - 1), f"in {rng.choice(_TOWNS)}")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _menu(rng: random.Random) -> str:
    entries = []
    for section in _SECTIONS:
        slug = section.lower().replace(" ", "-")
        subs = "".join(
            f'<li class="menu__sub"><a class="menu__link" href="/{slug}/{k}" data-analytics="menu-{slug}-{k}">'
            f"{section} {rng.choice(_VOCAB).capitalize()}</a></li>"
            for k in range(rng.randint(5, 10)))
        entries.append(f'<li class="menu__item"><a href="/{slug}">{section}</a><ul>{subs}</ul></li>\n')
    return ('<header class="masthead"><a class="brand" href="/"><svg viewBox="0 0 100 24" width="100" height="24">'
            '<rect width="100" height="24" fill="#0a3d62"/></svg></a><form role="search" action="/search">'
            '<input name="q" type="search" aria-label="Search"></form>'
            '<nav class="menu" aria-label="Main"><ul>\n' + "".join(entries) + "</ul></nav></header>\n")


_STYLE = "<style>" + "".join(
    f".b{i}{{margin:{i % 6}px 0 {i % 4}px;padding:{i % 5}px {i % 3}px;border-left:{i % 2}px solid #"
    f"{(i * 40503) % 0xFFFFFF:06x};font:{11 + i % 8}px/1.{i % 8} serif}}" for i in range(140)) + "</style>"

_SCRIPT = ("<script>(function(w){w.ads=w.ads||[];" + "".join(
    f"w.ads.push({{slot:'slot-{i}',size:[{300 + i % 4 * 10},{250 - i % 3 * 20}],refresh:{i % 2 == 0}}});"
    for i in range(70)) + "})(window);</script>")


@dataclass
class PageTemplate:
    """A page's fixed HTML split around its number slots; rendering a revision fills the slots."""

    index: int
    chunks: list[str]  # len(chunks) == slots + 1

    @property
    def slots(self) -> int:
        """How many numbers a revision re-rolls."""
        return len(self.chunks) - 1

    def render(self, seed: int, revision: int) -> bytes:
        """The page's HTML at `revision` (revision 0 is the initial page); deterministic."""
        rng = random.Random(f"{seed}:{self.index}:{revision}")
        out = [self.chunks[0]]
        for chunk in self.chunks[1:]:
            out.append(str(rng.randint(2, 4000)))
            out.append(chunk)
        return "".join(out).encode("utf-8")


def build_page(index: int, seed: int, min_bytes: int = 30_000, max_bytes: int = 80_000) -> PageTemplate:
    """Page `index` of the site: its size is drawn in [min_bytes, max_bytes], its words from a fixed vocabulary."""
    rng = random.Random(f"page:{seed}:{index}")
    size = rng.randint(min_bytes, max_bytes)
    town = rng.choice(_TOWNS)
    title = f"{town}: " + " ".join(rng.choice(_VOCAB) for _ in range(rng.randint(5, 8))).capitalize()
    html = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Daily Ledger</title>'
        f'<meta name="description" content="{title}"><meta property="og:type" content="article">'
        f'<link rel="canonical" href="/page/{index}">{_STYLE}{_SCRIPT}</head><body>\n',
        _menu(rng),
        f'<main><article class="story" id="story-{index}"><h1>{title}</h1>'
        f'<p class="byline">By {rng.choice(("Iryna Koval", "Samir Nasser", "Jonas Berg", "Ana Ruiz"))}, '
        f"{rng.choice(_SECTIONS)} desk</p>\n<p class=\"updated\">Last updated: edition @@</p>\n",
    ]
    sidebar = ('<aside class="most-read"><h2>Most read</h2><ol>' + "".join(
        f'<li><a href="/page/{rng.randrange(50_000)}">{_sentence(rng)[:80]}</a></li>' for _ in range(12))
        + "</ol></aside>\n")
    footer = ('<footer><ul class="footer-links">' + "".join(
        f'<li><a href="/info/{k}">{rng.choice(_VOCAB).capitalize()} {k}</a></li>' for k in range(70))
        + "</ul><p>&copy; The Daily Ledger</p></footer></body></html>")
    closing = "</article>\n" + sidebar + "</main>\n" + footer
    # The article itself is a realistic 5-13 KB of text with a figure sentence in every third paragraph...
    text_target = rng.randint(5_000, 13_000)
    written = 0
    block = 0
    while written < text_target:
        block += 1
        if block % 7 == 0:
            html.append(f"<h2>{_sentence(rng)[:70]}</h2>\n")
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
        if block % 3 == 1:
            paragraph += " " + rng.choice(_FIGURE_SENTENCES)
        written += len(paragraph)
        html.append(f'<div class="b{block % 140}"><p>{paragraph}</p></div>\n')
        if block % 4 == 0:
            html.append(f'<p class="see-also">See also: <a href="/page/{rng.randrange(50_000)}">'
                        f"{_sentence(rng)[:60]}</a></p>\n")
    # ...and the rest of the size is what real pages carry besides: related-story teasers and a state blob.
    used = sum(map(len, html)) + len(closing)
    teasers = []
    while used < size - 6_000:
        teaser = (f'<li class="teaser"><a href="/page/{rng.randrange(50_000)}"><img src="/img/{rng.randrange(10**6)}'
                  f'.jpg" alt="" loading="lazy" width="160" height="90"><span>{_sentence(rng)[:90]}</span></a></li>')
        teasers.append(teaser)
        used += len(teaser)
    state = ",".join(f'"k{k}":"{rng.getrandbits(64):016x}"' for k in range(max(0, size - used - 120) // 26))
    closing = (closing.replace("</main>", f'<section class="related"><ul>{"".join(teasers)}</ul></section></main>')
               .replace("</body>", f'<script type="application/json" id="state">{{{state}}}</script></body>'))
    html.append(closing)
    return PageTemplate(index=index, chunks="".join(html).split(SLOT))
