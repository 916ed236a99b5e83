"""Rendering the prompts: one Jinja2 template per task, the posting kept as data.

Templates come only from `prompts/`; whatever a user wrote reaches them only as a
variable, in a sandboxed environment, so `{{ 7*7 }}` in a posting stays those seven
characters. The posting goes in the user message between tags that carry a nonce,
after invisible characters are removed and any look-alike of the closing tag is
broken, and the system message tells the model that what is inside is data. The
nonce comes from a hash of the text, not from chance, so the same input renders the
same messages and the answer cache can hit; a posting cannot guess it, since it would
have to contain the hash of itself.
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

    __slots__ = ("task", "version", "messages")

    def __init__(self, task: str, version: str, messages: list[dict[str, str]]):
        self.task = task
        self.version = version  # a hash of the template's source: a changed template misses the cache
        self.messages = messages


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
    return Prompt(task, hashlib.sha256(source.encode()).hexdigest()[:16], messages)
