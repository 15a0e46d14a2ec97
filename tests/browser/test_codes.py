"""The PWA's port of the code check (pwa/js/scan/codes.js) agrees with labels/codes.py."""

from __future__ import annotations

import random

import pytest

from labels import is_valid_code, new_codes, payload_for
from labels.codes import ALPHABET

pytestmark = pytest.mark.browser

CODES_JS = "/js/scan/codes.js"


def mistypes(codes: list[str], rand: random.Random) -> list[str]:
    """One character of each code replaced by another, as a person mistyping it would."""
    out = []
    for code in codes:
        i = rand.randrange(len(code))
        wrong = rand.choice([c for c in ALPHABET if c != code[i]])
        out.append(code[:i] + wrong + code[i + 1:])
    return out


@pytest.fixture
def codes_page(page):
    page.goto("/tillganglighet")
    return page


class TestCodesPort:
    def test_python_codes_are_valid_and_get_the_same_check_character(self, codes_page):
        codes = new_codes(300, random.Random(6))
        answer = codes_page.evaluate(
            """async ([url, codes]) => {
                const m = await import(url);
                return codes.map((c) => [m.isValidCode(c), m.checkCharacter(c.slice(0, 7))]);
            }""",
            [CODES_JS, codes],
        )
        assert answer == [[True, code[7]] for code in codes]

    def test_mistyped_codes_are_judged_as_python_judges_them(self, codes_page):
        typed = mistypes(new_codes(300, random.Random(7)), random.Random(8))
        answer = codes_page.evaluate(
            "async ([url, codes]) => { const m = await import(url); return codes.map((c) => m.isValidCode(c)); }",
            [CODES_JS, typed],
        )
        assert answer == [is_valid_code(code) for code in typed]
        assert not any(answer), "a single substituted character must always be caught"

    def test_typed_code_with_lookalikes_and_a_dash_is_read_like_python_reads_it(self, codes_page):
        code = next(c for c in new_codes(50, random.Random(9)) if "0" in c or "1" in c)
        typed = code.replace("0", "o").replace("1", "l").lower()
        typed = typed[:4] + "-" + typed[4:]
        parsed = codes_page.evaluate("async ([url, t]) => (await import(url)).parseTyped(t)", [CODES_JS, typed])
        assert parsed == {"ok": True, "code": code}

    def test_scanned_payloads_bare_codes_and_foreign_qr_are_told_apart(self, codes_page):
        code = new_codes(1, random.Random(10))[0]
        bad = code[:7] + next(c for c in ALPHABET if c != code[7])
        texts = [payload_for("delbar.skurup.se", code), code, payload_for("delbar.skurup.se", code).lower(),
                 "https://example.com/product/123", "WIFI:S:kontor;T:WPA;P:hemligt;;", "HTTPS://DELBAR.SE/Q/" + bad]
        parsed = codes_page.evaluate(
            "async ([url, texts]) => { const m = await import(url); return texts.map((t) => m.parseScanned(t)); }",
            [CODES_JS, texts],
        )
        ok = {"ok": True, "code": code}
        assert parsed == [ok, ok, ok, {"ok": False, "reason": "foreign"}, {"ok": False, "reason": "foreign"},
                          {"ok": False, "reason": "mistyped"}]
