"""The demo's report content: a news article updated in place, and a series of casualty update pages.

The article is fiction written for the demo (an earthquake in an invented province). Its figures rise across five
revisions and exercise what tallywatch must get right: a qualifier change ("almost 500" → "more than 480"), a
breakdown ("including 17 children"), a figure that appears later (the missing), and one revision that only rewords
the lead sentence, which must store a new version but raise no figure alert.

The series replays real numbers: the civilian casualties in Ukraine verified by the UN human rights office (OHCHR),
as quoted in OCHA's "Ukraine: Humanitarian Impact Situation Report" from 26 February to 22 March 2022 (see
/work/shared/corpus/sequences/ocha-ukraine-humanitarian-impact-sitrep). Injured = casualties − killed. The
sentences around the numbers are the demo's own.

Every revision carries the figures it is meant to show (`expected`, key → figure as rendered), so the tests can
check that the extractor sees exactly the intended movement.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

ARTICLE = "varnesse-quake-article"
SERIES = "ukraine-casualty-updates"

ARTICLE_PATH = "/news/varnesse-earthquake-toll"
INDEX_PATH = "/updates/"
UPDATE_PREFIX = "/updates/civilian-casualty-update-"
SERIES_LINK_PATTERN = "/updates/civilian-casualty-update-"
SERIES_METRICS: Mapping[str, Sequence[str]] = {"killed": ("killed", "dead", "deaths"),
                                               "injured": ("injured", "wounded")}

ARTICLE_TITLE = "Varnesse earthquake: toll rises as rescuers search collapsed homes"


def _long_date(day: date) -> str:
    # "6 March 2022": no zero padding, as people write it.
    return f"{day.day} {day.strftime('%B %Y')}"


@dataclass(frozen=True)
class Revision:
    """One state of the article: its body paragraphs and the figures they are meant to state."""

    note: str  # what the newsroom did, narrated when this revision is published
    paragraphs: tuple[str, ...]
    expected: Mapping[str, str] = field(default_factory=dict)
    alert: bool = True  # False: a text change only, which must raise no figure alert


@dataclass(frozen=True)
class Update:
    """One page of the series: a casualty update as of a date."""

    as_of: date
    paragraphs: tuple[str, ...]
    expected: Mapping[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"{UPDATE_PREFIX}{self.as_of.isoformat()}"

    @property
    def title(self) -> str:
        return f"Ukraine: civilian casualty update, {_long_date(self.as_of)}"


@dataclass(frozen=True)
class Step:
    """One moment of the replay: what the server shows and what the daemon should have recorded after it."""

    revision: int  # index into ARTICLE_REVISIONS
    updates: int  # how many series pages are listed
    note: str  # narration, empty for the starting state

    @property
    def expected_versions(self) -> dict[str, int]:
        """Versions each watch has once this step is recorded (every revision and page is a new version)."""
        return {ARTICLE: self.revision + 1, SERIES: self.updates}


_QUAKE_DAMAGE = (
    "Much of the damage was in the old harbour district of Port Aldric, where rows of brick apartment blocks "
    "folded onto the narrow streets. Neighbours and firefighters dug through the rubble by torchlight until the "
    "first heavy cranes arrived from the provincial capital."
)
_QUAKE_HOSPITALS = (
    "Hospitals in the capital postponed routine surgery to make room for the wounded, and the governor asked "
    "neighbouring provinces to send field kitchens, tents and blood supplies."
)
_QUAKE_RECOUNT = (
    "The service lowered its count of the injured during the morning after finding that some patients had been "
    "registered twice by different hospitals."
)

ARTICLE_REVISIONS: tuple[Revision, ...] = (
    Revision(
        note="the first report is published",
        paragraphs=(
            "A powerful earthquake shook the coastal province of Varnesse before dawn on Tuesday, killing at least "
            "86 people and leaving almost 500 injured, the regional emergency service said.",
            _QUAKE_DAMAGE,
            _QUAKE_HOSPITALS,
        ),
        expected={"killed": "at least 86", "injured": "almost 500"},
    ),
    Revision(
        note='the toll rises, children are counted, and "almost 500" injured is revised to "more than 480"',
        paragraphs=(
            "A powerful earthquake shook the coastal province of Varnesse before dawn on Tuesday, killing at least "
            "112 people, including 17 children, and leaving more than 480 injured, the regional emergency service "
            "said.",
            _QUAKE_RECOUNT,
            _QUAKE_DAMAGE,
            _QUAKE_HOSPITALS,
        ),
        expected={"killed": "at least 112", "children killed": "17", "injured": "more than 480"},
    ),
    Revision(
        note="a sub-editor rewords the lead sentence; every figure stays the same, so: a new version, no alert",
        paragraphs=(
            "According to the regional emergency service, the powerful earthquake that shook the coastal province "
            "of Varnesse before dawn on Tuesday killed at least 112 people, including 17 children, and left more "
            "than 480 injured.",
            _QUAKE_RECOUNT,
            _QUAKE_DAMAGE,
            _QUAKE_HOSPITALS,
        ),
        expected={"killed": "at least 112", "children killed": "17", "injured": "more than 480"},
        alert=False,
    ),
    Revision(
        note="afternoon update: a higher toll, and a count of the missing appears",
        paragraphs=(
            "According to the regional emergency service, the powerful earthquake that shook the coastal province "
            "of Varnesse before dawn on Tuesday killed at least 157 people, including 23 children, and left more "
            "than 610 injured.",
            "About 40 people are still missing, most of them residents of the blocks that collapsed on the "
            "harbour front.",
            _QUAKE_DAMAGE,
            _QUAKE_HOSPITALS,
        ),
        expected={"killed": "at least 157", "children killed": "23", "injured": "more than 610",
                  "missing": "about 40"},
    ),
    Revision(
        note="next morning: the toll is now stated exactly and fewer people are missing",
        paragraphs=(
            "The death toll from the earthquake that shook the coastal province of Varnesse before dawn on Tuesday "
            "has risen to 203, including 31 children, the regional emergency service said on Wednesday. More than "
            "700 people were injured.",
            "About 25 people are still missing. Rescuers pulled a woman alive from the ruins of a bakery late on "
            "Tuesday night, and teams with sniffer dogs were still working along the harbour front.",
            _QUAKE_DAMAGE,
            _QUAKE_HOSPITALS,
        ),
        expected={"killed": "203", "children killed": "31", "injured": "more than 700", "missing": "about 25"},
    ),
)

_SERIES_NOTE = (
    "OHCHR counts only the cases it has been able to verify, each on its own evidence. The real figures are "
    "certainly higher: reports from places under heavy fighting reach the office late, and many are still being "
    "checked."
)

SERIES_UPDATES: tuple[Update, ...] = (
    Update(
        as_of=date(2022, 2, 26),
        paragraphs=(
            "The UN human rights office (OHCHR) has so far verified at least 240 civilian casualties in Ukraine: "
            "at least 64 civilians killed and at least 176 injured.",
            "Shelling, rocket fire and air strikes on populated areas caused most of the casualties recorded since "
            "the military offensive began.",
            _SERIES_NOTE,
        ),
        expected={"civilian casualties": "at least 240", "killed": "at least 64", "injured": "at least 176"},
    ),
    Update(
        as_of=date(2022, 3, 6),
        paragraphs=(
            "By the end of 6 March, OHCHR had verified 1,207 civilian casualties in Ukraine: 406 civilians killed "
            "and 801 injured.",
            "Fighting around several cities in the east and the north made it hard to reach and confirm reports of "
            "further deaths.",
            _SERIES_NOTE,
        ),
        expected={"civilian casualties": "1,207", "killed": "406", "injured": "801"},
    ),
    Update(
        as_of=date(2022, 3, 17),
        paragraphs=(
            "By the end of 17 March, OHCHR had verified 2,149 civilian casualties in Ukraine: 816 civilians killed "
            "and 1,333 injured.",
            "Humanitarian convoys began to reach some besieged areas, but access to the hardest-hit towns remained "
            "limited.",
            _SERIES_NOTE,
        ),
        expected={"civilian casualties": "2,149", "killed": "816", "injured": "1,333"},
    ),
    Update(
        as_of=date(2022, 3, 20),
        paragraphs=(
            "By the end of 20 March, OHCHR had verified 2,421 civilian casualties in Ukraine: 925 civilians killed "
            "and 1,496 injured.",
            "Strikes on buildings where families had taken shelter were reported, and the number of casualties "
            "there was still unclear.",
            _SERIES_NOTE,
        ),
        expected={"civilian casualties": "2,421", "killed": "925", "injured": "1,496"},
    ),
    Update(
        as_of=date(2022, 3, 22),
        paragraphs=(
            "By the end of 22 March, OHCHR had verified 2,571 civilian casualties in Ukraine: 977 civilians killed "
            "and 1,594 injured.",
            "The office expects these figures to keep rising as delayed reports are checked.",
            _SERIES_NOTE,
        ),
        expected={"civilian casualties": "2,571", "killed": "977", "injured": "1,594"},
    ),
)


def build_steps() -> tuple[Step, ...]:
    """The replay: the starting state, then article revisions and new update pages in turn."""
    steps = [Step(revision=0, updates=1, note="")]
    revision, updates = 0, 1
    while revision < len(ARTICLE_REVISIONS) - 1 or updates < len(SERIES_UPDATES):
        # Alternating keeps one alert per step, so each alert on screen follows the narration that caused it.
        if revision < len(ARTICLE_REVISIONS) - 1:
            revision += 1
            steps.append(Step(revision, updates,
                              f"article revision {revision + 1}/{len(ARTICLE_REVISIONS)}: "
                              f"{ARTICLE_REVISIONS[revision].note}"))
        if updates < len(SERIES_UPDATES):
            updates += 1
            update = SERIES_UPDATES[updates - 1]
            steps.append(Step(revision, updates,
                              f"series: a new update page is listed ({_long_date(update.as_of)}, "
                              f"page {updates}/{len(SERIES_UPDATES)})"))
    return tuple(steps)


STEPS = build_steps()


# ----------------------------------------------------------------------------------------------------- markup


def _page(title: str, body: str, *, published: str | None = None) -> str:
    # Navigation, a cookie banner, a "most read" box and a footer surround the body, as on a real site, so the
    # demo also shows that extraction keeps only the report. None of that furniture holds a number.
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>{meta}</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news/">News</a> <a href="{INDEX_PATH}">Updates</a></nav></header>
<div class="cookie-banner">This site uses cookies to remember your preferences. Accept all cookies?</div>
<main>
{body}
</main>
<aside><h3>Most read</h3><ul><li><a href="/news/harbour-festival">Harbour festival postponed</a></li>
<li><a href="/news/ferry-timetable">Winter ferry timetable announced</a></li></ul></aside>
<footer><p>A replay served by the tallywatch demo. The earthquake story is fiction.</p></footer>
</body></html>
"""


def article_html(revision: Revision) -> str:
    """The article page as served for one revision."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in revision.paragraphs)
    return _page(ARTICLE_TITLE, f"<article>\n<h1>{html.escape(ARTICLE_TITLE)}</h1>\n{body}\n</article>")


def update_html(update: Update) -> str:
    """One update page of the series."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in update.paragraphs)
    stamp = update.as_of.isoformat()
    return _page(update.title, f"<article>\n<h1>{html.escape(update.title)}</h1>\n"
                               f'<p class="dateline"><time datetime="{stamp}">{_long_date(update.as_of)}</time></p>\n'
                               f"{body}\n</article>", published=f"{stamp}T18:00:00+00:00")


def index_html(updates: Sequence[Update]) -> str:
    """The listing page: the newest update first, like most publishers' listings."""
    items = "\n".join(f'<li><a href="{u.path}">{html.escape(u.title)}</a></li>' for u in reversed(updates))
    return _page("Civilian casualty updates", f"<h1>Civilian casualty updates</h1>\n<ul>\n{items}\n</ul>")
