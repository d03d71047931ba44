"""Country outlines for the offline map, derived once from Natural Earth (public domain).

The page must draw a world map with no internet, and no small package on PyPI serves
country shapes by itself. geopandas before 1.0 shipped Natural Earth's 1:110m countries
("naturalearth_lowres") inside its wheel, so the outlines are derived from that wheel at
build time and shipped as ``static/world.json``; geopandas is not needed at run time.

Rebuild (only when changing the simplification)::

    pip download geopandas==0.14.4 --no-deps -d /tmp/gpd
    python -m eventwire.web.outlines /tmp/gpd/geopandas-0.14.4-py3-none-any.whl

The shapefile and dBASE readers below handle only what that file holds (polygons, text and
number fields), which keeps them a few dozen lines and avoids a GDAL dependency.

The projection is equirectangular: x = lon + 180, y = 90 - lat, so the page can place an
event at (lon + 180, 90 - lat) on the same 360 x 180 canvas without any projection code.
"""

from __future__ import annotations

import json
import logging
import struct
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import DataFileError

log = logging.getLogger(__name__)

OUTLINES = Path(__file__).parent / "static" / "world.json"
_MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
_POLYGON = 5
# Natural Earth marks a few sovereign states with "-99" as their ISO code.
_ISO_FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}


@dataclass(frozen=True, slots=True)
class Outline:
    iso3: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) points, closed rings

    def path(self, decimals: int = 1) -> str:
        """SVG path data in the 360 x 180 equirectangular frame, repeated points dropped."""
        parts: list[str] = []
        for ring in self.rings:
            points: list[tuple[float, float]] = []
            for lon, lat in ring:
                p = (round(lon + 180, decimals), round(90 - lat, decimals))
                if not points or p != points[-1]:
                    points.append(p)
            if len(points) < 4:
                continue
            parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points[:-1]) + "Z")
        return "".join(parts)


def read_shapes(shp: bytes) -> list[tuple[tuple[tuple[float, float], ...], ...]]:
    """The polygons of an ESRI shapefile, each as a tuple of rings of (x, y) points."""
    if len(shp) < 100 or struct.unpack(">i", shp[:4])[0] != 9994:
        raise DataFileError("not an ESRI shapefile (bad magic number); pass the .shp file or the geopandas wheel")
    shapes = []
    pos = 100
    while pos + 8 <= len(shp):
        _, words = struct.unpack(">ii", shp[pos:pos + 8])
        content = shp[pos + 8:pos + 8 + 2 * words]
        pos += 8 + 2 * words
        (kind,) = struct.unpack("<i", content[:4])
        if kind != _POLYGON:
            shapes.append(())
            continue
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        starts = struct.unpack(f"<{n_parts}i", content[44:44 + 4 * n_parts])
        coords = struct.unpack(f"<{2 * n_points}d", content[44 + 4 * n_parts:44 + 4 * n_parts + 16 * n_points])
        points = list(zip(coords[0::2], coords[1::2]))
        bounds = (*starts, n_points)
        shapes.append(tuple(tuple(points[bounds[i]:bounds[i + 1]]) for i in range(n_parts)))
    return shapes


def read_records(dbf: bytes) -> list[dict[str, str]]:
    """The rows of a dBASE III table as text, keyed by field name."""
    n_records, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    fields: list[tuple[str, int]] = []
    pos = 32
    while dbf[pos] != 0x0D:
        name = dbf[pos:pos + 11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, dbf[pos + 16]))
        pos += 32
    rows = []
    for i in range(n_records):
        rec = dbf[header_len + i * record_len:header_len + (i + 1) * record_len]
        offset = 1  # the deletion flag
        row = {}
        for name, width in fields:
            row[name] = rec[offset:offset + width].decode("utf-8", "replace").strip()
            offset += width
        rows.append(row)
    return rows


def _read_source(source: Path) -> tuple[bytes, bytes]:
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as z:
            return z.read(_MEMBER + ".shp"), z.read(_MEMBER + ".dbf")
    return source.read_bytes(), source.with_suffix(".dbf").read_bytes()


def load_outlines(source: Path) -> list[Outline]:
    """Natural Earth countries from a naturalearth_lowres .shp file or a geopandas<1.0 wheel."""
    try:
        shp, dbf = _read_source(source)
    except (OSError, KeyError, zipfile.BadZipFile) as e:
        raise DataFileError(f"cannot read Natural Earth outlines from {source}: {e}; "
                            "pass naturalearth_lowres.shp or a geopandas<1.0 wheel") from e
    outlines = []
    for row, rings in zip(read_records(dbf), read_shapes(shp)):
        iso3 = row.get("iso_a3", "")
        if iso3 in ("", "-99"):
            iso3 = _ISO_FIXES.get(row.get("name", ""), "")
        outlines.append(Outline(iso3=iso3, name=row.get("name", ""), rings=rings))
    return outlines


def write_outlines(outlines: list[Outline], out: Path = OUTLINES) -> Path:
    """The compact JSON the page reads: [{"iso3", "name", "d"}], with a source note."""
    countries = [{"iso3": o.iso3, "name": o.name, "d": o.path()} for o in outlines if o.rings]
    doc = {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14 naturalearth_lowres",
        "frame": "equirectangular: x = lon + 180, y = 90 - lat",
        "countries": countries,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    log.info("wrote %d country outlines to %s (%d bytes)", len(countries), out, out.stat().st_size)
    return out


def outlines_json() -> str:
    """The shipped outlines as a JSON string, or an empty set when the file is missing."""
    try:
        return OUTLINES.read_text(encoding="utf-8")
    except OSError:
        log.warning("no country outlines at %s; the map will show a graticule only", OUTLINES)
        return json.dumps({"source": None, "frame": "equirectangular", "countries": []})


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    write_outlines(load_outlines(Path(sys.argv[1])))
