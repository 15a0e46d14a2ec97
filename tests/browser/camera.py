"""A fake rear camera for Chromium: a rendered Delbar label as a Y4M video file."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from labels import LabelContent, new_code, render_label_png
from labels.sheets import ROLLS

FRAME = (640, 480)


def label_frame(code: str, host: str = "127.0.0.1") -> Image.Image:
    """A label on a grey desk, as a phone would see it held at a hand's length."""
    content = LabelContent(code=code, title="Kontorsstol", municipality="Skurup", host=host)
    label = Image.open(io.BytesIO(render_label_png(content, ROLLS["DK-11209"]))).convert("RGB")
    label.thumbnail((int(FRAME[0] * 0.8), int(FRAME[1] * 0.8)))
    frame = Image.new("RGB", FRAME, (150, 150, 150))
    frame.paste(label, ((FRAME[0] - label.width) // 2, (FRAME[1] - label.height) // 2))
    return frame


def write_y4m(frames: list[Image.Image], path: Path, fps: int = 10) -> Path:
    """Write frames as 4:2:0 Y4M, the format --use-file-for-fake-video-capture reads."""
    width, height = frames[0].size
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for frame in frames:
            y, cb, cr = frame.convert("YCbCr").split()
            half = (width // 2, height // 2)
            out.write(b"FRAME\n" + y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes())
    return path


def label_video(path: Path, code: str | None = None) -> tuple[Path, str]:
    """A short looping video of one label; returns the file and the label's code."""
    code = code or new_code()
    return write_y4m([label_frame(code)] * 5, path), code
