import { DOCUMENT_CSP, htmlPage } from '../documents/html-page'
import { escapeHtml } from '../../shared/security/escape-html'
import type { GuideLanguage } from './labels'

export { DOCUMENT_CSP, escapeHtml }

/**
 * The printed guides and sheets: the one HTML shell of every generated document (documents/html-page.ts:
 * self-contained, inline style, no script, nothing loaded) with the guides' own A4 page style.
 */

const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", sans-serif'

/** Page set-up and type shared by both documents; each adds its own rules. Black on white for any printer. */
const BASE_STYLE = `
@page { size: A4; margin: 14mm 13mm 15mm 13mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt ${FONT_STACK}; color: #444; } }
* { box-sizing: border-box; }
html { font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.4; color: #000; background: #fff;
  -webkit-text-size-adjust: 100%; }
body { margin: 0; }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 12mm 13mm; } }
h1 { font-size: 19pt; line-height: 1.2; margin: 0 0 3mm; }
h2 { font-size: 14pt; line-height: 1.25; margin: 6mm 0 2.5mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2mm; }
ul, ol { margin: 0 0 2mm; padding-left: 6mm; }
li { margin: 0 0 1mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.6pt solid #444; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.muted { color: #333; }
.small { font-size: 9pt; }
.cite { display: inline-block; font-size: 7.5pt; line-height: 1.2; padding: 0 1.2pt; border: 0.5pt solid #777;
  border-radius: 2pt; color: #222; white-space: nowrap; vertical-align: 0.5pt; }
.cite-verify { border: 1pt solid #000; font-weight: 700; color: #000; }
.box { display: inline-block; width: 3.8mm; height: 3.8mm; border: 0.9pt solid #000; vertical-align: -0.6mm; }
`

export function printableDocument(parts: {
  language: GuideLanguage
  title: string
  style: string
  body: string
  /** Allows the `data:` images the core embedded (the facilitator guide's slide images). */
  dataImages?: boolean
}): string {
  return htmlPage({ ...parts, style: `${BASE_STYLE}${parts.style}` })
}

/** Minutes since midnight from `HH:MM` (or `H:MM`); a wrong value is the caller's mistake. */
export function parseClock(time: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim())
  const hours = Number(match?.[1])
  const minutes = Number(match?.[2])
  if (!match || hours > 23 || minutes > 59) throw new RangeError(`start time must be HH:MM, got "${time}"`)
  return hours * 60 + minutes
}

/** `HH:MM` for minutes since midnight; a session running past midnight wraps to the next day's clock. */
export function formatClock(totalMinutes: number): string {
  const wrapped = ((totalMinutes % 1440) + 1440) % 1440
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`
}
