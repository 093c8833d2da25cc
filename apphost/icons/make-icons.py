#!/usr/bin/env python3
"""Draws fn-misp's App Host icons (Python 3 standard library only): app_logo.png 200x72 and company_logo.png 100x100.

The mark is three linked nodes (SOAR, fn-misp, MISP) on a dark tile. Run it from the repository root after changing
it; AppJsonTemplateTest checks that apphost/app.json embeds these files.
"""
import struct
import zlib

BACKGROUND = (23, 42, 69)
LINK = (120, 200, 210)
NODES = [(45, 28, 168), (255, 255, 255), (242, 160, 60)]


def png(width, height, pixels):
    rows = b"".join(b"\x00" + bytes(c for pixel in row for c in pixel) for row in pixels)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def mark(width, height, centre_x, centre_y, scale):
    """Pixel colours, 4x4 supersampled so the edges are smooth."""
    nodes = [(centre_x - 1.0 * scale, centre_y + 0.55 * scale), (centre_x, centre_y - 0.6 * scale),
             (centre_x + 1.0 * scale, centre_y + 0.55 * scale)]
    radius, thickness = 0.34 * scale, 0.09 * scale

    def colour(x, y):
        for (nx, ny), fill in zip(nodes, NODES):
            if (x - nx) ** 2 + (y - ny) ** 2 <= radius ** 2:
                return fill
        for (ax, ay), (bx, by) in [(nodes[0], nodes[1]), (nodes[1], nodes[2]), (nodes[0], nodes[2])]:
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
            if (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= thickness ** 2:
                return LINK
        return BACKGROUND

    rows = []
    for py in range(height):
        row = []
        for px in range(width):
            samples = [colour(px + (sx + 0.5) / 4, py + (sy + 0.5) / 4) for sx in range(4) for sy in range(4)]
            row.append(tuple(round(sum(s[i] for s in samples) / len(samples)) for i in range(3)))
        rows.append(row)
    return rows


if __name__ == "__main__":
    with open("apphost/icons/app_logo.png", "wb") as out:
        out.write(png(200, 72, mark(200, 72, 100, 36, 34)))
    with open("apphost/icons/company_logo.png", "wb") as out:
        out.write(png(100, 100, mark(100, 100, 50, 52, 36)))
