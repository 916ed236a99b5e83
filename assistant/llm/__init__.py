"""The LLM layer: proposed rewrites that pass a schema and then our own checks.

Nothing here is imported by `lint`: pydantic, openai and jinja2 load only when a
command that talks to a model runs.
"""
