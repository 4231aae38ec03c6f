import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** A full-day summary prints in a few seconds; a Chromium that hangs is stopped after this. */
export const PDF_TIME_LIMIT_MS = 60_000

/** A4 unless the document's own `@page` says otherwise (as Electron's printToPDF with preferCSSPageSize). */
const A4_FIRST = '<style>@page { size: A4; }</style>'

/** Chromium's arguments to print one local file to a PDF, headless, without network or profile of the trainer's. */
export function chromiumPdfArgs(htmlFile: string, pdfFile: string, profileDir: string): string[] {
  const args = [
    '--headless',
    '--disable-gpu',
    '--no-pdf-header-footer',
    '--print-to-pdf-no-header',
    `--print-to-pdf=${pdfFile}`,
    `--user-data-dir=${profileDir}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--no-first-run',
    '--no-default-browser-check'
  ]
  if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox') // refused as root otherwise
  return [...args, pathToFileURL(htmlFile).href]
}

/**
 * Prints a self-contained HTML document (it loads nothing: its CSP forbids it) to PDF bytes with a
 * headless Chromium; the temporary document, profile and PDF are removed afterwards.
 */
export async function htmlToPdf(chromium: string, html: string, timeoutMs = PDF_TIME_LIMIT_MS): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-pdf-'))
  try {
    const htmlFile = join(dir, 'document.html')
    const pdfFile = join(dir, 'document.pdf')
    await writeFile(
      htmlFile,
      html.replace(/<head>/i, (head) => head + A4_FIRST)
    )
    await runChromium(chromium, chromiumPdfArgs(htmlFile, pdfFile, join(dir, 'profile')), timeoutMs)
    const pdf = await readFile(pdfFile).catch(() => null)
    if (!pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('Chromium wrote no PDF')
    return pdf
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 })
  }
}

function runChromium(chromium: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString()
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`Chromium took longer than ${Math.round(timeoutMs / 1000)} s`))
    }, timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else reject(new Error(`Chromium exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}`))
    })
  })
}
