from __future__ import annotations

from pathlib import Path

import pytest

from kiemchung.errors import ConfigError
from kiemchung.settings import Settings, describe, load_settings


def test_defaults_without_any_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(env={})
    assert settings == Settings()
    assert settings.db_url == "sqlite:///kiemchung.db"


def test_order_defaults_toml_env_overrides(tmp_path: Path) -> None:
    config = tmp_path / "kiemchung.toml"
    config.write_text('[kiemchung]\nport = 9000\nlanguage = "en"\nbatch_size = 10\n', "utf-8")
    env = {"KIEMCHUNG_PORT": "9100", "KIEMCHUNG_BATCH_SIZE": "20", "OTHER": "x"}
    settings = load_settings(config_path=config, env=env, overrides={"port": 9200, "db_url": None})
    assert settings.port == 9200  # flag beats env beats file
    assert settings.batch_size == 20  # env beats file
    assert settings.language == "en"  # file beats default
    assert settings.db_url == "sqlite:///kiemchung.db"  # None override is ignored


def test_bad_value_names_the_setting() -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(env={"KIEMCHUNG_PORT": "tám nghìn"})
    assert info.value.field == "port"
    assert "expected int" in str(info.value)
    assert "tám nghìn" in str(info.value)


def test_unknown_setting_in_file_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text("[kiemchung]\nprot = 1\n", "utf-8")
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(config_path=config, env={})


def test_missing_or_broken_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(config_path=tmp_path / "nope.toml", env={})
    broken = tmp_path / "broken.toml"
    broken.write_text("[kiemchung\n", "utf-8")
    with pytest.raises(ConfigError, match="cannot read configuration"):
        load_settings(config_path=broken, env={})


def test_language_is_checked() -> None:
    with pytest.raises(ConfigError, match="language"):
        load_settings(env={"KIEMCHUNG_LANGUAGE": "fr"})


def test_every_setting_has_help() -> None:
    rows = describe()
    assert rows
    for name, _type, _default, help_text in rows:
        assert help_text.strip(), name


def test_no_secret_has_a_working_default() -> None:
    defaults = Settings()
    for name in ("author_hash_key", "secret_key", "telegram_bot_token", "zalo_app_secret",
                 "messenger_app_secret", "messenger_page_token"):
        assert getattr(defaults, name) == ""


def test_replace_validates() -> None:
    assert Settings().replace(port="81").port == 81
    with pytest.raises(ConfigError):
        Settings().replace(nonsense=1)
