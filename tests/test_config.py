"""Config files: where they are found, what wins, every key, and broken ones."""

from __future__ import annotations

import json

import pytest

from .conftest import AS_OF, CLEAN, SEED_000, run_cli

SEED = SEED_000.read_text(encoding="utf-8")  # has errors (pay in California) and warnings


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with one posting in a subfolder; the working directory is elsewhere."""
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "seed.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "jobs" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("POSTING_ASSISTANT_CONFIG", raising=False)
    return tmp_path


def lint(args, capsys):
    code, out, err = run_cli(capsys, "lint", "--as-of", AS_OF.isoformat(), "--format", "json", *args)
    results = json.loads(out)["results"] if out.strip() else []
    return code, results, err


def rules_of(results):
    return {f["rule"] for r in results for f in r["findings"]}


def test_no_config_means_defaults(project, capsys):
    code, results, _ = lint([project / "jobs" / "seed.txt"], capsys)
    assert code == 1 and "completeness/salary" in rules_of(results)


def test_own_file_found_upward_from_the_linted_path(project, capsys):
    (project / ".posting-assistant.toml").write_text('ignore = ["completeness"]\n', encoding="utf-8")
    _, results, _ = lint([project / "jobs" / "seed.txt"], capsys)
    assert rules_of(results) and not any(r.startswith("completeness/") for r in rules_of(results))


def test_pyproject_table_is_read_and_own_file_wins_in_the_same_folder(project, capsys):
    (project / "pyproject.toml").write_text('[tool.posting-assistant]\nignore = ["clarity"]\n', encoding="utf-8")
    _, results, _ = lint([project / "jobs" / "seed.txt"], capsys)
    assert rules_of(results) and not any(r.startswith("clarity/") for r in rules_of(results))
    (project / ".posting-assistant.toml").write_text('ignore = ["inclusivity"]\n', encoding="utf-8")
    _, results, _ = lint([project / "jobs" / "seed.txt"], capsys)
    found = rules_of(results)
    assert any(r.startswith("clarity/") for r in found) and not any(r.startswith("inclusivity/") for r in found)


def test_pyproject_without_our_table_is_passed_over(project, capsys):
    (project / "jobs" / "pyproject.toml").write_text('[tool.other]\nx = 1\n', encoding="utf-8")
    (project / ".posting-assistant.toml").write_text('ignore = ["clarity"]\n', encoding="utf-8")
    _, results, _ = lint([project / "jobs" / "seed.txt"], capsys)
    assert rules_of(results) and not any(r.startswith("clarity/") for r in rules_of(results))


def test_nearest_config_wins(project, capsys):
    (project / ".posting-assistant.toml").write_text('ignore = ["clarity"]\n', encoding="utf-8")
    (project / "jobs" / ".posting-assistant.toml").write_text('ignore = ["inclusivity"]\n', encoding="utf-8")
    _, results, _ = lint([project / "jobs" / "seed.txt"], capsys)
    assert any(r.startswith("clarity/") for r in rules_of(results))


def test_explicit_config_and_environment_beat_found_files(project, capsys, monkeypatch):
    (project / ".posting-assistant.toml").write_text('ignore = ["clarity"]\n', encoding="utf-8")
    other = project / "other.toml"
    other.write_text('ignore = ["inclusivity"]\n', encoding="utf-8")
    monkeypatch.setenv("POSTING_ASSISTANT_CONFIG", str(other))
    _, results, _ = lint([project / "jobs" / "seed.txt"], capsys)
    assert any(r.startswith("clarity/") for r in rules_of(results))
    assert not any(r.startswith("inclusivity/") for r in rules_of(results))
    third = project / "third.toml"
    third.write_text('ignore = ["completeness"]\n', encoding="utf-8")
    _, results, _ = lint(["--config", third, project / "jobs" / "seed.txt"], capsys)  # the flag beats the variable
    assert any(r.startswith("inclusivity/") for r in rules_of(results))
    assert not any(r.startswith("completeness/") for r in rules_of(results))


def test_flags_replace_config_keys(project, capsys):
    (project / ".posting-assistant.toml").write_text('select = ["clarity"]\nfail-on = "never"\n', encoding="utf-8")
    code, results, _ = lint([project / "jobs" / "seed.txt"], capsys)
    assert code == 0 and rules_of(results) and all(r.startswith("clarity/") for r in rules_of(results))
    code, results, _ = lint(["--select", "completeness/salary", "--fail-on", "error", project / "jobs" / "seed.txt"], capsys)
    assert code == 1 and rules_of(results) == {"completeness/salary"}


def test_severity_table_regrades_rules(project, capsys):
    (project / ".posting-assistant.toml").write_text(
        '[severity]\n"completeness/salary" = "info"\n"clarity" = "error"\n', encoding="utf-8"
    )
    _, results, _ = lint([project / "jobs" / "seed.txt"], capsys)
    levels = {f["rule"]: f["severity"] for r in results for f in r["findings"]}
    assert levels["completeness/salary"] == "info"
    clarity = [level for rule, level in levels.items() if rule.startswith("clarity/")]
    assert clarity and all(level == "error" for level in clarity)


def test_min_score_from_config_and_flag(project, capsys):
    (project / ".posting-assistant.toml").write_text('fail-on = "never"\nmin-score = 99\n', encoding="utf-8")
    code, results, err = lint([project / "jobs" / "seed.txt"], capsys)
    assert code == 1 and results[0]["scores"]["overall"] < 99 and "min-score" in err
    code, _, _ = lint(["--min-score", "0", project / "jobs" / "seed.txt"], capsys)
    assert code == 0


def test_allow_words_are_never_flagged(project, capsys):
    (project / "jobs" / "rock.txt").write_text(CLEAN.replace("Review code", "Be a rockstar who reviews code"), encoding="utf-8")
    _, results, _ = lint([project / "jobs" / "rock.txt"], capsys)
    assert any(f["excerpt"].lower() == "rockstar" for r in results for f in r["findings"])
    (project / ".posting-assistant.toml").write_text('allow = ["rockstar"]\n', encoding="utf-8")
    _, results, _ = lint([project / "jobs" / "rock.txt"], capsys)
    assert results and not any((f["excerpt"] or "").lower() == "rockstar" for r in results for f in r["findings"])


def test_per_file_ignores_are_globs_relative_to_the_config(project, capsys):
    (project / ".posting-assistant.toml").write_text(
        '[per-file-ignores]\n"jobs/seed*.txt" = ["completeness/salary", "clarity"]\n', encoding="utf-8"
    )
    (project / "jobs" / "other.txt").write_text(SEED, encoding="utf-8")
    _, results, _ = lint([project / "jobs"], capsys)
    by_file = {r["path"].rsplit("/", 1)[-1]: {f["rule"] for f in r["findings"]} for r in results}
    assert "completeness/salary" not in by_file["seed.txt"] and not any(r.startswith("clarity/") for r in by_file["seed.txt"])
    assert "completeness/salary" in by_file["other.txt"]


def test_exemplars_and_rubrics_paths_are_relative_to_the_config(project, capsys):
    rules = project / "house-rules"
    rules.mkdir()
    (rules / "house.toml").write_text(
        '[[rule]]\nid = "clarity/house-ninja"\nkind = "phrases"\nseverity = "warning"\n'
        'summary = "No ninjas."\nwhy = "House style guide, https://example.org/style"\nmessage = "“{match}”: say what the job is."\n'
        'phrases = ["ninja"]\n[rule.examples]\nbad = ["We want a ninja."]\ngood = ["We want an engineer."]\n',
        encoding="utf-8",
    )
    exemplars = project / "exemplars"
    exemplars.mkdir()
    (exemplars / "one.txt").write_text(CLEAN, encoding="utf-8")
    (project / ".posting-assistant.toml").write_text('rubrics = ["house-rules"]\nexemplars = "exemplars"\n', encoding="utf-8")
    (project / "jobs" / "ninja.txt").write_text(CLEAN.replace("Review code", "Be a ninja and review code"), encoding="utf-8")
    code, results, err = lint([project / "jobs" / "ninja.txt"], capsys)
    assert "clarity/house-ninja" in rules_of(results), err


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ("selct = ['clarity']\n", "'selct'"),  # a typo must not silently turn nothing off
        ("fail-on = 'sometimes'\n", "'fail-on'"),
        ("min-score = 101\n", "'min-score'"),
        ("min-score = '50'\n", "'min-score'"),
        ("select = [1, 2]\n", "'select'"),
        ("[severity]\n'clarity/title' = 'loud'\n", "severity"),
        ("per-file-ignores = ['x']\n", "'per-file-ignores'"),
        ("ignore = [\n", "not valid TOML"),
        ("ignore = ['clarity/no-such-rule']\n", "clarity/no-such-rule"),
    ],
)
def test_broken_config_is_exit_2_naming_file_and_key(project, capsys, content, named):
    config = project / ".posting-assistant.toml"
    config.write_text(content, encoding="utf-8")
    code, results, err = lint([project / "jobs" / "seed.txt"], capsys)
    assert code == 2 and not results
    assert str(config) in err and named in err and err.count("\n") == 1


def test_missing_explicit_config_is_exit_2(project, capsys):
    code, _, err = lint(["--config", project / "nope.toml", project / "jobs" / "seed.txt"], capsys)
    assert code == 2 and "nope.toml" in err


def test_llm_settings_layer_project_over_user_file_and_flag_over_both(tmp_path, monkeypatch):
    import os

    from assistant.config import load_config, user_config_path, with_user_config
    from assistant.llm.client import Settings

    user = user_config_path()  # under the test's own XDG_CONFIG_HOME
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text('model = "user-model"\nbase-url = "http://user.test/v1"\ntheme = "dark"\n', encoding="utf-8")
    project = tmp_path / ".posting-assistant.toml"
    project.write_text('model = "project-model"\ntimeout = 12\nmax-retries = 0\n', encoding="utf-8")
    config = with_user_config(load_config(project))
    settings = Settings.resolve(config, environ={"OPENAI_API_KEY": "k"})
    assert (settings.model, settings.base_url, settings.timeout, settings.max_retries) == ("project-model", "http://user.test/v1", 12.0, 0)
    assert config.theme == "dark"
    assert Settings.resolve(config, model="flag-model", environ={}).model == "flag-model"
    assert os.environ.get("OPENAI_API_KEY") is None


@pytest.mark.parametrize(("text", "words"), [
    ('api-key = "sk-abc"', "only from the OPENAI_API_KEY environment variable"),
    ("timeout = -1", "number of seconds above 0"),
    ("max-retries = 99", "from 0 to 10"),
    ('theme = "dark"', "unknown"),  # a user setting, not a project one
])
def test_llm_keys_in_a_project_file_are_checked(tmp_path, text, words):
    from assistant.config import ConfigError, load_config

    path = tmp_path / ".posting-assistant.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert words in str(caught.value) and str(path) in str(caught.value)
    assert "sk-abc" not in str(caught.value)
