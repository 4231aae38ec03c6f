import qrcode from 'qrcode-generator'
import { escapeHtml } from './pages'

/** Modules of white around the code: the QR standard asks for 4 so phone cameras find its edges. */
const QUIET_ZONE = 4

/**
 * The QR code of `text` as an SVG string for the projector: black modules drawn as one path on a
 * white background that includes the quiet zone. It scales to any size (viewBox in modules).
 */
export function qrSvg(text: string): string {
  const code = qrcode(0, 'M') // 0: the smallest version that fits
  code.addData(text, 'Byte')
  code.make()
  const count = code.getModuleCount()
  const size = count + QUIET_ZONE * 2
  let path = ''
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (code.isDark(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img" aria-label="${escapeHtml(text)}">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  )
}
