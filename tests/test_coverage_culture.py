"""Exclusionary asks beyond single words: elitism, culture fit, pay history, photos and
dates of birth, age-coded energy, and physical demands in desk jobs."""

from __future__ import annotations

import pytest


def _found(lint, text: str, rule: str):
    return [f for f in lint(text).findings if f.rule == rule]


@pytest.mark.parametrize(("rule", "severity", "text"), [
    ("inclusivity/elitism", "warning", "Analyst\n\n- Master's degree from a top tier university\n"),
    ("inclusivity/culture-fit", "info", "Engineer\n\nYou will be a strong cultural fit.\n"),
    ("inclusivity/salary-history", "warning", "Engineer\n\nSend your CV and current compensation.\n"),
    ("inclusivity/photo-or-birth-date", "warning", "Clerk\n\nUpload a passport-size photo and your CV.\n"),
    ("inclusivity/age-coded", "info", "Engineer\n\nWe seek an energetic self-starter.\n"),
    ("inclusivity/physical-demands", "info", "Data Analyst\n\nYou build dashboards.\nMust be able to lift 25 pounds.\n"),
    ("inclusivity/age", "warning", "Physicist\n\nYour profile: recent PhD in physics.\n"),
    ("inclusivity/origin-language", "warning", "Designer\n\nNative level proficiency in Spanish is required.\n"),
])
def test_each_ask_is_reported_at_its_severity(lint, rule, severity, text):
    found = _found(lint, text, rule)
    assert found and {f.severity for f in found} == {severity}


@pytest.mark.parametrize(("rule", "text"), [
    ("inclusivity/elitism", "Analyst\n\nWe were named one of the Best and Brightest Companies to Work For.\n"),
    ("inclusivity/salary-history", "Engineer\n\nIt is unlawful for us to ask about your salary history.\n"),
    ("inclusivity/photo-or-birth-date", "Storyteller\n\nYou tell our stories with photos, drawings and video.\n"),
    ("inclusivity/physical-demands", "Delivery Driver\n\nYou drive our van and lift up to 50 lbs.\n"),
    ("inclusivity/physical-demands", "Associate\n\nYou serve the general public. Stand for long periods.\n"),
    ("inclusivity/origin-language", "Writer\n\nMany readers do not speak English as a first language.\n"),
    ("inclusivity/age", "Fellow\n\nWe follow the Pathways Recent College Graduate rules.\n"),
    ("inclusivity/age-coded", "Analyst\n\nYou will study the energetic efficiency of solar storage.\n"),
])
def test_harmless_senses_are_left_alone(lint, rule, text):
    assert not _found(lint, text, rule)
