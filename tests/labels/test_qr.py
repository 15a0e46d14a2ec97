import pytest
import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_Q

from labels.errors import LabelDoesNotFit
from labels.qr import fit_qr, qr_image, qr_modules
from labels.scan import decode_payloads


class TestQrModules:
    def test_short_upper_case_url_is_version_2(self):
        assert len(qr_modules("HTTPS://DELBAR.SE/Q/7K3M9QX4")) == 25

    def test_url_with_port_is_version_3(self):
        assert len(qr_modules("HTTPS://127.0.0.1:8000/Q/7K3M9QX4")) == 29

    def test_same_payload_gives_same_modules(self):
        payload = "HTTPS://DELBAR.SE/Q/7K3M9QX4"
        assert qr_modules(payload) == qr_modules(payload)

    @pytest.mark.parametrize("host", ["A.SE", "DELBAR.GOTEBORG.SE", "X" * 60, "X" * 300])
    def test_looked_up_version_matches_the_one_qrcode_fits(self, host):
        payload = f"HTTPS://{host}/Q/7K3M9QX4"
        fitted = qrcode.QRCode(error_correction=ERROR_CORRECT_Q)
        fitted.add_data(payload)
        fitted.make(fit=True)
        assert len(qr_modules(payload)) == fitted.modules_count

    def test_payload_outside_alphanumeric_mode_is_refused(self):
        with pytest.raises(ValueError, match="can not be represented"):
            qr_modules("https://delbar.se/q/7K3M9QX4")


class TestFitQr:
    def test_roomy_box_gets_four_quiet_modules(self):
        fit = fit_qr(29, 414)
        assert (fit.module_px, fit.quiet_modules) == (11, 4)
        assert fit.side_px <= 414

    def test_tight_box_trades_quiet_zone_for_bigger_modules(self):
        fit = fit_qr(29, 247)  # 4 quiet modules would leave 6 px, 2 leave 7
        assert (fit.module_px, fit.quiet_modules) == (7, 2)

    def test_four_quiet_modules_are_kept_when_modules_are_already_big(self):
        fit = fit_qr(25, 33 * 9)  # 4 quiet: 9 px; 2 quiet: 10 px; 9 is already good
        assert (fit.module_px, fit.quiet_modules) == (9, 4)

    def test_box_below_three_px_per_module_raises(self):
        with pytest.raises(LabelDoesNotFit, match="3 px per module"):
            fit_qr(29, 3 * 33 - 1)

    def test_box_of_exactly_three_px_per_module_fits(self):
        assert fit_qr(29, 3 * 33).module_px == 3


class TestQrImage:
    def test_modules_are_whole_pixels(self):
        modules = qr_modules("HTTPS://DELBAR.SE/Q/7K3M9QX4")
        image = qr_image(modules, 5)
        assert image.size == (125, 125) and image.mode == "1"
        # The top-left finder: 7 dark modules across, so pixel 34 is dark and 35 light.
        assert image.getpixel((34, 0)) == 0 and image.getpixel((35, 0)) == 255

    def test_image_with_quiet_zone_decodes(self):
        symbol = qr_image(qr_modules("HTTPS://DELBAR.SE/Q/7K3M9QX4"), 4)
        framed = Image.new("1", (symbol.width + 32, symbol.height + 32), 1)
        framed.paste(symbol, (16, 16))
        assert decode_payloads(framed) == ["HTTPS://DELBAR.SE/Q/7K3M9QX4"]
