"""A configuration the DAG tasks cannot read says where and what, as the jobs do, and never
quotes the file: a YAML error's text can hold a secret."""

from __future__ import annotations

import pytest

from logyard_dags import pipeline_config, settings


@pytest.mark.parametrize("text,where", [
    ("warehouse: {path: /tmp/wh}\nsources:\n  - token: *Hunter2AliasPLANT\n", "line 3, column 12"),
    ("warehouse:\n  password: \"Hunter2QuotePLANT\n", "line 3, column 1"),
    ("warehouse:\n  path: /a\n  secret: Hunter2IndentPLANT\n    bad: x\n", "line 4, column 8"),
    ("warehouse: [\n  Hunter2FlowPLANT\n", "line 3, column 1"),
])
def test_yaml_errors_give_line_and_column_and_never_the_text(tmp_path, text, where):
    conf = tmp_path / "broken.yaml"
    conf.write_text(text, encoding="utf-8")
    with pytest.raises(pipeline_config.PipelineConfigError) as e:
        pipeline_config.load(settings.from_env({"LOGYARD_CONF": str(conf)}), env={})
    message = str(e.value)
    assert message.startswith(f"{conf}: not valid YAML at {where}: "), message
    assert "Hunter2" not in message
