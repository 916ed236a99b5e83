"""The words and numbers the renderings share, so HTML and Markdown say the same thing.

Each function returns plain text; escaping it is the rendering's job (`html._e`,
`markdown._md`), since only the rendering knows where the text goes.
"""

from __future__ import annotations

from ...phrasing import plural  # noqa: F401 - the renderings import it from here, with the rest

EXCERPT = 120  # characters of an excerpt or message shown in a table

LANGUAGES = {
    "en": "English", "de": "German", "es": "Spanish", "fr": "French", "sv": "Swedish",
    "ja": "Japanese", "ko": "Korean", "zh": "Chinese",
}

PAY_NOTE = (
    "“Without pay” means no pay figure was found in the posting: a compensation heading "
    "with no amount does not count as pay."
)


def language_name(code) -> str:
    code = str(code or "unknown")
    name = LANGUAGES.get(code)
    return f"{name} ({code})" if name else code


def law_label(group: dict) -> str:
    if group["law"] is None:
        return "No pay-transparency law detected"
    place = f" — {group['jurisdiction']}" if group["jurisdiction"] else ""
    return f"{group['law']}{place}"


def number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def severity_words(counts: dict[str, int], sep: str) -> str:
    return sep.join(plural(n, name, "info" if name == "info" else None) for name, n in counts.items())


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def band(score) -> str:
    """A calm colour band for a score, so the eye finds the low ones."""
    if score is None:
        return ""
    return "low" if score < 50 else "mid" if score < 75 else "high"


def bucket_label(i: int) -> str:
    """The scores a histogram bucket holds: ten each, and the last one 100 as well."""
    return f"{i * 10}–{i * 10 + 9}" if i < 9 else "90–100"


def pay_sentence(pay: dict, linted: int) -> str:
    return (
        f"{pay['without_pay']} of {plural(linted, 'linted posting')} ({percent(pay['without_pay'], linted)}) "
        f"{'states' if pay['without_pay'] == 1 else 'state'} no pay; {pay['under_law']} of them "
        f"{'names' if pay['under_law'] == 1 else 'name'} a place whose pay-transparency law is in force. "
        "A posting that names several places is listed under each law."
    )
