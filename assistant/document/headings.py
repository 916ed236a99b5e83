"""What a heading says, and which lines are headings at all.

Postings are pasted from job boards: their headings come as Markdown (with or without
the space after the hashes), bold lines, lines ending in a colon, ALL-CAPS lines,
questions ("What will the role involve?"), one-word labels ("Essential", "Desirable")
or a label at the start of a line with its text after it ("Minimum qualifications:
three years of …"). A missed heading is the worst kind of miss: the section under it
is then reported as missing. So the wording is a table of patterns per section kind
and per language, read as data, and the shape tests look at a line and its neighbours
rather than trust markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Line

# Heading wording → section kind, per language. Checked in order and the first match
# wins, so narrower wording comes first ("essential duties" before "essential", "about
# you" before "about"); a kind may appear twice to keep that order. Written in lower
# case and matched on the lower-cased heading (case-insensitive matching is several
# times slower, and this runs on most short lines). The languages are those the
# language guess knows (document/language.py) plus Dutch and Chinese, whose postings
# the corpus holds.
HEADING_WORDS: list[tuple[str, dict[str, tuple[str, ...]]]] = [
    ("eeo_statement", {
        "en": (r"equal (employment )?opportunit", r"\beeo\b", r"non-?discrimination", r"diversity (statement|and inclusion)",
               r"\bdiversity\b.*\binclusion\b", r"\bdei\b"),
        "sv": (r"likabehandling", r"mångfald"),
        "de": (r"chancengleichheit", r"vielfalt"),
        "fr": (r"égalité des chances", r"diversité"),
        "es": (r"igualdad de oportunidades", r"diversidad"),
        "nl": (r"gelijke kansen", r"diversiteit"),
    }),
    ("accommodation_statement", {"en": (r"accommodation", r"accessibility", r"adjustments")}),
    ("responsibilities", {
        # US job descriptions: "Essential duties", "Essential functions" are the work itself.
        "en": (r"essential (duties|functions|job functions|responsibilities)", r"^duties\b",
               # "We're looking for someone who will:" heads what the person will do.
               r"\b(someone|somebody|a person|people|you|candidates?) who will$"),
    }),
    ("nice_to_have", {
        # "Preferences:" over a list of skills: what is preferred, not required
        "en": (r"nice[- ]to[- ]have", r"bonus", r"\bplus(es)?\b", r"preferred", r"^(?:(?:skill|technical|other) )?preferences$", r"desir", r"good to have", r"extra credit",
               r"\bassets?\b", r"would be (great|nice|good)", r"not required", r"optional", r"preferabl", r"advantageous", r"beneficial", r"(an|be an?) advantage",
               # "Things that can set you apart", "What will make you stand out": beyond the asks.
               r"set(s|ting)? (you|yourself|candidates|applicants) apart", r"(make|makes|help|helps) (you|your application) stand out",
               r"^(ways|how) to stand out$", r"give(s)? you an? (edge|head start)"),
        "sv": (r"meriterande", r"meriter\b", r"\bplus\b"),
        "de": (r"wünschenswert", r"von vorteil", r"pluspunkt", r"wäre schön"),
        "fr": (r"\batouts?\b", r"un plus", r"souhait"),
        "es": (r"valorable", r"se valorará", r"deseable", r"\bvalora"),
        "nl": (r"\bpré\b", r"\been pre\b", r"pluspunt", r"wenselijk"),
        "zh": (r"加分", r"优先"),
    }),
    ("compensation", {
        "en": (r"salary", r"compensation", r"\bpay\b", r"pay range", r"\brate\b", r"wage", r"remuneration"),
        "sv": (r"\blön", r"ersättning"),
        "de": (r"gehalt", r"vergütung", r"\blohn\b"),
        "fr": (r"salaire", r"rémunération"),
        "es": (r"salario", r"retribución", r"sueldo"),
        "nl": (r"salaris", r"\bloon\b"),
        "zh": (r"薪", r"待遇"),
    }),
    ("benefits", {
        "en": (r"benefit", r"perks", r"what we offer", r"we offer", r"offer you", r"on offer", r"\bour offer\b", r"^(the )?offer$", r"in it for you", r"why (join|work|us)",
               r"you('ll| will) (love|get)", r"what you get", r"rewards", r"^what [\w&.'’ -]{1,30} offers$"),
        "sv": (r"vi erbjuder", r"förmåner", r"erbjuder vi"),
        "de": (r"wir bieten", r"was wir bieten", r"(unser|unsere) angebot", r"leistungen"),
        "fr": (r"nous offrons", r"ce que nous (vous )?offrons", r"avantages", r"nous proposons"),
        "es": (r"ofrecemos", r"beneficios", r"qué ofrecemos"),
        "nl": (r"wij bieden", r"wat (wij|we) bieden", r"arbeidsvoorwaarden"),
        "zh": (r"福利",),
    }),
    ("requirements", {
        "en": (r"requirement", r"qualifi", r"what you('ll| will)? (bring|need|have)", r"you (bring|have|are)\b",
               r"looking for", r"about you", r"who you are", r"who are you", r"^(skills|experience)( (and|&) \w+)?$",
               r"\b(required|desired|key|technical|your|relevant|core|essential) (skills|experience|competenc)",
               r"skills (and|&) (experience|qualifications)", r"must[- ]have", r"prerequisite", r"what we need",
               r"ideal candidate", r"\brequired\b", r"^essential\b", r"^minimum\b", r"competenc", r"your profile",
               r"^profile$", r"what (do )?(i|you) need", r"to succeed", r"^education\b", r"^skills\b", r"criteria",
               r"what we('re| are) looking", r"the person", r"what to bring", r"(should|must|will need to) bring",
               r"evaluat(ed|ion criteria)", r"assess(ed|ment criteria)", r"we('ll| will) (assess|evaluate|look for)"),
        "sv": (r"kvalifikation", r"vi söker", r"\bkrav\b", r"din profil", r"om dig", r"vem är du", r"du har", r"erfarenhet"),
        "de": (r"anforderung", r"(ihr|dein) profil", r"qualifikation", r"bringst du mit", r"(sie|du) mitbring",
               r"voraussetzung", r"was (wir|du) (erwarten|brauchst)"),
        "fr": (r"\bprofil\b", r"compétences", r"qualifications", r"exigences", r"nous recherchons", r"prérequis"),
        "es": (r"requisitos", r"\bperfil\b", r"buscamos", r"qué necesitas", r"competencias"),
        "nl": (r"functie-?eisen", r"\beisen\b", r"wat (wij|we) vragen", r"breng je mee", r"(jouw|je) profiel",
               r"wie ben (jij|je)", r"wie zoeken we"),
        "zh": (r"要求", r"资格"),
    }),
    ("responsibilities", {
        "en": (r"responsib", r"what you('ll| will)? (do|be doing|work on)", r"what (will|would|do) you (do|be doing|work on)",
               r"day[- ]to[- ]day", r"duties", r"impact", r"in this role", r"your (role|mission)", r"the work", r"tasks",
               r"involve", r"accountabilit", r"a day in the life", r"what the (role|job) (is|entails)", r"entail",
               r"what you('ll| will) be doing", r"objectives", r"your work"),
        "sv": (r"arbetsuppgift", r"\bansvar", r"dina uppgifter", r"om arbetet", r"i rollen"),
        "de": (r"aufgaben", r"verantwortung", r"was (dich|sie) erwart"),
        "fr": (r"missions?\b", r"responsabilités", r"tâches", r"vos activités"),
        "es": (r"funciones", r"responsabilidades", r"tareas", r"qué harás"),
        "nl": (r"\btaken\b", r"verantwoordelijkheden", r"wat ga je doen", r"wat je gaat doen"),
        "zh": (r"职责", r"工作内容"),
    }),
    ("application_process", {
        "en": (r"how to apply", r"\bapply", r"application", r"next steps", r"hiring process", r"interview", r"contact",
               r"^interested\b", r"to join us", r"recruitment process", r"selection process"),
        "sv": (r"ansökan", r"ansök", r"kontakt"),
        "de": (r"bewerbung", r"bewirb", r"kontakt"),
        "fr": (r"candidature", r"postuler", r"\bcontact"),
        "es": (r"solicitud", r"postular", r"candidatura", r"\bcontacto"),
        "nl": (r"sollicit", r"\bcontact"),
    }),
    ("location", {
        "en": (r"location", r"where you('ll| will) (work|be)", r"\boffice\b", r"where is", r"^where\b", r"workplace"),
        "sv": (r"arbetsort", r"placering", r"\bort\b"),
        "de": (r"standort", r"arbeitsort", r"einsatzort"),
        "fr": (r"\blieu\b", r"localisation"),
        "es": (r"ubicación", r"lugar de trabajo"),
        "nl": (r"locatie", r"standplaats", r"werkplek"),
        "zh": (r"地点",),
    }),
    ("team", {
        "en": (r"\bteam\b", r"who you('ll| will) work with", r"your colleagues"),
        "sv": (r"\bteamet\b", r"ditt team", r"kollegor"),
        "de": (r"\bteam\b",),
        "fr": (r"équipe",),
        "es": (r"\bequipo\b",),
        "nl": (r"\bteam\b",),
    }),
    ("culture_values", {
        "en": (r"culture", r"values?\b", r"how we work", r"principles", r"mission", r"life at"),
        "sv": (r"kultur", r"värderingar"),
        "de": (r"kultur", r"werte"),
        "fr": (r"culture", r"valeurs"),
        "es": (r"cultura", r"valores"),
        "nl": (r"cultuur", r"kernwaarden"),
    }),
    ("company_overview", {
        # "About Acme Freight Ltd": "about" and a name (not "the …", the role, the job or the reader).
        "en": (r"about (us|the company|\w+$)", r"^about (?!(the|this|our|your|an?|role|job|position|opportunit\w*|you|team|work|vacanc\w*|post)\b)",
               r"who we are", r"^(the )?(agency|organi[sz]ation)$",
               r"\b(agency|organi[sz]ation|department|division)( (and|&) \w+)? (information|overview|profile|description)", r"who are we", r"our (company|story)", r"company",
               r"the employer", r"employer"),
        "sv": (r"om oss", r"om företaget", r"vilka är vi"),
        "de": (r"über uns", r"wer wir sind", r"wer sind wir", r"unternehmen"),
        "fr": (r"qui sommes-nous", r"à propos", r"l'entreprise", r"notre société"),
        "es": (r"sobre nosotros", r"quiénes somos", r"la empresa"),
        "nl": (r"over ons", r"wie zijn (wij|we)", r"het bedrijf", r"organisatie"),
        "zh": (r"公司",),
    }),
    ("role_summary", {
        "en": (r"overview", r"summary", r"the role", r"about the (role|job|position)", r"position", r"job description",
               r"opportunity", r"\brole\b", r"the job", r"description"),
        "sv": (r"om tjänsten", r"om rollen", r"tjänsten"),
        "de": (r"die stelle", r"die position", r"stellenbeschreibung"),
        "fr": (r"le poste", r"description du poste"),
        "es": (r"el puesto", r"la posición", r"descripción"),
        "nl": (r"de functie", r"de rol", r"functieomschrijving", r"vacature"),
    }),
]

# One expression per entry, every language joined: a heading is matched once per
# kind, not once per language.
_HEADING_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile("|".join(p for patterns in by_lang.values() for p in patterns))) for kind, by_lang in HEADING_WORDS
]
# Headings that ask a question, and the markup around a heading's words.
_QUESTION = re.compile(r"[?？]+$")
_DECORATION = " \t*_#:：-–—|>="


@lru_cache(maxsize=8192)  # headings repeat across postings: "Requirements", "What we offer"
def heading_kind(heading: str) -> str | None:
    """The section kind a heading's wording names, or None when it names none."""
    low = _QUESTION.sub("", heading.strip(_DECORATION).lower()).strip(_DECORATION)
    if not low:
        return None
    for kind, pattern in _HEADING_KINDS:
        if pattern.search(low):
            return kind
    return None


