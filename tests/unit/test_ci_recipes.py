"""The deploy recipes and pre-commit hooks shipped with the repository.

They run on someone else's machine (GitHub, GitLab, an editor's laptop), so
a typo there shows only after a push. These tests read them as YAML, check
the promises the README makes about them (scheduled builds publish
future-dated articles, full git history, check before build, one deploy at
a time), validate them against the vendors' schemas, and make sure every
``build.py`` command they call really exists.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
GITHUB_WORKFLOW = REPO / ".github" / "workflows" / "deploy.yml"
UPSTREAM_WORKFLOW = REPO / ".github" / "workflows" / "upstream.yml"
GITLAB_CI = REPO / ".gitlab-ci.yml"
HOOKS_MANIFEST = REPO / ".pre-commit-hooks.yaml"
PRECOMMIT_CONFIG = REPO / ".pre-commit-config.yaml"

BUILD_PY_CALL = re.compile(r"(?:^|[\s;&|(])(?:\S*/)?python3?\s+build\.py\s+([^;&|\n]*)")
CRON_FIELD_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def github_triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The ``on:`` block: YAML 1.1 (PyYAML) reads the bare key ``on`` as ``True``."""
    triggers = workflow.get("on", workflow.get(True))
    assert isinstance(triggers, dict), f"'on:' must be a mapping of events, got {triggers!r}"
    return triggers


def run_lines(steps: list[dict[str, Any]]) -> list[str]:
    """Every shell line of a list of GitHub steps, in order."""
    return [line for step in steps for line in str(step.get("run", "")).splitlines() if line.strip()]


def build_py_calls(lines: list[str]) -> list[list[str]]:
    """The arguments of every ``python build.py …`` call in shell lines."""
    return [shlex.split(match.group(1)) for line in lines for match in BUILD_PY_CALL.finditer(line)]


def command_index(lines: list[str], command: str) -> int:
    for number, line in enumerate(lines):
        if any(call[:1] == [command] for call in build_py_calls([line])):
            return number
    raise AssertionError(f"no 'python build.py {command}' in {lines}")


def valid_cron_field(field: str, low: int, high: int) -> bool:
    for part in field.split(","):
        value, _, step = part.partition("/")
        if step and not (step.isdigit() and int(step) > 0):
            return False
        if value == "*":
            continue
        bounds = value.split("-")
        if len(bounds) > 2 or not all(bound.isdigit() and low <= int(bound) <= high for bound in bounds):
            return False
    return True


def valid_cron(expression: str) -> bool:
    fields = expression.split()
    return len(fields) == 5 and all(
        valid_cron_field(field, low, high) for field, (low, high) in zip(fields, CRON_FIELD_RANGES)
    )


def build_py_help(*args: str) -> tuple[int, str]:
    """Run ``build.py <args> --help`` in-process: argparse exits 0 only for a known command."""
    sys.path.insert(0, str(REPO))
    try:
        import build
    finally:
        sys.path.remove(str(REPO))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as stop:
        build.main([*args, "--help"])
    return int(stop.value.code or 0), out.getvalue() + err.getvalue()


def assert_known_build_py_calls(calls: list[list[str]]) -> None:
    assert calls, "the recipe calls no 'python build.py' command"
    for call in calls:
        command, options = call[0], [arg for arg in call[1:] if arg.startswith("-")]
        code, text = build_py_help(command)
        assert code == 0, f"'build.py {command}' is not a command of build.py:\n{text}"
        for option in options:
            assert re.search(rf"(?<![\w-]){re.escape(option.split('=')[0])}\b", text), (
                f"'build.py {command}' has no option {option}:\n{text}"
            )


def assert_installs_from_the_lock(lines: list[str], lock: str) -> None:
    """The versions Cổng was tested with: hashed lock first, then the portal with --no-deps."""
    line = next((line for line in lines if "pip install" in line and "venv" in line), None)
    assert line is not None, lines
    locked = line.index(f"pip install --require-hashes -r {lock}") if f"--require-hashes -r {lock}" in line else -1
    editable = line.find("pip install --no-deps --no-build-isolation -e .")
    assert 0 <= locked < editable, f"install from {lock} with hashes, then --no-deps -e .: {line}"
    assert "pip install -e ." not in line and "[test]" not in line, line


