'use strict';
/**
 * Draws the Microsoft Teams icons of the web parts that run in Teams:
 *   teams/<componentId>_color.png    192x192, full-bleed accent background, white glyph inside the
 *                                   120x120 safe area;
 *   teams/<componentId>_outline.png  32x32, white glyph on a transparent background.
 * SPFx takes them from teams/ when it builds the Teams app for a web part (TeamsTab,
 * TeamsPersonalApp). The PNGs are committed; run `node tools/make-icons.js` after changing a glyph.
 */
const fs = require('fs');
const path = require('path');
const { encodePng } = require('./png');

/** Accent of the suite (Fluent "communication blue"). */
const ACCENT = [0x0f, 0x6c, 0xbd];

/** Glyphs: coverage test in unit coordinates (0..1 on both axes, y down). */
const GLYPHS = {
  /** A person: head and shoulders. */
  person(u, v) {
    const head = (u - 0.5) ** 2 + (v - 0.3) ** 2 <= 0.17 ** 2;
    const shoulders = v >= 0.56 && v <= 0.95 && ((u - 0.5) / 0.36) ** 2 + ((v - 0.95) / 0.38) ** 2 <= 1;
    return head || shoulders;
  },
  /** A magnifying glass: a ring and a handle. */
  search(u, v) {
    const r = Math.hypot(u - 0.42, v - 0.42);
    const ring = r <= 0.3 && r >= 0.19;
    // The handle: a thick segment from the ring towards the bottom right corner.
    const t = ((u - 0.42) + (v - 0.42)) / 2;
    const off = Math.abs((u - 0.42) - (v - 0.42)) / Math.SQRT2;
    const handle = t >= 0.2 && t <= 0.52 && off <= 0.075;
    return ring || handle;
  },
  /** A speech bubble with a tail: what a customer said, relayed. */
  bubble(u, v) {
    const body = ((u - 0.5) / 0.46) ** 2 + ((v - 0.42) / 0.34) ** 2 <= 1;
    const tail = v >= 0.62 && v <= 0.92 && u >= 0.22 && u <= 0.42 && (u - 0.22) <= (0.92 - v) * 0.67;
    return body || tail;
  },
  /** Bar chart: three bars of rising height on a base line. */
  bars(u, v) {
    const base = v >= 0.88 && v <= 0.96 && u >= 0.08 && u <= 0.92;
    const bar = (x0, top) => u >= x0 && u <= x0 + 0.18 && v >= top && v <= 0.88;
    return base || bar(0.14, 0.55) || bar(0.41, 0.3) || bar(0.68, 0.08);
  },
  /** Three people side by side, the middle one in front: a community. */
  group(u, v) {
    const person = (cx, cy, scale) => {
      const head = (u - cx) ** 2 + (v - cy) ** 2 <= (0.11 * scale) ** 2;
      const top = cy + 0.16 * scale;
      const shoulders = v >= top && v <= 0.95 && ((u - cx) / (0.22 * scale)) ** 2 + ((v - 0.95) / (0.95 - top + 0.02)) ** 2 <= 1;
      return head || shoulders;
    };
    return person(0.2, 0.36, 0.85) || person(0.8, 0.36, 0.85) || person(0.5, 0.3, 1.1);
  }
};

/** Which glyph each Teams-capable component gets. */
const ICONS = [
  { componentId: 'ee96051c-9cf7-455b-a0c3-791242a16b02', glyph: 'person', name: 'Employee profile' },
  { componentId: '2e8a04c8-dc43-4e4d-a873-83c66eeeeb23', glyph: 'search', name: 'Find an expert' },
  { componentId: '34138732-ddce-4ad3-b8e3-6d03eb84ab54', glyph: 'bubble', name: 'Relay customer feedback' },
  { componentId: '694369d8-bb6b-4aee-9072-b761c47e31fa', glyph: 'bars', name: 'Customer insights dashboard' },
  { componentId: '01ebfb3d-e361-4f50-af1f-049a3c501141', glyph: 'group', name: 'Communities' }
];

/**
 * Renders a square image with 4x4 supersampling.
 * @param {number} size image side in pixels
 * @param {(u: number, v: number) => boolean} glyph
 * @param {{ inset: number, background?: number[] }} options inset: glyph box margin, in pixels
 */
function render(size, glyph, options) {
  const rgba = new Uint8Array(size * size * 4);
  const box = size - 2 * options.inset;
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples - options.inset) / box;
          const v = (y + (sy + 0.5) / samples - options.inset) / box;
          if (u >= 0 && u <= 1 && v >= 0 && v <= 1 && glyph(u, v)) {
            hits++;
          }
        }
      }
      const coverage = hits / (samples * samples);
      const i = (y * size + x) * 4;
      if (options.background) {
        // White glyph blended over an opaque background.
        for (let c = 0; c < 3; c++) {
          rgba[i + c] = Math.round(options.background[c] * (1 - coverage) + 255 * coverage);
        }
        rgba[i + 3] = 255;
      } else {
        // White glyph, alpha = coverage, on transparency.
        rgba[i] = 255;
        rgba[i + 1] = 255;
        rgba[i + 2] = 255;
        rgba[i + 3] = Math.round(255 * coverage);
      }
    }
  }
  return rgba;
}

function colorIcon(glyph) {
  // 192x192 with the glyph inside the central 120x120 safe area.
  return encodePng(192, 192, render(192, glyph, { inset: 36, background: ACCENT }));
}

function outlineIcon(glyph) {
  return encodePng(32, 32, render(32, glyph, { inset: 1 }));
}

function makeIcons(root) {
  const teamsDir = path.join(root, 'teams');
  fs.mkdirSync(teamsDir, { recursive: true });
  const written = [];
  for (const icon of ICONS) {
    const glyph = GLYPHS[icon.glyph];
    const color = path.join(teamsDir, `${icon.componentId}_color.png`);
    const outline = path.join(teamsDir, `${icon.componentId}_outline.png`);
    fs.writeFileSync(color, colorIcon(glyph));
    fs.writeFileSync(outline, outlineIcon(glyph));
    written.push(color, outline);
  }
  return written;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  for (const file of makeIcons(root)) {
    console.log(`wrote ${path.relative(root, file)}`);
  }
}

module.exports = { makeIcons, ICONS };
