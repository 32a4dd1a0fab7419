"""A bounded, seeded fuzz of packages for the app and the server: damaged bytes, altered header
fields, and changes (really signed) carrying random values.  Every case ends refused with a
reason (the database byte-identical) or applied."""

from __future__ import annotations

import gzip
import random
import resource
from pathlib import Path
from typing import Any

import orjson

from app.models import new_id
from app.sync.errors import SyncError
from server.city import CityServer

from .conftest import file_digest
from .test_refusals import World, world  # noqa: F401
from .test_refusals import _resign_as_a as resigned_as_a

SEED = 20261204
BYTE_CASES = 60
HEADER_CASES = 40
VALUE_CASES = 40
VALUES: list[Any] = [None, "", "x" * 300, 2**62, -1, 0, True, 1.5, [], {}, "２２０８０２", "1" * 18,
                     "123456789012345678", "13812345678", "2026-02-30", "2026-01-01", "\u0000", "𠮷"]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    raw = bytearray(gzip.decompress(data))
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(raw))
        raw[at] = rng.randrange(256)
    return gzip.compress(bytes(raw)) if rng.random() < 0.7 else bytes(raw[: rng.randrange(len(raw))])


def _header(data: bytes, rng: random.Random) -> bytes:
    doc = orjson.loads(gzip.decompress(data))
    header = doc["header"]
    key = rng.choice(sorted(header))
    header[key] = rng.choice([*VALUES, 10**15, -(10**15), "sealed", "none"])
    return gzip.compress(orjson.dumps(doc))


def _value_change(w: World, rng: random.Random) -> bytes:
    def change(changes: list[dict[str, Any]]) -> None:
        target = rng.choice(changes)
        fields = dict(target["fields"])
        name = rng.choice(sorted(fields))
        fields[name] = rng.choice(VALUES)
        if rng.random() < 0.5:
            fields["compound_id"] = rng.choice([new_id(), w.b_compound])
        table = rng.choice([target["table"], "building", "party_member", "meeting_attendee"])
        changes.append({**target, "id": new_id(), "record": new_id(), "fields": fields, "table": table})

    return resigned_as_a(w, change)


def test_fuzzed_packages_are_refused_with_a_reason_or_applied(world: World) -> None:  # noqa: F811
    rng = random.Random(SEED)
    app_path = Path(str(world.a.path))
    outcomes: dict[str, int] = {}
    cases = 0
    # The app: damaged bytes and altered headers of the server's return package.
    for i in range(BYTE_CASES + HEADER_CASES):
        data = _mutate(world.return_a, rng) if i < BYTE_CASES else _header(world.return_a, rng)
        world.a.engine.dispose()
        before = file_digest(app_path)
        try:
            report = world.a_svc.import_bytes(data)
        except SyncError as exc:
            world.a.engine.dispose()
            assert file_digest(app_path) == before, exc.code
            outcomes[exc.code] = outcomes.get(exc.code, 0) + 1
        else:
            assert report.status in ("applied", "already_applied")
            outcomes[report.status] = outcomes.get(report.status, 0) + 1
        cases += 1
    # The server: damaged bytes, and changes really signed by A carrying random values.
    city = CityServer(str(world.city_path))
    try:
        for i in range(BYTE_CASES + VALUE_CASES):
            data = _mutate(world.from_a, rng) if i < BYTE_CASES else _value_change(world, rng)
            city.engine.dispose()
            before = file_digest(world.city_path)
            try:
                report = city.import_bytes(data)
            except SyncError as exc:
                city.engine.dispose()
                assert file_digest(world.city_path) == before, exc.code
                outcomes[exc.code] = outcomes.get(exc.code, 0) + 1
            else:
                assert report.status in ("applied", "already_applied")
                for rejected in report.rejected:
                    assert rejected.reason
                outcomes[report.status] = outcomes.get(report.status, 0) + 1
            cases += 1
    finally:
        city.close()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"fuzz: {cases} cases, peak {peak_mib} MiB, outcomes {dict(sorted(outcomes.items()))}")
    assert cases == 2 * BYTE_CASES + HEADER_CASES + VALUE_CASES
    assert peak_mib < 1024