def schema_check(schema: str, path: Path, *extra: str) -> None:
    """Validate with check-jsonschema's vendored schema (no network needed)."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *extra, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- GitHub Actions ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return load(GITHUB_WORKFLOW)


def test_github_workflow_matches_the_vendor_schema() -> None:
    schema_check("vendor.github-workflows", GITHUB_WORKFLOW)


def test_upstream_check_runs_weekly_on_debian_apart_from_the_deploy(workflow: dict[Any, Any]) -> None:
    """A new upstream release is caught by us, weekly, and never blocks a portal's publishing."""
    schema_check("vendor.github-workflows", UPSTREAM_WORKFLOW)
    upstream = load(UPSTREAM_WORKFLOW)
    triggers = github_triggers(upstream)
    assert set(triggers) == {"schedule", "workflow_dispatch"}, "not on push: it must never gate a publish"
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    assert valid_cron(cron)
    minute, hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit() and hour.isdigit(), "once a week"
    (job,) = upstream["jobs"].values()
    assert re.fullmatch(r"(python:[\d.]+-)?(bookworm|trixie|debian:\w+)", job["container"]), "Debian, as CI runs"
    lines = run_lines(job["steps"])
    assert any("scripts/install-system-deps.sh" in line for line in lines)
    assert any("scripts/check-upstream.sh" in line for line in lines)
    assert "pages" not in json_dump(upstream) and "deploy" not in json_dump(upstream).replace("deploy.yml", "")
    # the deploy recipes know nothing of it
    assert "upstream" not in GITHUB_WORKFLOW.read_text(encoding="utf-8")
    assert "upstream" not in GITLAB_CI.read_text(encoding="utf-8")
    assert workflow["concurrency"]["group"] != upstream["concurrency"]["group"]


def json_dump(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False)


def test_github_workflow_runs_on_push_to_main_on_a_schedule_and_by_hand(workflow: dict[Any, Any]) -> None:
    triggers = github_triggers(workflow)
    assert "main" in triggers["push"]["branches"]
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert crons, "a schedule is needed to publish future-dated articles and remove expired ones"
    for cron in crons:
        assert valid_cron(cron), f"not a valid 5-field cron: {cron!r}"
    assert "workflow_dispatch" in triggers


def test_valid_cron_rejects_malformed_expressions() -> None:
    assert valid_cron("*/15 * * * *") and valid_cron("0 * * * *") and valid_cron("0,30 6-22 * * 1-5")
    for bad in ("*/15 * * *", "60 * * * *", "* * * * * *", "*/0 * * * *", "@hourly", "a * * * *"):
        assert not valid_cron(bad), bad


