"""benchmarks/coverage_unseen.py: leaving a report out of the glossary, and its figures."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest

from scripts import load_script


@pytest.fixture(scope="module")
def script() -> ModuleType:
    """The script, imported by path (benchmarks/ is not a package)."""
    return load_script("coverage_unseen")


@pytest.fixture(scope="module")
def rows(script: ModuleType) -> dict[str, Any]:
    from glossary import Glossary
    from glossary._load.allow import Allowed
    from glossary._load.paths import bundled_allow_list

    allowed = Allowed.load([bundled_allow_list()])
    measured = script.measure(Glossary(Glossary.default().entries, allowed=allowed), allowed)
    return {row.report: row for row in measured}


def test_every_report_is_measured_and_whole_glossary_explains_its_jargon(
    rows: dict[str, Any],
) -> None:
    assert len(rows) == 23
    for row in rows.values():
        assert row.jargon > 0
        assert row.seen == row.jargon
        assert 0 < row.unseen <= row.seen


def test_leaving_a_report_out_removes_its_own_senses(rows: dict[str, Any]) -> None:
    # 广东's report explains its own terms in its 名词解释: without them some jargon is left.
    guangdong = rows["guangdong-2026"]
    assert guangdong.unseen < guangdong.seen


def test_without_keeps_other_documents_senses(script: ModuleType) -> None:
    from glossary import Glossary

    entries = Glossary.default().entries
    left = script.without(entries, "2026年广东省政府工作报告")
    documents = {s.source.document for e in left for s in e.senses if s.source}
    assert "2026年广东省政府工作报告" not in documents
    assert len(left) < len(entries)
    assert all(e.senses for e in left)


def test_json_lists_each_report(script: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert script.main(["--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 23
    assert all(r["unseen"] <= r["seen"] <= r["jargon"] for r in listed)
