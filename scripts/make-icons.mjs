#!/usr/bin/env node
// @ts-check
// Draws the app icon (a round table with eight seats around it) in plain JavaScript and writes
// resources/icon.png (512×512, Linux and the window icon) and resources/icon.ico (16 to 256 px,
// Windows: the .exe, the installer, the .roundtable file type). Run `node scripts/make-icons.mjs`
// after changing the drawing; the generated files are committed.
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..')

/** The app's colours (renderer/src/styles/global.css): --accent, --ink, and the page colour. */
const TEAL = [15, 110, 92]
const INK = [20, 33, 61]
const PAPER = [251, 250, 247]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

/**
 * The mark, in a 1×1 square: what colour (RGB) and coverage the point (x, y) has, or null outside.
 * A rounded teal tile; on it a paper-coloured round table; eight ink seats around the table.
 * @param {number} x
 * @param {number} y
 * @returns {number[] | null}
 */
function colourAt(x, y) {
  const dx = x - 0.5
  const dy = y - 0.5
  const distance = Math.hypot(dx, dy)
  // Seats first (they sit on the tile, outside the table).
  for (let seat = 0; seat < 8; seat++) {
    const angle = (seat / 8) * 2 * Math.PI - Math.PI / 2
    if (Math.hypot(dx - 0.33 * Math.cos(angle), dy - 0.33 * Math.sin(angle)) < 0.075) return PAPER
  }
  if (distance < 0.22) return PAPER
  if (distance < 0.245) return INK
  return insideTile(x, y) ? TEAL : null
}

/** A square with rounded corners (radius 0.2), filling the whole icon. @param {number} x @param {number} y */
function insideTile(x, y) {
  const r = 0.2
  const cx = Math.min(Math.max(x, r), 1 - r)
  const cy = Math.min(Math.max(y, r), 1 - r)
  return x >= 0 && x <= 1 && y >= 0 && y <= 1 && Math.hypot(x - cx, y - cy) <= r
}

/**
 * RGBA pixels of the icon at `size`×`size`, each pixel the average of 4×4 samples (smooth edges).
 * @param {number} size
 */
export function drawIcon(size) {
  const pixels = new Uint8Array(size * size * 4)
  const samples = 4
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0
      let g = 0
      let b = 0
      let covered = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
          if (!colour) continue
          r += colour[0] ?? 0
          g += colour[1] ?? 0
          b += colour[2] ?? 0
          covered++
        }
      }
      const at = (py * size + px) * 4
      if (covered > 0) {
        pixels[at] = Math.round(r / covered)
        pixels[at + 1] = Math.round(g / covered)
        pixels[at + 2] = Math.round(b / covered)
        pixels[at + 3] = Math.round((255 * covered) / samples ** 2)
      }
    }
  }
  return pixels
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** @param {Uint8Array} bytes */
function crc32(bytes) {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** @param {string} type @param {Uint8Array} data */
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  Buffer.from(data).copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

/**
 * A PNG file (8-bit RGBA, no interlace) of square RGBA pixels.
 * @param {number} size
 * @param {Uint8Array} pixels
 */
export function encodePng(size, pixels) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // bit depth 8, colour type 6 (RGBA), deflate, adaptive filter, no interlace
  // Each row starts with its filter type: 0, none.
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++)
    Buffer.from(pixels.subarray(y * size * 4, (y + 1) * size * 4)).copy(raw, y * (size * 4 + 1) + 1)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array())
  ])
}

/**
 * An ICO file holding one PNG per size (Windows Vista and later read PNG entries at every size).
 * @param {{ size: number, png: Buffer }[]} images
 */
export function encodeIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // 1: icon
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index
    header.writeUInt8(size >= 256 ? 0 : size, entry) // 0 stands for 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt8(0, entry + 2) // no palette
    header.writeUInt8(0, entry + 3)
    header.writeUInt16LE(1, entry + 4) // colour planes
    header.writeUInt16LE(32, entry + 6) // bits per pixel
    header.writeUInt32LE(png.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map((image) => image.png)])
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(join(root, 'resources/icon.png'), encodePng(512, drawIcon(512)))
  const images = ICO_SIZES.map((size) => ({ size, png: encodePng(size, drawIcon(size)) }))
  writeFileSync(join(root, 'resources/icon.ico'), encodeIco(images))
  console.log(`resources/icon.png (512×512), resources/icon.ico (${ICO_SIZES.join(', ')} px)`)
}
