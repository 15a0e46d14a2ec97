"""QR symbols for label payloads: error level Q, whole-pixel modules, a fitted quiet zone."""

from dataclasses import dataclass
from functools import lru_cache

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_Q
from qrcode.util import MODE_ALPHA_NUM, QRData

from labels.errors import LabelDoesNotFit

# Choosing the mask is ~85 % of qrcode's time; every mask is valid per ISO 18004. Of the
# eight, mask 0 decoded best on the smallest labels after blur, rotation and JPEG.
MASK_PATTERN = 0
MIN_MODULE_PX = 3  # below ~2.6 px per module pyzbar stops reading degraded photos
GOOD_MODULE_PX = 8  # at 300 dpi this is ~0.7 mm, comfortable for phone cameras
QUIET_PREFERRED = 4  # what ISO 18004 asks for
QUIET_MINIMUM = 2  # what phone decoders tolerate when a label is too small for 4

Modules = tuple[tuple[bool, ...], ...]


@dataclass(frozen=True)
class QrFit:
    """How a symbol of some module count sits in a square box: pixel size and quiet zone."""

    module_px: int
    quiet_modules: int
    modules: int

    @property
    def side_px(self) -> int:
        """Width of the symbol including its quiet zone."""
        return (self.modules + 2 * self.quiet_modules) * self.module_px


def qr_modules(payload: str) -> Modules:
    """Return the dark/light module matrix of payload at error level Q, without quiet zone.

    The payload goes in as one alphanumeric segment (ValueError if it has other characters),
    so the symbol's version depends on its length alone and is looked up, not searched for.
    """
    symbol = qrcode.QRCode(
        version=_version_for(len(payload)),
        error_correction=ERROR_CORRECT_Q,
        box_size=1,
        border=0,
        mask_pattern=MASK_PATTERN,
    )
    symbol.add_data(QRData(payload, mode=MODE_ALPHA_NUM))
    symbol.make(fit=False)
    return tuple(tuple(bool(cell) for cell in row) for row in symbol.modules)


@lru_cache(maxsize=128)
def _version_for(length: int) -> int:
    """Return the smallest QR version holding length alphanumeric characters at level Q."""
    sizing = qrcode.QRCode(error_correction=ERROR_CORRECT_Q)
    sizing.add_data(QRData("A" * length, mode=MODE_ALPHA_NUM))
    return sizing.best_fit()


def fit_qr(modules: int, box_px: int) -> QrFit:
    """Return the biggest whole-pixel modules for a box, keeping 4 quiet modules where it can."""
    roomy = QrFit(box_px // (modules + 2 * QUIET_PREFERRED), QUIET_PREFERRED, modules)
    tight = QrFit(box_px // (modules + 2 * QUIET_MINIMUM), QUIET_MINIMUM, modules)
    best = roomy if roomy.module_px >= min(GOOD_MODULE_PX, tight.module_px) else tight
    if best.module_px < MIN_MODULE_PX:
        raise LabelDoesNotFit(
            f"A {modules}x{modules} QR symbol needs at least {MIN_MODULE_PX} px per module "
            f"and {QUIET_MINIMUM} quiet modules a side; only {box_px} px are free"
        )
    return best


def qr_image(modules: Modules, module_px: int) -> Image.Image:
    """Return the symbol as a mode "1" image with square whole-pixel modules, no quiet zone."""
    count = len(modules)
    data = b"".join(bytes(0 if dark else 255 for dark in row) for row in modules)
    small = Image.frombytes("L", (count, count), data).convert("1", dither=Image.Dither.NONE)
    return small.resize((count * module_px, count * module_px), Image.Resampling.NEAREST)
