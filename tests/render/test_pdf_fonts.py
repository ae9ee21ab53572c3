"""The pinned Chinese font set and the doctor checks that guard it (fontconfig only, no LibreOffice)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from docgen import doctor
from docgen.render.pdf import fonts, tools
from docgen.render.pdf.errors import ConversionError
from docgen.render.pdf.fonts import FontSetError, font_set, fontconfig_env, fontconfig_file


def test_font_set_maps_the_four_faces_to_the_pinned_families():
    assert font_set() == {
        "宋体": "Noto Serif CJK SC",
        "仿宋": "AR PL UMing CN",
        "黑体": "Noto Sans CJK SC",
        "楷体": "AR PL UKai CN",
        # Latin face of the templates: metric-compatible stand-in from fonts-liberation2
        "Times New Roman": "Liberation Serif",
    }


def test_fontconfig_env_points_at_the_shipped_file_and_keeps_the_rest():
    env = fontconfig_env({"PATH": "/usr/bin", "FONTCONFIG_FILE": "/elsewhere.conf"})
    assert env["PATH"] == "/usr/bin"
    assert Path(env["FONTCONFIG_FILE"]) == fontconfig_file()
    text = fontconfig_file().read_text(encoding="utf-8")
    assert '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' in text
    for name in ("宋体", "SimSun", "NSimSun", "方正小标宋简体", "华文宋体", "黑体", "SimHei", "微软雅黑", "Microsoft YaHei",
                 "仿宋", "FangSong", "仿宋_GB2312", "华文仿宋", "楷体", "KaiTi", "楷体_GB2312", "华文楷体"):
        assert f"<family>{name}</family>" in text, name


def test_every_alias_in_the_file_resolves_as_documented():
    env = fontconfig_env()
    expected = {
        "Noto Serif CJK SC": ("SimSun", "NSimSun", "方正小标宋简体", "华文宋体"),
        "Noto Sans CJK SC": ("SimHei", "微软雅黑", "Microsoft YaHei"),
        "AR PL UMing CN": ("FangSong", "仿宋_GB2312", "华文仿宋"),
        "AR PL UKai CN": ("KaiTi", "楷体_GB2312", "华文楷体"),
    }
    for family, names in expected.items():
        for name in names:
            assert fonts._fc_match(name, env)[0] == family, name


def test_without_the_alias_file_the_faces_are_not_cjk(monkeypatch, tmp_path):
    """The failure the alias file exists for: plain system config → 宋体 is DejaVu (notes §2.4)."""
    bare = tmp_path / "bare.conf"
    bare.write_text('<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include></fontconfig>')
    monkeypatch.setattr(fonts, "fontconfig_file", lambda: bare)
    with pytest.raises(FontSetError) as info:
        font_set()
    assert "宋体" in str(info.value) and "fonts-noto-cjk" in str(info.value)
    check = doctor.check_font_aliases()
    assert not check.ok and "fonts-noto-cjk" in check.fix


def test_doctor_font_alias_check_passes_here():
    check = doctor.check_font_aliases()
    assert check.ok, check.detail
    assert "宋体→Noto Serif CJK SC" in check.detail


def test_doctor_uno_check_names_the_debian_package_when_missing(monkeypatch):
    monkeypatch.delenv("DOCGEN_UNO_PYTHON", raising=False)
    monkeypatch.setattr(tools, "UNO_PYTHON_CANDIDATES", (sys.executable,))  # the venv: no uno
    tools.find_uno_python.cache_clear()
    try:
        with pytest.raises(ConversionError) as info:
            tools.find_uno_python()
        assert info.value.kind == "environment" and "python3-uno" in str(info.value)
        check = doctor.check_uno()
        assert not check.ok
        assert check.fix == "apt-get install -y --no-install-recommends python3-uno"
    finally:
        tools.find_uno_python.cache_clear()


def test_doctor_runs_both_new_checks():
    names = [c.name for c in doctor.run_checks().checks]
    assert "中文字体别名" in names and "python3-uno" in names
