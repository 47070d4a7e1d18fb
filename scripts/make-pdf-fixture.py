#!/usr/bin/env python3
"""Writes a minimal, valid PDF (Helvetica, one text line per row) from a text file.

Used once to make Tests/IMRCheckTests/Fixtures/letter.pdf from one of our own fixture letters, so
the PDF input path (pdftotext) is tested without any PDF library:
    scripts/make-pdf-fixture.py Tests/IMRParseTests/Fixtures/letters/final_determination_three_items.txt \
        Tests/IMRCheckTests/Fixtures/letter.pdf
"""
import sys

def escape(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

def main(src, dst):
    lines = [l.rstrip("\r\n") for l in open(src, encoding="utf-8")]
    lines = [l for l in lines if l.strip()]  # the PDF lays lines out itself
    pages = [lines[i:i + 60] for i in range(0, len(lines), 60)]
    objects = []
    def add(body):
        objects.append(body)
        return len(objects)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)
    page_ids = []
    for page in pages:
        text = ["BT", "/F1 9 Tf", "11 TL", "40 800 Td"]
        for l in page:
            text.append("(%s) Tj T*" % escape(l.encode("latin-1", "replace").decode("latin-1")))
        text.append("ET")
        stream = "\n".join(text).encode("latin-1", "replace")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)))
    kids = " ".join("%d 0 R" % p for p in page_ids).encode()
    assert add(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    open(dst, "wb").write(out)

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
