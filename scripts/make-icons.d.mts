/** Types of make-icons.mjs (plain JavaScript, checked with @ts-check), for the tests. */
export const ICO_SIZES: number[]
export function drawIcon(size: number): Uint8Array
export function encodePng(size: number, pixels: Uint8Array): Buffer
export function encodeIco(images: { size: number; png: Buffer }[]): Buffer
