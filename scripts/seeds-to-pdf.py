#!/usr/bin/env python3
"""Turns plain-text policies (like ../shared/seeds) into PDFs for measuring PDF import.

Each text file becomes HTML (numbered lines -> <h2>, the first line after "Privacy Policy" ->
<h1>, short unpunctuated lines -> bold <h3>, "- " lines -> list items), then LibreOffice
(`soffice --headless`) prints it to PDF with a running header and page numbers, so the
header/footer dropping is measured too. Usage: seeds-to-pdf.py OUT_DIR FILE...
"""
import html
import os
import re
import subprocess
import sys
import tempfile


def to_html(text: str, title: str) -> str:
    out, in_list = [], False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        is_item = line.startswith("- ")
        if in_list and not is_item:
            out.append("</ul>")
            in_list = False
        esc = html.escape(line)
        if is_item:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(line[2:])}</li>")
        elif line.lower() == "privacy policy":
            out.append(f"<h1>{esc}</h1>")
        elif re.match(r"^\d+\.\s", line) and len(line) < 90:
            out.append(f"<h2>{esc}</h2>")
        elif len(line) < 60 and not line.endswith((".", ":", ",")):
            out.append(f"<p><b>{esc}</b></p>")
        else:
            out.append(f"<p>{esc}</p>")
    if in_list:
        out.append("</ul>")
    # LibreOffice's HTML import takes page header/footer from these Writer-specific blocks.
    header = f'<div title="header"><p>{html.escape(title)} - confidential</p></div>'
    footer = '<div title="footer"><p>Page <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield></p></div>'
    return f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>{header}{footer}{''.join(out)}</body></html>"


def main() -> None:
    out_dir, files = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            stem = os.path.splitext(os.path.basename(f))[0]
            with open(f, encoding="utf-8") as fh:
                page = to_html(fh.read(), "Policy " + stem[:3])
            src = os.path.join(tmp, stem + ".html")
            with open(src, "w", encoding="utf-8") as fh:
                fh.write(page)
            subprocess.run(
                ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", out_dir, src],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )


if __name__ == "__main__":
    main()
