"""Output formats. Each takes `Report`s and needs nothing but the models."""