# ---------------------------------------------------------------------------- shapes

MD_HEADING = re.compile(r"#{1,6}(?=[ \t]|$)|#{2,6}(?=[^\s#])")
BOLD_LINE = re.compile(r"(?:\*\*|__)([^*_\n]{2,80}?)(?:\*\*|__)[ \t]*:?[ \t]*$")
TERMINAL = re.compile(r"[.!?;,。！？]['\"”’)]*$")
_WORD = re.compile(r"\w+")
_FIELD_COLON = re.compile(r"[:：][ \t]*(?:\*\*|__)?[ \t]*\w")
# A line that ends on an article, a conjunction or "of/at/to" goes on in the next line
# ("Learn more about the benefits of working at" + a link): a cut sentence, no heading.
_OPEN_END = re.compile(r"(?:^|\s)(?:the|a|an|and|or|of|at|to)$", re.I)
_LEAD_IN = re.compile(r"\b(following|such as|including|include|includes|like|e\.g\.|one of|any of|these|below)\s*:$", re.I)
# Wording that heads a section even between two lines of text, with no blank line or
# list to mark it.
STRONG_HEADING = re.compile(
    r"(?:about (?:us|you|the (?:role|team|company|job|position|opportunity))|benefits|perks(?: and benefits)?|requirements|"
    r"qualifications|(?:key |main |your )?responsibilities|duties|nice[- ]to[- ]haves?|bonus points|what we offer|"
    r"what you(?:'|’)?ll (?:do|bring|need)|what you will (?:do|bring|need)|who you are|how to apply|compensation|salary|"
    r"location|the role|overview|job overview|summary|skills|(?:minimum|preferred|basic|required|desired) (?:qualifications|skills)"
    r"|desirable|desired|essential|(?:nice|good) to have|preferred|bonus|pluses|essential (?:criteria|skills|requirements)"
    r"|desirable (?:criteria|skills)|responsibilities and duties|duties and responsibilities|job description|your profile"
    r"|what we(?:'|’)?re looking for|what we are looking for|who we are|about the company|our team|the team)",
    re.I,
)
# "Label: text" at the start of a line: a few words, then a colon and the text. The label
# may be bold ("**Requirements:** …"). Field lines of a job board's header ("Company: …")
# are told apart by what the label names (it must name a section kind).
_INLINE_LABEL = re.compile(r"(?:\*\*|__)?([^\W\d][^:：\n*]{1,48}?)[ \t]*(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*(?=\S)")
# A bold label with no colon, its text after it on the line ("**Location** Berlin"), or
# with its closing asterisk lost in the paste ("**Location* Berlin").
_BOLD_LABEL = re.compile(r"(?:\*\*|__)([^\W\d][^:：\n*_]{1,48}?)[ \t]*(?:\*\*?|__?)(?![*_])[ \t]*(?=\S)")
# Kinds whose label names a fact ("Location: Berlin"): the label's line is the section,
# and the text after it goes back to what it was.
FACT_LABEL_KINDS = frozenset({"location", "compensation"})


