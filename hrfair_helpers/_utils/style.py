"""Shared look of the casebook's figures: a colour-blind-safe palette, the reference colours, bar charts.

Colours are the Okabe–Ito palette (as used by seaborn's ``colorblind`` palette and matplotlib's
``tableau-colorblind10`` style), so group lines stay distinguishable for readers with colour-vision
deficiency and in greyscale print. Only the standard library is imported here; numpy and
matplotlib are imported by :func:`bar_axes` when it draws.
"""

# Okabe & Ito (2008), "Color Universal Design", without black (kept for text and reference lines).
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow (last: low contrast on white)
)
THRESHOLD_COLOR = "#C44E52"  # the four-fifths / tolerance line, same red as the audit bar charts
PASS_COLOR = "#d9f0d3"  # table background for a pass (light green)
FAIL_COLOR = "#f4cccc"  # table background for a fail (light red)
BAND_COLOR = "#2ca02c"  # the tolerance band in disparity plots
BAR_COLOR = "#4C72B0"  # one bar per group in the audit bar charts


def group_color(position):
    """Colour of the ``position``-th group; cycles after seven groups.

    Examples
    --------
    >>> group_color(0), group_color(7)
    ('#0072B2', '#0072B2')
    """
    return PALETTE[position % len(PALETTE)]


def bar_axes(ax, labels, values, *, xlabel, title, errors=None, xlim=(0, 1)):
    """Horizontal bars, one per group, on a fixed axis so rates are never visually exaggerated."""
    import matplotlib.pyplot as plt
    import numpy as np

    from .render import format_label

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.45 * len(labels) + 1.2))
    positions = np.arange(len(labels))
    ax.barh(positions, values, xerr=errors, color=BAR_COLOR, capsize=3)
    ax.set_yticks(positions, [format_label(lbl) for lbl in labels])
    ax.invert_yaxis()
    ax.set_xlim(*xlim)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return ax
