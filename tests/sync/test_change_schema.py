"""The body's changes are checked by a plain loop for speed; it must answer as the published schema does."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.sync.errors import SyncError
from app.sync.keys import NodeKeys
from app.sync.package import build_package, open_envelope, package_schema, read_changes
from app.sync.report import Source, Target

KEYS = NodeKeys.generate("pcschema01")
HEADER = package_schema()["$defs"]["header"]
TABLE_NAME = re.compile(HEADER["properties"]["counts"]["propertyNames"]["pattern"])

VALID = {"id": "c1", "table": "party_member", "record": "r1", "community": "x",
         "op": "upsert", "hlc": "1546300800000-00000-pcschema01", "fields": {"name": "张三"}}

scalars = (st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5))
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2),
    max_leaves=4,
)


@st.composite
def changes(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(json_values)
    change: dict[str, Any] = dict(VALID)
    for key in draw(st.lists(st.sampled_from(sorted(VALID)), max_size=3, unique=True)):
        action = draw(st.sampled_from(["drop", "replace", "op"]))
        if action == "drop":
            del change[key]
        elif action == "op":
            change["op"] = draw(st.sampled_from(["upsert", "delete", "insert", "", "UPSERT"]))
        else:
            change[key] = draw(json_values)
    if draw(st.booleans()):
        change.update(draw(st.dictionaries(st.text(max_size=6), json_values, max_size=2)))
    return change


def schema_accepts(change: Any) -> bool:
    schema = package_schema()
    body_schema = dict(schema["$defs"]["body"], **{"$defs": schema["$defs"], "$schema": schema["$schema"]})
    return jsonschema.Draft202012Validator(body_schema).is_valid({"changes": [change]})


def read_back(change: Any) -> None:
    body = orjson.dumps({"changes": [change]})
    table = change.get("table") if isinstance(change, dict) else None
    # The header's counts name tables by their own pattern; the body's schema is the one under test.
    counts = {table if isinstance(table, str) and TABLE_NAME.fullmatch(table) else "x": 1}
    data, _ = build_package(
        keys=KEYS, source=Source("community", KEYS.node_id, "x", "220802001", ""),
        target=Target("server", None, None, ("city01",)),
        changes=(body, counts, 1), seq_range=(1, 1), recipients=None)
    read_changes(open_envelope(data), None)


@settings(max_examples=300, deadline=None)
@given(changes())
@example({**VALID, "table": ""})
@example({**VALID, "table": "Party-Member"})
def test_a_change_is_read_exactly_when_the_schema_accepts_it(change: Any) -> None:
    table = change.get("table") if isinstance(change, dict) else None
    if schema_accepts(change) and isinstance(table, str) and not TABLE_NAME.fullmatch(table):
        # No header can count such a table: the package is refused for its counts, naming the table.
        with pytest.raises(SyncError) as refused:
            read_back(change)
        assert refused.value.code == "table_counts_mismatch" and refused.value.params["table"] == table[:60]
    elif schema_accepts(change):
        read_back(change)
    else:
        with pytest.raises(SyncError) as refused:
            read_back(change)
        assert refused.value.code == "schema"


def test_the_reason_names_the_change_and_the_property() -> None:
    broken = dict(VALID)
    del broken["hlc"]
    with pytest.raises(SyncError) as refused:
        read_back(broken)
    assert "changes/0" in refused.value.params["detail"] and "hlc" in refused.value.params["detail"]
