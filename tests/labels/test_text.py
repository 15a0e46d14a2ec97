from labels.text import ELLIPSIS, FONT_DIR, fit_line, font, wrap_lines

FACE = font("bold", 35)


class TestFont:
    def test_dejavu_is_used_when_installed(self):
        if (FONT_DIR / "DejaVuSans-Bold.ttf").exists():
            assert FACE.getname()[0] == "DejaVu Sans"

    def test_swedish_letters_have_their_own_glyphs(self):
        for plain, swedish in (("a", "å"), ("a", "ä"), ("o", "ö"), ("A", "Å")):
            assert FACE.getmask(plain).getbbox() != FACE.getmask(swedish).getbbox()

    def test_same_role_and_size_share_one_font(self):
        assert font("regular", 20) is font("regular", 20)


class TestFitLine:
    def test_text_that_fits_is_unchanged(self):
        assert fit_line("Stol", FACE, 500) == "Stol"

    def test_long_text_is_cut_with_an_ellipsis_within_the_width(self):
        line = fit_line("Skrivbordsstol med armstöd och hjul", FACE, 200)
        assert line.endswith(ELLIPSIS) and FACE.getlength(line) <= 200
        assert "Skrivbordsstol med armstöd".startswith(line[:-1].rstrip())

    def test_nothing_fits_a_width_narrower_than_the_ellipsis(self):
        assert fit_line("Stol", FACE, 3) == ""


class TestWrapLines:
    def test_words_wrap_within_the_width(self):
        lines = wrap_lines("Röd stol med armstöd", FACE, 220, 3)
        assert len(lines) > 1 and " ".join(lines) == "Röd stol med armstöd"
        assert all(FACE.getlength(line) <= 220 for line in lines)

    def test_text_beyond_the_last_line_is_ellipsized(self):
        lines = wrap_lines("ett två tre fyra fem sex sju åtta nio tio", FACE, 150, 2)
        assert len(lines) == 2 and lines[-1].endswith(ELLIPSIS)

    def test_word_longer_than_the_width_is_broken(self):
        lines = wrap_lines("Supercalifragilisticexpialidocious", FACE, 200, 3)
        assert all(FACE.getlength(line) <= 200 for line in lines)
        assert (
            lines[0] + lines[1] == "Supercalifragilisticexpialidocious"[: len(lines[0] + lines[1])]
        )

    def test_empty_text_has_no_lines(self):
        assert wrap_lines("   ", FACE, 200, 2) == []
