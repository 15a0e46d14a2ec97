"""The audit trail is append-only: the only code that changes a row is the retention's blanking,
and nothing deletes one."""

from __future__ import annotations

import re

from tests.test_architecture import BACKEND, modules


def test_only_the_retention_updates_and_nothing_deletes_audit_rows():
    writes = [(p.name, m) for p in modules(BACKEND) for m in re.findall(r"AuditEvent\.(update|delete)\(",
                                                                         p.read_text())]
    assert writes == [("repository.py", "update"), ("repository.py", "update")]
    source = (BACKEND / "audit" / "repository.py").read_text()
    retention = source[source.index("class RetentionRepository"):]
    assert retention.count("AuditEvent.update(") == 2
