"""Rendering the prompts: one Jinja2 template per task, the posting kept as data.

Templates come only from `prompts/`; whatever a user wrote reaches them only as a
variable, in a sandboxed environment, so `{{ 7*7 }}` in a posting stays those seven
characters. The posting goes in the user message between tags that carry a nonce,
after invisible characters are removed and any look-alike of the closing tag is
broken, and the system message tells the model that what is inside is data. The
nonce comes from a hash of the text, not from chance, so the same input renders the
same messages and the answer cache can hit; a posting cannot guess it, since it would
have to contain the hash of itself.

The layout serves providers' prefix caches (prompts/README.md): what is the same for
every request of a run (instructions, schema, exemplars) comes first, and the nonce
only after it, on a line of its own before the posting's parts. `Prompt.prefix_key`
names that shared part, for the request's `prompt_cache_key`.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache

from .._record import Record
from ..resources import data_dir

TASKS = ("rewrite", "draft", "judge")

# Characters that show nothing but can carry text a reader never sees: zero-width
# marks, bidirectional controls and the Unicode "tag" block.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\U000e0000-\U000e007f]")
_TAG = re.compile(r"<\s*(/?)\s*(posting|exemplar|brief|findings|part)\b", re.I)


class Prompt(Record):
    """The messages of one request, with what the answer cache needs to know of them."""

    __slots__ = ("task", "version", "messages", "prefix_key")

    def __init__(self, task: str, version: str, messages: list[dict[str, str]], prefix_key: str | None = None):
        self.task = task
        self.version = version  # a hash of the template's source: a changed template misses the cache
        self.messages = messages
        # A hash of the text before the nonce: the same for every request that shares
        # that prefix (a run's rewrites), sent as `prompt_cache_key`.
        self.prefix_key = prefix_key


def nonce_for(*texts: str) -> str:
    digest = hashlib.sha256("\0".join(texts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


def as_data(text: str) -> str:
    """Text from a user, made safe to put between our tags: nothing invisible, no tag of ours."""
    text = _INVISIBLE.sub("", text)
    return _TAG.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", text)


@cache
def _environment():
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(data_dir("prompts"))),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["tojson"] = lambda value: json.dumps(value, ensure_ascii=False, indent=2)
    return env


def render(task: str, schema: dict, **values) -> Prompt:
    """The system and user messages for `task`, from `prompts/<task>.j2`.

    The template has a `system` and a `user` block. `schema` is the answer's JSON
    schema, shown in the system message so that servers without structured outputs
    (JSON mode, or none) still know the shape; the answer is validated either way.
    """
    env = _environment()
    template = env.get_template(f"{task}.j2")
    source = (data_dir("prompts") / f"{task}.j2").read_text(encoding="utf-8")
    context = template.new_context({**values, "schema": json.dumps(schema, ensure_ascii=False)})
    messages = []
    for role in ("system", "user"):
        text = "".join(template.blocks[role](context)).strip() + "\n"
        messages.append({"role": role, "content": text})
    version = hashlib.sha256(source.encode()).hexdigest()[:16]
    return Prompt(task, version, messages, prefix_key(task, version, messages, values.get("nonce")))


def prefix_key(task: str, version: str, messages, nonce: str | None) -> str:
    """A stable name for the part of `messages` before `nonce` first appears: the task,
    the template's version and that text (instructions, schema, exemplars), hashed."""
    text = flat(messages)
    if nonce and nonce in text:
        text = text[: text.index(nonce)]
    digest = hashlib.sha256(f"{task}\0{version}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"posting-assistant-{task}-{digest[:24]}"


def flat(messages) -> str:
    """A request's messages as the one string a provider's prefix cache compares."""
    return "".join(f"<{m.get('role')}>\n{m.get('content') or ''}\n" for m in messages)


def common_prefix_share(requests) -> float:
    """Of all the characters of `requests` (each a list of messages), the share that lies
    in the prefix every one of them starts with: what a provider's prefix cache can
    serve once the first request has warmed it. 0 for no requests."""
    texts = [flat(messages) for messages in requests]
    if not texts:
        return 0.0
    low, high = min(texts), max(texts)  # the common prefix of all is that of these two
    shared = 0
    limit = min(len(low), len(high))
    while shared < limit and low[shared] == high[shared]:
        shared += 1
    return shared * len(texts) / sum(len(t) for t in texts)
