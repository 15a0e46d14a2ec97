import random

import pytest

from labels.codes import ALPHABET, new_codes
from labels.errors import CodeChecksumError, ForeignPayloadError, HostNotEncodableError
from labels.payload import parse_payload, payload_for

CODES = new_codes(5, random.Random(3))
QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


class TestPayloadFor:
    def test_payload_is_upper_case_url_with_code(self):
        assert (
            payload_for("delbar.example.se", CODES[0]) == f"HTTPS://DELBAR.EXAMPLE.SE/Q/{CODES[0]}"
        )

    def test_host_with_port_is_kept(self):
        assert payload_for("127.0.0.1:8000", CODES[0]).startswith("HTTPS://127.0.0.1:8000/Q/")

    def test_every_character_is_qr_alphanumeric(self):
        assert set(payload_for("Delbar-Test.se:8443", CODES[1])) <= QR_ALPHANUMERIC

    def test_code_given_in_typed_form_is_canonical_in_payload(self):
        code = CODES[2]
        assert payload_for("a.se", f"{code[:4].lower()}-{code[4:]}").endswith(f"/Q/{code}")

    @pytest.mark.parametrize("host", ["my_host.se", "a.se/path", "ä.se", "a b.se", ""])
    def test_host_outside_qr_alphanumeric_is_refused(self, host):
        with pytest.raises(HostNotEncodableError):
            payload_for(host, CODES[0])

    def test_mistyped_code_is_refused(self):
        code = CODES[0]
        wrong = code[:7] + ALPHABET[(ALPHABET.index(code[7]) + 1) % 32]
        with pytest.raises(CodeChecksumError):
            payload_for("a.se", wrong)


class TestParsePayload:
    def test_round_trip_of_every_printed_payload(self):
        for code in CODES:
            assert parse_payload(payload_for("127.0.0.1:8000", code), "127.0.0.1:8000") == code

    def test_lower_case_http_url_is_accepted(self):
        assert parse_payload(f"http://delbar.se/q/{CODES[0].lower()}") == CODES[0]

    def test_mixed_case_url_with_surrounding_space_is_accepted(self):
        assert parse_payload(f"  Https://Delbar.se/Q/{CODES[1]}\n", "DELBAR.SE") == CODES[1]

    def test_bare_code_is_accepted(self):
        assert parse_payload(CODES[3].lower()) == CODES[3]

    def test_bare_grouped_code_is_accepted(self):
        assert parse_payload(f"{CODES[3][:4]}-{CODES[3][4:]}") == CODES[3]

    @pytest.mark.parametrize(
        "text",
        [
            "https://example.com/menu",
            "WIFI:S:guest;T:WPA;P:secret;;",
            "hello world",
            "https://delbar.se/items/42",
            "https://delbar.se/q/NOTACODE/extra",
            "https://delbar.se/q/ABC",
            "ftp://delbar.se/q/00000000",
            "",
        ],
    )
    def test_foreign_text_is_refused(self, text):
        with pytest.raises(ForeignPayloadError):
            parse_payload(text)

    def test_other_host_is_refused_when_host_is_expected(self):
        with pytest.raises(ForeignPayloadError, match=r"other\.se"):
            parse_payload(payload_for("other.se", CODES[0]), expected_host="delbar.se")

    def test_other_port_is_refused_when_host_is_expected(self):
        with pytest.raises(ForeignPayloadError):
            parse_payload(payload_for("127.0.0.1:9000", CODES[0]), expected_host="127.0.0.1:8000")

    def test_our_url_with_mistyped_code_is_a_checksum_error(self):
        code = CODES[0]
        wrong = code[:7] + ALPHABET[(ALPHABET.index(code[7]) + 1) % 32]
        with pytest.raises(CodeChecksumError):
            parse_payload(f"https://delbar.se/q/{wrong}")
