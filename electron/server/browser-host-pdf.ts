import type { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { BROWSER_PDF_PATH } from '../shared/api/bridge'
import { userMessage } from '../shared/i18n/user-message'
import { TOKEN_HEADER } from './browser-host-api'
import { refuse } from './browser-host-guards'
import { htmlToPdf } from './pdf-print'

/** As Electron's printing: the documents are a few hundred kB; JSON escaping adds a little. */
const MAX_PDF_HTML_BYTES = 1_500_000
const MAX_PDF_BODY_BYTES = 4 * 1024 * 1024

const PdfArgsSchema = z.strictObject({
  html: z.string().refine((html) => Buffer.byteLength(html) <= MAX_PDF_HTML_BYTES, 'the document is too large'),
  fileName: z.string().regex(/^[\w.-]{1,120}$/)
})

/** `x.html` → `x.pdf`, the name Electron's save dialog proposes. */
export function pdfFileName(fileName: string): string {
  return fileName.replace(/\.html?$/i, '') + '.pdf'
}

/**
 * Prints a document to PDF with the browser-mode Chromium (`chromium`; null when none was found): replies
 * `{ ok: true, result: { files: [the PDF in base64] } }` like an export, or `{ ok: false, error }` whose
 * reason tells the trainer why (the renderer then opens the print tab).
 */
export function addPdfRoute(
  app: Hono,
  tokenMatches: (given?: string | null) => boolean,
  chromium: string | null
): void {
  let queue: Promise<unknown> = Promise.resolve()
  app.post(
    BROWSER_PDF_PATH,
    async (c, next) => {
      if (!tokenMatches(c.req.header(TOKEN_HEADER))) return refuse(c, 401, 'missing or wrong token')
      await next()
    },
    bodyLimit({ maxSize: MAX_PDF_BODY_BYTES, onError: (c) => refuse(c, 413, 'body too large') }),
    async (c) => {
      const args = PdfArgsSchema.safeParse(await c.req.json().catch(() => null))
      if (!args.success) {
        const message = `invalid arguments: ${args.error.issues[0]?.message ?? 'not an object'}`
        const reason = userMessage('error.print-invalid')
        return c.json({ ok: false, error: { code: 'invalid-args', message, reason } }, 400)
      }
      if (!chromium) {
        // An answer, not a failure (200, so the browser logs no error): the renderer opens the print tab.
        const reason = userMessage('error.pdf-no-chromium')
        return c.json({ ok: false, error: { code: 'no-chromium', message: 'no Chromium found', reason } })
      }
      // One Chromium at a time: two cores are shared with the live session.
      const pdf = queue.catch(() => {}).then(() => htmlToPdf(chromium, args.data.html))
      queue = pdf
      try {
        const content = (await pdf).toString('base64')
        const file = { name: pdfFileName(args.data.fileName), content, type: 'application/pdf', base64: true }
        return c.json({ ok: true, result: { files: [file] } })
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error)
        const reason = userMessage('error.pdf-chromium-failed', { detail })
        return c.json({ ok: false, error: { code: 'failed', message: detail, reason } }, 500)
      }
    }
  )
}
