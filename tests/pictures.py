"""Pictures as phones and tools make them, drawn in the tests with Pillow (and
pillow-heif): what a write-up's author really has to hand, and what must never
reach a published file.

* a phone's photo, stored landscape with EXIF orientation 6, its GPS position,
  camera, date, an XMP packet and an embedded thumbnail (EXIF's IFD1);
* a screenshot whose PNG carries a GPS position in its eXIf chunk, and text chunks;
* an animated GIF (with a comment), an animated WebP and an animated PNG;
* an iPhone's HEIC, turned by its container (irot) and with EXIF and XMP;
* a photo tagged with a colour profile that is not sRGB (red and blue swapped).

Each picture's top-left corner is red and its bottom-right blue once upright, so a
test tells a turned picture from a sideways one by two pixels.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

import pillow_heif
from PIL import ExifTags, Image, ImageCms, ImageDraw, PngImagePlugin

pillow_heif.register_heif_opener()

#: What a published file must never hold: the markers of EXIF, XMP and IPTC, and
#: words only the planted metadata holds (the GPS position's name in XMP, the camera,
#: the place). Container blocks (PNG chunks, WebP chunks) are read by
#: :func:`metadata_blocks`, not searched for: four letters can occur in pixel data.
CAMERA = "RackCam 9000"
PLACE = "Cupboard under the stairs"
FORBIDDEN = (
    b"Exif\x00\x00",
    b"http://ns.adobe.com/xap/1.0/",
    b"Photoshop 3.0",
    b"GPSLatitude",
    CAMERA.encode(),
    PLACE.encode(),
)
XMP = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
    f' exif:GPSLatitude="37,46.5N" exif:GPSLongitude="122,25.1W" xmp:Label="{PLACE}"/>'
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
RED, BLUE, GREY = (220, 20, 20), (20, 20, 220), (128, 128, 128)


def upright(width: int, height: int) -> Image.Image:
    """A picture as it should be seen: red at the top left, blue at the bottom right,
    with a noisy middle so that encoders have work to do."""
    noise = random.Random(width * height).randbytes(width * height)
    picture = Image.frombytes("L", (width, height), noise).point(lambda v: 96 + v // 4)
    picture = picture.convert("RGB")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, width // 4, height // 4), fill=RED)
    draw.rectangle((width - width // 4, height - height // 4, width, height), fill=BLUE)
    return picture


def corners(picture: Image.Image) -> tuple[str, str]:
    """ "red"/"blue"/"other" at the top-left and bottom-right corners' centres."""
    width, height = picture.size
    rgb = picture.convert("RGB")

    def colour(x: int, y: int) -> str:
        r, g, b = rgb.getpixel((x, y))[:3]  # type: ignore[index]
        return "red" if r > 150 > b else "blue" if b > 150 > r else "other"

    return colour(width // 8, height // 8), colour(width - width // 8, height - height // 8)


def exif(orientation: int | None = 6, thumbnail: bytes | None = None) -> bytes:
    """EXIF as a phone writes it: orientation, camera, date, GPS, and a thumbnail in IFD1."""
    tags = Image.Exif()
    if orientation is not None:
        tags[ExifTags.Base.Orientation] = orientation
    tags[ExifTags.Base.Make] = "Rack"
    tags[ExifTags.Base.Model] = CAMERA
    tags[ExifTags.Base.DateTime] = "2024:06:08 10:11:12"
    tags[ExifTags.Base.ImageDescription] = PLACE
    tags[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (37.0, 46.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (122.0, 25.0, 6.0),
    }
    block = tags.tobytes()
    if thumbnail is None:
        return block
    # Pillow writes IFD0 alone: point its "next IFD" at an IFD1 that holds the thumbnail.
    tiff = bytearray(block[6:])
    order = "<" if tiff[:2] == b"II" else ">"
    first = struct.unpack_from(f"{order}I", tiff, 4)[0]
    count = struct.unpack_from(f"{order}H", tiff, first)[0]
    ifd1 = len(tiff)
    struct.pack_into(f"{order}I", tiff, first + 2 + 12 * count, ifd1)
    data = ifd1 + 2 + 3 * 12 + 4
    tiff += struct.pack(f"{order}H", 3)
    # Compression JPEG (a SHORT, left-justified in its 4 bytes), then where and how long.
    tiff += struct.pack(f"{order}HHIHH", 0x0103, 3, 1, 6, 0)
    tiff += struct.pack(f"{order}HHII", 0x0201, 4, 1, data)
    tiff += struct.pack(f"{order}HHII", 0x0202, 4, 1, len(thumbnail))
    tiff += struct.pack(f"{order}I", 0) + thumbnail
    return b"Exif\x00\x00" + bytes(tiff)


def jpeg_bytes(picture: Image.Image, **options: object) -> bytes:
    out = io.BytesIO()
    picture.save(out, "JPEG", **options)
    return out.getvalue()


def phone_photo(path: Path, width: int = 1600, height: int = 1200) -> Path:
    """A phone's JPEG of an upright ``height``×``width`` scene, stored sideways
    (``width``×``height``) with orientation 6, GPS, camera, XMP and a thumbnail."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stored = upright(height, width).transpose(Image.Transpose.ROTATE_90)
    thumbnail = jpeg_bytes(stored.resize((160, 120)))
    stored.save(path, "JPEG", quality=92, exif=exif(6, thumbnail), xmp=XMP.encode())
    return path


def screenshot(path: Path) -> Path:
    """A PNG screenshot with a GPS position in its eXIf chunk, and text and XMP chunks."""
    path.parent.mkdir(parents=True, exist_ok=True)
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"Taken at {PLACE}")
    info.add_itxt("XML:com.adobe.xmp", XMP)
    upright(1400, 900).save(path, "PNG", pnginfo=info, exif=exif(None))
    return path


def frames(count: int = 4, size: tuple[int, int] = (240, 160)) -> list[Image.Image]:
    """Frames that differ: a bar moving across an upright picture."""
    base = upright(*size)
    shown = []
    for index in range(count):
        frame = base.copy()
        x = index * size[0] // count
        ImageDraw.Draw(frame).rectangle((x, size[1] // 3, x + 20, 2 * size[1] // 3), fill="white")
        shown.append(frame)
    return shown


DURATIONS = [200, 300, 400, 500]


def animated(path: Path, kind: str) -> Path:
    """An animation of four frames, looping for ever, with metadata of its kind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    moving = frames(len(DURATIONS))
    options: dict[str, object] = {
        "save_all": True,
        "append_images": moving[1:],
        "duration": DURATIONS,
        "loop": 0,
    }
    if kind == "GIF":
        options["comment"] = f"GPS 37.77N 122.42W, {PLACE}".encode()
    elif kind == "WEBP":
        options.update(exif=exif(1), xmp=XMP.encode(), lossless=True)
    elif kind == "PNG":
        options["exif"] = exif(1)
    moving[0].save(path, kind, **options)
    return path


def heic(path: Path, width: int = 1200, height: int = 900) -> Path:
    """An iPhone's HEIC: stored sideways, turned by its container (irot), with
    orientation 6, GPS and camera in EXIF, and XMP."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stored = upright(height, width).transpose(Image.Transpose.ROTATE_90)
    stored.save(path, "HEIF", quality=80, exif=exif(6), xmp=XMP.encode())
    return path


def swapped_profile() -> bytes:
    """An RGB colour profile whose red and blue primaries are sRGB's blue and red, so
    a pixel stored as (0, 0, 255) under it is red."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    count = struct.unpack_from(">I", profile, 128)[0]
    entries = {}
    for index in range(count):
        at = 132 + 12 * index
        entries[bytes(profile[at : at + 4])] = at
    red, blue = entries[b"rXYZ"], entries[b"bXYZ"]
    profile[red + 4 : red + 12], profile[blue + 4 : blue + 12] = (
        profile[blue + 4 : blue + 12],
        profile[red + 4 : red + 12],
    )
    return bytes(profile).replace("sRGB".encode("utf-16-be"), "Swap".encode("utf-16-be"))


def tagged(path: Path) -> Path:
    """A photo stored with red and blue swapped and tagged with :func:`swapped_profile`:
    shown right, it is red at the top left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    r, g, b = upright(600, 400).split()
    Image.merge("RGB", (b, g, r)).save(path, "JPEG", quality=95, icc_profile=swapped_profile())
    return path


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is ``width``×``height`` and holds no pixels: enough to open."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    size = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", size) + chunk(b"IEND", b"")


# -- What a published file holds besides its pixels ------------------------------------------

#: Blocks every file of its format has, or needs to animate; anything else is metadata.
PLAIN_PNG = frozenset({"IHDR", "PLTE", "IDAT", "IEND", "tRNS", "acTL", "fcTL", "fdAT"})
PLAIN_WEBP = frozenset({"VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF"})


def metadata_blocks(path: Path) -> list[str]:
    """The blocks of a JPEG, PNG, WebP or GIF that are not pixels nor animation:
    EXIF, XMP, IPTC, colour profiles, comments, text, embedded thumbnails. A file
    of another kind is itself a problem."""
    data = path.read_bytes()
    if data[:3] == b"\xff\xd8\xff":
        return _jpeg_blocks(data)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _png_blocks(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_blocks(data)
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return _gif_blocks(data)
    return [f"not a JPEG, PNG, WebP or GIF: {data[:8]!r}"]


def _jpeg_blocks(data: bytes) -> list[str]:
    found = []
    at = 2
    while at < len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: pixels follow
            break
        length = struct.unpack_from(">H", data, at + 2)[0]
        body = data[at + 4 : at + 2 + length]
        if 0xE0 <= marker <= 0xEF and not (marker == 0xE0 and body.startswith(b"JFIF\x00")):
            found.append(f"APP{marker - 0xE0} {body[:12]!r}")
        elif marker == 0xFE:
            found.append(f"COM {body[:20]!r}")
        at += 2 + length
    # A second picture (an EXIF thumbnail, an MPO's companion) starts with its own SOI.
    if (pictures := data.count(b"\xff\xd8")) > 1:
        found.append(f"{pictures - 1} embedded JPEG(s)")
    return found


def _png_blocks(data: bytes) -> list[str]:
    found = []
    at = 8
    while at < len(data):
        length, kind = struct.unpack_from(">I4s", data, at)
        name = kind.decode("latin-1")
        if name not in PLAIN_PNG:
            found.append(f"PNG chunk {name}")
        at += 12 + length
    return found


def _webp_blocks(data: bytes) -> list[str]:
    found = []
    at = 12
    while at < len(data):
        kind, length = struct.unpack_from("<4sI", data, at)
        name = kind.decode("latin-1")
        if name not in PLAIN_WEBP:
            found.append(f"WebP chunk {name!r}")
        if name == "VP8X" and data[at + 8] & 0b00101100:  # ICC, EXIF or XMP flagged
            found.append("VP8X says it holds ICC, EXIF or XMP")
        at += 8 + length + (length & 1)
    return found


def _sub_blocks(data: bytes, at: int) -> int:
    while data[at]:
        at += 1 + data[at]
    return at + 1


def _gif_blocks(data: bytes) -> list[str]:
    found = []
    flags = data[10]
    at = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while at < len(data) and data[at] != 0x3B:
        if data[at] == 0x21:
            label = data[at + 1]
            if label == 0xFF:
                name = data[at + 3 : at + 14]
                if name not in (b"NETSCAPE2.0", b"ANIMEXTS1.0"):
                    found.append(f"GIF application block {name!r}")
            elif label != 0xF9:
                found.append(f"GIF extension {label:#x}")
            at = _sub_blocks(data, at + 2)
        else:  # an image: descriptor, local colour table, LZW size, data
            flags = data[at + 9]
            at += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
            at = _sub_blocks(data, at + 1)
    return found


def privacy_problems(path: Path) -> list[str]:
    """What in a published raster file says where, when or with what it was made."""
    problems = [f"{path.name}: {block}" for block in metadata_blocks(path)]
    data = path.read_bytes()
    problems += [f"{path.name}: holds {marker!r}" for marker in FORBIDDEN if marker in data]
    with Image.open(path) as image:
        if dict(image.getexif()):
            problems.append(f"{path.name}: Pillow reads EXIF {dict(image.getexif())}")
        told = sorted(
            set(image.info) & {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"}
        )
        if told:
            problems.append(f"{path.name}: Pillow reads {told}")
    return problems