def test_github_workflow_checks_out_full_history_and_checks_before_building(workflow: dict[Any, Any]) -> None:
    steps = workflow["jobs"]["build"]["steps"]
    checkout = [step for step in steps if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert len(checkout) == 1
    assert checkout[0]["with"]["fetch-depth"] == 0, "'updated' dates come from git: fetch the whole history"
    lines = run_lines(steps)
    assert_installs_from_the_lock(lines, "requirements/portal.lock")
    assert command_index(lines, "check") < command_index(lines, "build")
    assert steps.index(checkout[0]) == 0


def test_github_workflow_publishes_site_with_pages_actions(workflow: dict[Any, Any]) -> None:
    build_steps = workflow["jobs"]["build"]["steps"]
    upload = [step for step in build_steps if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    assert len(upload) == 1 and upload[0]["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    for condition in (upload[0]["if"], deploy["if"]):  # pull requests and branches are built, never published
        assert "github.ref == 'refs/heads/main'" in condition and "github.event_name != 'pull_request'" in condition
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [str(step["uses"]).split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read"}


def test_github_workflow_deploys_one_at_a_time(workflow: dict[Any, Any]) -> None:
    concurrency = workflow["concurrency"]
    assert concurrency["group"]
    assert concurrency["cancel-in-progress"] is False, "a running deployment must finish, not be cut off"


def test_github_actions_are_pinned_to_a_commit(workflow: dict[Any, Any]) -> None:
    uses = [str(step["uses"]) for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert len(uses) >= 4
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"pin {action} to a full commit SHA"
    text = GITHUB_WORKFLOW.read_text(encoding="utf-8")
    for action in uses:  # the tag it stands for, for the next person who updates it
        assert re.search(re.escape(action) + r" # v\d+\.\d+\.\d+", text), f"{action}: add '# vX.Y.Z'"


def test_github_workflow_calls_only_existing_build_py_commands(workflow: dict[Any, Any]) -> None:
    lines = [line for job in workflow["jobs"].values() for line in run_lines(job["steps"])]
    assert_known_build_py_calls(build_py_calls(lines))


# --- GitLab CI --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gitlab() -> dict[str, Any]:
    return load(GITLAB_CI)


def gitlab_lines(job: dict[str, Any], config: dict[str, Any]) -> list[str]:
    before = job.get("before_script", config.get("default", {}).get("before_script", []))
    return [str(line) for line in [*before, *job["script"]]]


def test_gitlab_ci_matches_the_vendor_schema() -> None:
    schema_check("vendor.gitlab-ci", GITLAB_CI, "--data-transform", "gitlab-ci")


def test_gitlab_ci_fetches_full_history(gitlab: dict[str, Any]) -> None:
    assert str(gitlab["variables"]["GIT_DEPTH"]) == "0"


def test_gitlab_pages_job_checks_then_builds_into_public(gitlab: dict[str, Any]) -> None:
    pages = gitlab["pages"]
    lines = gitlab_lines(pages, gitlab)
    assert_installs_from_the_lock(lines, "requirements/portal.lock")
    assert command_index(lines, "check") < command_index(lines, "build")
    build_call = next(call for call in build_py_calls(lines) if call[0] == "build")
    assert build_call[1:] in (["-d", "public"], ["--site-dir", "public"])
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["resource_group"], "one deployment at a time"


def test_gitlab_pages_job_runs_only_on_the_default_branch_on_push_and_schedule(gitlab: dict[str, Any]) -> None:
    rules = [rule["if"] for rule in gitlab["pages"]["rules"]]
    assert rules and all("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in rule for rule in rules)
    sources = {source for rule in rules for source in re.findall(r'\$CI_PIPELINE_SOURCE == "(\w+)"', rule)}
    assert {"push", "schedule"} <= sources
    assert "merge_request_event" not in sources
    # The schedule itself lives in GitLab's settings; the file says which interval to set.
    cron = re.search(r'interval pattern "([^"]+)"', GITLAB_CI.read_text(encoding="utf-8"))
    assert cron and valid_cron(cron.group(1))


def test_gitlab_check_job_never_publishes(gitlab: dict[str, Any]) -> None:
    check = gitlab["check"]
    assert "artifacts" not in check
    assert check["stage"] != gitlab["pages"]["stage"]
    assert not any("$CI_DEFAULT_BRANCH" in rule["if"] and "!=" not in rule["if"] for rule in check["rules"])


def test_gitlab_ci_calls_only_existing_build_py_commands(gitlab: dict[str, Any]) -> None:
    jobs = [value for key, value in gitlab.items() if isinstance(value, dict) and "script" in value]
    assert len(jobs) >= 2
    assert_known_build_py_calls(build_py_calls([line for job in jobs for line in gitlab_lines(job, gitlab)]))


# --- pre-commit -------------------------------------------------------------------------------


def test_hook_manifest_offers_cong_check() -> None:
    hooks = load(HOOKS_MANIFEST)
    assert [hook["id"] for hook in hooks] == ["cong-check"]
    hook = hooks[0]
    assert hook["entry"] == "python build.py check"
    assert hook["language"] in ("system", "python")
    assert hook["pass_filenames"] is False
    assert_hook_watches_content(hook)


def test_local_pre_commit_config_runs_check() -> None:
    config = load(PRECOMMIT_CONFIG)
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    hook = next(hook for hook in hooks if hook["id"] == "cong-check")
    assert build_py_calls([hook["entry"]]) == [["check"]]
    assert hook["pass_filenames"] is False
    assert_hook_watches_content(hook)


def assert_hook_watches_content(hook: dict[str, Any]) -> None:
    files = re.compile(hook["files"])
    assert files.search("content/tin-tuc/2025/bai-moi.md")
    assert files.search("mkdocs.yml")
    assert not files.search("README.md")
    assert not files.search("plugins/portal/site.py")


def test_hooks_call_only_existing_build_py_commands() -> None:
    entries = [hook["entry"] for hook in load(HOOKS_MANIFEST)]
    entries += [hook["entry"] for repo in load(PRECOMMIT_CONFIG)["repos"] for hook in repo["hooks"]]
    assert_known_build_py_calls(build_py_calls(entries))


@pytest.mark.parametrize(
    ("command", "path"), [("validate-manifest", HOOKS_MANIFEST), ("validate-config", PRECOMMIT_CONFIG)]
)
def test_pre_commit_accepts_the_files(command: str, path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", command, str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower()


def test_sample_content_passes_the_recipes_check_step() -> None:
    """The first step every recipe runs must pass on this repository's own content."""
    result = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_build_py_check_rejects_unknown_commands_and_options() -> None:
    assert build_py_help("biuld")[0] != 0
    assert_known_build_py_calls([["build", "-d", "public"], ["check"]])
    with pytest.raises(AssertionError, match="not a command"):
        assert_known_build_py_calls([["publish"]])
    with pytest.raises(AssertionError, match="has no option"):
        assert_known_build_py_calls([["check", "--deploy"]])


def test_build_py_call_finder_sees_every_form() -> None:
    lines = [
        ".venv/bin/python build.py check",
        "python3 -m venv .venv && .venv/bin/pip install --no-deps -e . && python build.py build -d public",
        "python build.py  import 'old/bài cũ' --category thoi-su",
        "echo python-build.py",
    ]
    assert build_py_calls(lines) == [["check"], ["build", "-d", "public"], ["import", "old/bài cũ", "--category", "thoi-su"]]


# --- the build cache ----------------------------------------------------------------------------


def test_github_build_keeps_the_build_cache_per_branch(workflow: dict[Any, Any]) -> None:
    """Scheduled builds are warm; the cache key names the branch, so a pull request cannot poison main's."""
    steps = workflow["jobs"]["build"]["steps"]
    caches = [step for step in steps if str(step.get("uses", "")).startswith("actions/cache@")]
    assert len(caches) == 1
    options = caches[0]["with"]
    paths = options["path"].split()
    assert paths[0] == ".cache/cong"
    # A fresh checkout never reuses the kept snapshot or the photo cache: not worth caching.
    assert {"!.cache/cong/snapshot-last", "!.cache/cong/files"} <= set(paths)
    assert "github.ref_name" in options["key"] and options["restore-keys"].strip().startswith("cong-${{ github.ref_name }}-")
    build = next(i for i, step in enumerate(steps) if "build.py build" in str(step.get("run", "")))
    assert steps.index(caches[0]) < build, "restore the cache before building"


def test_gitlab_pages_job_keeps_the_build_cache_per_branch(gitlab: dict[str, Any]) -> None:
    caches = gitlab["pages"]["cache"]
    cong = [cache for cache in caches if ".cache/cong" in cache["paths"]]
    assert len(cong) == 1 and "$CI_COMMIT_REF_SLUG" in cong[0]["key"]
    script = gitlab["pages"]["script"]
    build = next(i for i, line in enumerate(script) if "build.py build" in line)
    assert "rm -rf .cache/cong/snapshot-last .cache/cong/files" in script[build + 1:]
    assert all(".cache/cong" not in str(job.get("cache", "")) for name, job in gitlab.items() if name == "check")