def md_heading_end(line_body: str) -> int:
    """Where a Markdown heading's hashes end, 0 when the line is none: "## X", "##X" (the
    space lost in a paste), and "#Requirements" when the word names a section (a lone
    "#LI-Remote" is a job board's tag)."""
    m = MD_HEADING.match(line_body)
    if m:
        return m.end()
    if line_body[1:2].isalpha() and "#" not in line_body[1:] and heading_kind(line_body[1:]):
        return 1
    return 0


def words(s: str) -> int:
    return len(_WORD.findall(s))


def body(text: str, line: Line) -> str:
    return text[line.body_start : line.end]


def is_all_caps(s: str) -> bool:
    """ALL-CAPS words with letters ("WHAT YOU'LL DO", "REQUIREMENTS"), not an acronym alone."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and s.isupper()


def looks_like_heading(text: str, lines: list[Line], i: int) -> bool:
    """A plain-text line that reads like a heading: short, unpunctuated, announcing content.

    Looks at the line and its two neighbours only; the scan for the next non-blank line
    stops at the first one, so a run of blank lines is read once per line that precedes it.
    """
    line = lines[i]
    text_of = body(text, line).strip("*_ ")
    if text_of.startswith("==") and text_of.endswith("==") and len(text_of) <= 84:
        text_of = text_of.strip("= ")  # "== What we offer ==": a heading marked as wiki pages mark them
        if text_of and "=" not in text_of:
            return True
    if not text_of or len(text_of) > 80 or not (text_of[0].isupper() or text_of[0].isdigit() or not text_of[0].isascii()):
        return False
    n_words = words(text_of)
    if n_words > 10 or n_words == 0 or _OPEN_END.search(text_of):
        return False
    nxt = None
    for j in range(i + 1, len(lines)):
        if lines[j].kind != "blank":
            nxt = lines[j]
            break
    if nxt is None:
        return False
    prev = lines[i - 1] if i else None
    boundary_before = prev is None or prev.kind in ("blank", "heading", "title") or bool(TERMINAL.search(body(text, prev)))
    if text_of.endswith(":"):
        # "Experience with one of the following:" introduces items; "Requirements:" heads a section.
        if "," in text_of or n_words > 8 or _LEAD_IN.search(text_of):
            return False
        return n_words <= 4 or boundary_before
    if _FIELD_COLON.search(text_of):
        return False  # "Company: Acme" is a field, and "Requirements: SQL" a label with its text (see inline_label)
    kind = heading_kind(text_of) if "," not in text_of else None
    if _QUESTION.search(text_of):
        # "What will the role involve?" heads a section; "Ready to apply?" only before a list or a break.
        return kind is not None and n_words <= 10 and (boundary_before or nxt.marker)
    if TERMINAL.search(text_of):
        return False
    if STRONG_HEADING.fullmatch(text_of.rstrip(":")):
        return True
    if is_all_caps(text_of) and n_words <= 8 and (boundary_before or kind or nxt.marker):
        return True
    if kind:
        # Vocabulary alone is weak inside a run of short items ("Home office budget"):
        # ask for a boundary before it, or a marked list after it.
        return boundary_before or nxt.marker
    if nxt.marker and not line.marker:
        return True
    if prev is not None and prev.kind == "blank" and nxt is lines[i + 1] and n_words <= 6:
        return text_of.isupper() or text_of.istitle()
    return False


def is_list_heading(text_of: str) -> bool:
    """A list item that is a heading ("- Nice to have:", "- Desirable:") opens a new part of the list."""
    text_of = text_of.strip("*_ ")
    return text_of.endswith(":") and words(text_of) <= 4 and bool(STRONG_HEADING.fullmatch(text_of[:-1].strip("*_ ")))


def inline_label(line_text: str) -> tuple[str, str, int] | None:
    """(label, kind, where the text after it starts) for "Label: text" at a line's start.

    Only labels whose wording names a section kind count, so "Company: Acme" and
    "Note: …" do not open sections. Bounded: the label is at most 48 characters.
    """
    m = _INLINE_LABEL.match(line_text) or _BOLD_LABEL.match(line_text)
    if m is None:
        return None
    label = m.group(1).strip()
    if words(label) > 6 or "," in label:
        return None
    kind = heading_kind(label)
    if kind is None:
        return None
    return label, kind, m.end()
