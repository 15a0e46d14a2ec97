import random

import pytest

from labels.codes import (
    ALPHABET,
    check_character,
    is_valid_code,
    new_code,
    new_codes,
    normalize_code,
    validate_code,
)
from labels.errors import CodeChecksumError, CodeFormatError

SAMPLE_CODES = new_codes(20, random.Random(7))


class TestNormalizeCode:
    def test_lower_case_spaces_and_hyphens_are_normalized(self):
        assert normalize_code(" 7k3m-9qx4 ") == "7K3M9QX4"

    def test_look_alike_letters_read_as_digits(self):
        assert normalize_code("oIlO-abcd") == "0110ABCD"

    def test_u_is_refused_with_a_message_naming_it(self):
        with pytest.raises(CodeFormatError, match="'U'"):
            normalize_code("ABCU1234")

    def test_punctuation_is_refused(self):
        with pytest.raises(CodeFormatError):
            normalize_code("ABC*1234")

    def test_seven_characters_are_refused_with_the_length(self):
        with pytest.raises(CodeFormatError, match="8 characters, this one has 7"):
            normalize_code("ABC1234")

    def test_nine_characters_are_refused(self):
        with pytest.raises(CodeFormatError, match="has 9"):
            normalize_code("ABC123456")


class TestCheckCharacter:
    def test_known_value_matches_luhn_mod_32_by_hand(self):
        # "0000001": the rightmost data character is doubled: 2 -> check = 32 - 2 = 30 = "Y".
        assert check_character("0000001") == "Y"

    def test_all_zero_data_has_zero_check(self):
        assert check_character("0000000") == "0"

    def test_wrong_length_is_refused(self):
        with pytest.raises(CodeFormatError):
            check_character("ABC")


class TestIsValidCode:
    def test_fresh_codes_are_valid(self):
        assert all(is_valid_code(code) for code in SAMPLE_CODES)

    def test_every_single_substitution_is_caught(self):
        for code in SAMPLE_CODES:
            for position in range(len(code)):
                for char in ALPHABET.replace(code[position], ""):
                    mistyped = code[:position] + char + code[position + 1 :]
                    assert not is_valid_code(mistyped), (code, mistyped)

    def test_adjacent_transpositions_are_caught_except_zero_and_z(self):
        # Luhn mod N's one blind spot is swapping the alphabet's first and last characters.
        missed = {
            frozenset(code[position : position + 2])
            for code, position in _codes_with_every_adjacent_pair()
            if not _transposition_caught(code, position)
        }
        assert missed == {frozenset("0Z")}

    def test_non_canonical_text_is_not_valid(self):
        assert not is_valid_code(SAMPLE_CODES[0].lower())


class TestValidateCode:
    def test_typed_code_with_hyphen_comes_back_canonical(self):
        code = SAMPLE_CODES[0]
        assert validate_code(f"{code[:4].lower()}-{code[4:]}") == code

    def test_wrong_check_character_is_a_checksum_error(self):
        code = SAMPLE_CODES[0]
        wrong = code[:7] + ALPHABET[(ALPHABET.index(code[7]) + 1) % 32]
        with pytest.raises(CodeChecksumError, match="mistyped"):
            validate_code(wrong)

    def test_format_problem_is_not_a_checksum_error(self):
        with pytest.raises(CodeFormatError) as raised:
            validate_code("ABC")
        assert not isinstance(raised.value, CodeChecksumError)


class TestNewCode:
    def test_seeded_random_repeats(self):
        assert new_code(random.Random(1)) == new_code(random.Random(1))

    def test_default_source_gives_valid_codes_that_differ(self):
        codes = {new_code() for _ in range(50)}
        assert len(codes) == 50 and all(is_valid_code(code) for code in codes)


class TestNewCodes:
    def test_returns_the_number_asked_all_distinct(self):
        codes = new_codes(500)
        assert len(codes) == 500 == len(set(codes))

    def test_draws_again_when_the_random_source_repeats(self):
        class Scripted(random.Random):
            """Yields the characters of two equal codes, then a different one."""

            script = iter("000000000000001111111")

            def choice(self, seq):
                return next(self.script)

        assert new_codes(2, Scripted()) == ["00000000", "1111111" + check_character("1111111")]

    def test_zero_codes_is_an_empty_list(self):
        assert new_codes(0) == []


def _codes_with_every_adjacent_pair():
    """Yield (code, position) so every ordered pair of characters meets at every position."""
    for position in range(6):
        for first in ALPHABET:
            for second in ALPHABET.replace(first, ""):
                data = "1234567"[:position] + first + second + "1234567"[position + 2 :]
                yield data + check_character(data), position
    for last in ALPHABET:  # the last data character next to the check character
        data = "123456" + last
        yield data + check_character(data), 6


def _transposition_caught(code, position):
    """Tell whether swapping code[position] and code[position + 1] gives an invalid code."""
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    return swapped == code or not is_valid_code(swapped)
