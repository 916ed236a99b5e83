"""What a model must answer, as pydantic models: the schema is sent as a strict JSON
schema (structured outputs) and every answer is validated against it locally too."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Edit(BaseModel):
    """One proposed change: text quoted from the posting and what to put instead."""

    model_config = ConfigDict(extra="forbid")

    original: str = Field(min_length=1, description="Text copied exactly from the posting.")
    replacement: str = Field(description="What to write instead; empty to delete.")
    rationale: str = Field(description="Why, in one sentence, for the hiring manager.")
    rules: list[str] = Field(description="Ids of the findings this edit resolves, e.g. inclusivity/age.")


class RewriteAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    edits: list[Edit]
    summary: str
