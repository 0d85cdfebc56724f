"""Demo photos drawn with Pillow, so the demo needs nothing from the network: a sky, a
horizon and a few buildings or hills in colours derived from the subject, the same
subject always giving the same picture."""

import hashlib
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = (1280, 720)
PALETTES = [
    ((28, 66, 120), (236, 180, 120), (52, 60, 70)),  # dusk over a city
    ((120, 170, 220), (230, 240, 250), (90, 120, 60)),  # steppe at noon
    ((40, 40, 70), (200, 90, 80), (30, 30, 40)),  # evening
    ((150, 190, 210), (250, 250, 240), (160, 140, 100)),  # desert
    ((70, 110, 160), (190, 210, 230), (60, 80, 90)),  # winter
    ((30, 90, 110), (140, 200, 190), (40, 70, 60)),  # lake shore
]


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def draw_photo(subject, path):
    rnd = random.Random(hashlib.sha256(subject.encode()).hexdigest())
    top, bottom, ground = rnd.choice(PALETTES)
    width, height = SIZE
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / height))
    horizon = rnd.randint(int(height * 0.55), int(height * 0.75))
    sun = (rnd.randint(100, width - 100), rnd.randint(60, horizon - 120))
    draw.ellipse(
        [sun[0] - 50, sun[1] - 50, sun[0] + 50, sun[1] + 50],
        fill=_mix(bottom, (255, 250, 230), 0.7),
    )
    if rnd.random() < 0.5:
        _hills(draw, rnd, horizon, ground, width, height)
    else:
        _skyline(draw, rnd, horizon, ground, width, height)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    image.save(path, "JPEG", quality=82, optimize=True, progressive=True)
    return path


def _hills(draw, rnd, horizon, ground, width, height):
    for layer in range(3):
        colour = _mix(ground, (255, 255, 255), 0.25 - layer * 0.1)
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, horizon + layer * 40 + rnd.randint(-40, 30)))
        points.append((width, height))
        draw.polygon(points, fill=colour)


def _skyline(draw, rnd, horizon, ground, width, height):
    x = 0
    while x < width:
        w = rnd.randint(50, 140)
        h = rnd.randint(60, int(horizon * 0.6))
        colour = _mix(ground, (0, 0, 0), rnd.random() * 0.3)
        draw.rectangle([x, horizon - h, x + w, height], fill=colour)
        if rnd.random() < 0.3:  # a dome, as on the mosques and theatres of the region
            draw.ellipse(
                [x + w // 4, horizon - h - w // 2, x + 3 * w // 4, horizon - h + w // 4],
                fill=colour,
            )
        for wy in range(horizon - h + 15, horizon, 28):
            for wx in range(x + 10, x + w - 15, 22):
                if rnd.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 8, wy + 12], fill=(250, 225, 150))
        x += w + rnd.randint(0, 20)
    draw.rectangle([0, horizon, width, height], fill=_mix(ground, (0, 0, 0), 0.35))


def draw_placeholder(path, name="Qalam"):
    """The photo slot of an article without a photo: the site's name on a quiet ground."""
    width, height = SIZE
    image = Image.new("RGB", SIZE, (236, 239, 243))
    draw = ImageDraw.Draw(image)
    draw.rectangle([24, 24, width - 24, height - 24], outline=(200, 205, 214), width=4)
    font = ImageFont.load_default(size=120)
    box = draw.textbbox((0, 0), name, font=font)
    draw.text(
        ((width - box[2]) / 2, (height - box[3]) / 2 - 20), name, font=font, fill=(120, 128, 140)
    )
    image.save(path, "PNG", optimize=True)
    return path
