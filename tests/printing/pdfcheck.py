"""Reading a generated PDF back as a reader would: text, pages, fonts, the QR code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def text(path: Path) -> str:
    return "\n".join(page_texts(path))


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def in_order(haystack: str, needles: list[str]) -> bool:
    """Every needle found, each after the previous one."""
    pos = 0
    for needle in needles:
        found = haystack.find(needle, pos)
        if found < 0:
            return False
        pos = found + len(needle)
    return True


def fonts(path: Path) -> dict[str, bool]:
    """Base font name -> whether its program is embedded, over every page."""
    result: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        resources: Any = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")]
            for descendant in font.get("/DescendantFonts") or []:
                descriptors.append(descendant.get_object().get("/FontDescriptor"))
            embedded = any(
                d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors)
            result[str(font.get("/BaseFont"))] = embedded
    return result


def poppler(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return exe


def pdffonts(path: Path) -> list[list[str]]:
    """The rows of ``pdffonts``: name, type, encoding, emb, sub, uni, object, generation."""
    out = subprocess.run([poppler("pdffonts"), str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def pdftotext(path: Path, first: int = 1, last: int | None = None) -> str:
    args = [poppler("pdftotext"), "-layout", "-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    return subprocess.run(args + [str(path), "-"], check=True, capture_output=True, text=True).stdout


def render_page(path: Path, page: int, out_dir: Path, dpi: int = 150) -> Path:
    prefix = out_dir / f"{path.stem}-p{page}"
    subprocess.run([poppler("pdftoppm"), "-r", str(dpi), "-png", "-singlefile",
                    "-f", str(page), "-l", str(page), str(path), str(prefix)], check=True)
    return prefix.with_suffix(".png")


def qr_texts(path: Path, page: int, out_dir: Path) -> list[str]:
    """The QR codes a scanner reads on a page of the PDF."""
    import zxingcpp
    from PIL import Image

    with Image.open(render_page(path, page, out_dir)) as image:
        return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def word_boxes(path: Path) -> list[tuple[float, list[tuple[str, float, float]]]]:
    """Each page's height and its words with their top and bottom (points from the top)."""
    import html
    import re

    out = subprocess.run([poppler("pdftotext"), "-bbox", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages: list[tuple[float, list[tuple[str, float, float]]]] = []
    for page in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, flags=re.S):
        words = [(html.unescape(w), float(top), float(bottom)) for top, bottom, w in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>',
            page.group(2))]
        pages.append((float(page.group(1)), words))
    return pages
