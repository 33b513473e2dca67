"""The command line's surface: help, the IR dump, configuration defaults."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, run_cli


@pytest.mark.parametrize("command", ["generate", "check", "ir"])
def test_every_command_explains_its_options(command: str) -> None:
    code, stdout, _ = run_cli(command, "--help")
    assert code == 0
    assert "--package-name" in stdout and "--operation" in stdout and "--strict" in stdout


def test_console_script_and_module_agree() -> None:
    module = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True)
    script = Path(sys.executable).parent / "apiforge"
    if not script.exists():
        pytest.skip("the console script is not installed in this environment")
    direct = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert module.returncode == direct.returncode == 0
    assert module.stdout == direct.stdout


def test_ir_prints_the_model_as_json() -> None:
    code, stdout, _ = run_cli("ir", str(REPO / "specs" / "transfer_to_participant.yaml"), "--no-cache")
    assert code == 0
    api = json.loads(stdout)
    (operation,) = api["operations"]
    assert operation["group"] == "call_connection" and operation["name"] == "transfer_to_participant"
    assert [p["wire_name"] for p in operation["parameters"]] == [
        "callConnectionId", "api-version", "Repeatability-Request-ID", "Repeatability-First-Sent",
    ]


def test_defaults_come_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "api.yaml").write_text((REPO / "specs" / "transfer_to_participant.yaml").read_text())
    (tmp_path / "pyproject.toml").write_text('[tool.apiforge]\nspecs = ["specs/api.yaml"]\noutput = "out"\n')
    code, stdout, stderr = run_cli("generate", "--no-cache", cwd=tmp_path)
    assert code == 0, stderr
    # named by the spec's x-ms-code-generation-settings, not by its file
    assert (tmp_path / "out" / "python" / "transfer_to_participant" / "client.py").is_file()


def test_unknown_setting_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.apiforge]\nspecz = ["x"]\n')
    code, _, stderr = run_cli("generate", cwd=tmp_path)
    assert code == 2
    assert "pyproject.toml: unknown setting [tool.apiforge] 'specz'" in stderr


@pytest.mark.parametrize("text", ["tool = 3\n", "[tool]\napiforge = 3\n"], ids=["tool", "apiforge"])
def test_settings_that_are_not_a_table_are_a_located_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    code, _, stderr = run_cli("generate", cwd=tmp_path)
    if text.startswith("tool ="):  # not our table: the settings are the defaults
        assert code == 2 and "no spec given" in stderr
    else:
        assert code == 2
        assert "pyproject.toml: [tool.apiforge] must be a table" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("[tool.apiforge.options]\npython = 5\n", "[tool.apiforge.options] python must be a table"),
        ("[tool.apiforge.options.python]\nauth = \"hmac\"\n", "[tool.apiforge.options.python] auth must be a list of strings"),
        ("[tool.apiforge.options.python]\nauth = [\"hmca\"]\n", "auth: unknown kinds ['hmca'] (known: api-key, bearer, hmac)"),
        ("[tool.apiforge.options.python]\nbearer-scopes = [{a = 1}]\n", "bearer-scopes must be a list of strings"),
        ("[tool.apiforge.options.python]\nauht = [\"hmac\"]\n", "unknown setting 'auht'"),
    ],
    ids=["not-a-table", "auth-not-a-list", "unknown-auth-kind", "scopes-not-strings", "misspelt-key"],
)
def test_bad_template_set_options_are_one_line_errors(tmp_path: Path, options: str, message: str) -> None:
    (tmp_path / "api.yaml").write_text((REPO / "specs" / "transfer_to_participant.yaml").read_text())
    (tmp_path / "pyproject.toml").write_text('[tool.apiforge]\nspecs = ["api.yaml"]\n' + options)
    code, _, stderr = run_cli("generate", "--no-cache", cwd=tmp_path)
    assert code == 2
    (line,) = stderr.splitlines()
    assert message in line, line
    assert not (tmp_path / "generated").exists()


def test_a_ref_root_that_is_not_a_folder_is_an_error(tmp_path: Path) -> None:
    spec = REPO / "specs" / "transfer_to_participant.yaml"
    for root in (tmp_path / "missing", spec):
        code, _, stderr = run_cli("generate", str(spec), "-o", str(tmp_path / "out"), "--ref-root", str(root), "--no-cache")
        assert code == 2 and stderr.strip().endswith("the ref root (--ref-root, `ref-root`) is not a folder"), stderr


def test_an_empty_path_setting_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.apiforge]\ncache-dir = ""\n')
    code, _, stderr = run_cli("generate", cwd=tmp_path)
    assert code == 2 and "[tool.apiforge] cache-dir must not be empty" in stderr


def _titled(title: object, **info: object) -> str:
    return json.dumps({
        "openapi": "3.0.3", "info": {"title": title, "version": "1", **info},
        "paths": {"/a": {"get": {"operationId": "getA", "responses": {"204": {"description": "done"}}}}},
    })


@pytest.mark.parametrize(
    ("title", "info", "package", "client"),
    [
        ("Azure Communication Service Call Automation APIs", {}, "azure_communication_service_call_automation",
         "AzureCommunicationServiceCallAutomationClient"),
        ("Pet Store REST API", {}, "pet_store", "PetStoreClient"),
        ("ApiManagementClient", {}, "api_management", "ApiManagementClient"),
        ("AutoRest Swagger BAT Array Service", {}, "auto_rest_swagger_bat_array", "AutoRestSwaggerBATArrayClient"),
        ("Anything", {"x-ms-code-generation-settings": {"name": "CallAutomation"}}, "call_automation", "CallAutomationClient"),
        ("Platform API", {}, "platform_", "PlatformClient"),  # never hides the standard library's module
        ("import os; os.system('x') #", {}, "import_os_os_system_x", "ImportOsOsSystemXClient"),
        ("API", {}, "my_spec", "MySpecClient"),  # nothing left of the title: the file's name
        (3, {}, "my_spec", "MySpecClient"),
    ],
)
def test_default_names_come_from_the_title(tmp_path: Path, title: object, info: dict[str, object], package: str, client: str) -> None:
    spec = tmp_path / "my-spec.json"
    spec.write_text(_titled(title, **info))
    code, stdout, stderr = run_cli("ir", str(spec), "--no-cache")
    if not isinstance(title, str):  # the validator refuses it first
        assert code == 2 and "title" in stderr
        title = "API"
        spec.write_text(_titled(title, **info))
        code, stdout, stderr = run_cli("ir", str(spec), "--no-cache")
    assert code == 0, stderr
    api = json.loads(stdout)
    assert (api["package_name"], api["client_name"]) == (package, client)
    code, stdout, _ = run_cli("ir", str(spec), "--no-cache", "--package-name", "mine")
    assert (json.loads(stdout)["package_name"], json.loads(stdout)["client_name"]) == ("mine", "MineClient")
    code, stdout, _ = run_cli("ir", str(spec), "--no-cache", "--client-name", "Own")
    assert (json.loads(stdout)["package_name"], json.loads(stdout)["client_name"]) == (package, "Own")


def test_check_names_the_generate_command_that_fixes_the_drift(tmp_path: Path) -> None:
    spec = tmp_path / "my spec.json"
    spec.write_text(_titled("T"))
    code, _, stderr = run_cli("check", str(spec), "-o", str(tmp_path / "out"), "--no-cache", "--quiet", "--ref-root", str(tmp_path))
    assert code == 1
    expected = f"python -m generator generate '{spec}' -o {tmp_path / 'out'} --no-cache --ref-root {tmp_path}"
    assert f"Run `{expected}` to update it." in stderr, stderr
    assert run_cli(*shlex.split(expected)[3:])[0] == 0  # the command as printed, run
    assert run_cli("check", str(spec), "-o", str(tmp_path / "out"), "--no-cache", "--ref-root", str(tmp_path))[0] == 0


def test_outside_any_project_the_cache_is_the_users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.config import load_config

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("APIFORGE_CACHE_DIR", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    assert load_config(work).cache_dir == tmp_path / "xdg" / "apiforge"
    (work / "api.json").write_text(_titled("T"))
    assert run_cli("generate", "api.json", "-o", "out", cwd=work)[0] == 0
    assert sorted(p.name for p in work.iterdir()) == ["api.json", "out"]
    assert (tmp_path / "xdg" / "apiforge").is_dir()
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the XDG rule: relative paths do not count
    assert load_config(work).cache_dir == Path.home() / ".cache" / "apiforge"


def test_ir_help_says_it_takes_one_spec() -> None:
    code, stdout, _ = run_cli("ir", "--help")
    assert code == 0 and "[SPEC]" in stdout and "SPEC ..." not in stdout
    assert run_cli("ir", "a.yaml", "b.yaml")[0] == 2
