import { writeFile } from 'node:fs/promises'
import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent } from 'electron'
import { PRINT_PDF_CHANNEL } from '../shared/api/bridge'
import { inBothLanguages, userMessage, type UserMessage } from '../shared/i18n/user-message'
import { isTrustedSender } from './security'
import { printWindowOptions } from './window-options'

/**
 * Printing a self-contained document (facilitator guide, sign-in sheet, summary) to an A4 PDF:
 * the renderer sends the HTML over PRINT_PDF_CHANNEL; main renders it in a hidden window without
 * preload or JavaScript and saves the PDF where the trainer chooses.
 */

/**
 * The document travels as a data: URL, and Chromium refuses URLs longer than 2 MB; base64 makes
 * 1.5 MB of HTML about 2,000,000 characters, which fits. The documents are a few hundred kB.
 */
export const MAX_PRINT_BYTES = 1_500_000
const FILE_NAME = /^[\w.-]{1,120}$/

/** `reason` is for the log; `message` is what the trainer is shown, in both languages. */
export type PrintRequest =
  { ok: true; html: string; fileName: string } | { ok: false; reason: string; message?: UserMessage }

/** Checks a print request from the renderer: the sender first, then the document and its file name. */
export function printRequest(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  html: unknown,
  fileName: unknown
): PrintRequest {
  if (!isTrustedSender(event.senderFrame)) return { ok: false, reason: 'untrusted sender' }
  if (typeof html !== 'string' || typeof fileName !== 'string' || !FILE_NAME.test(fileName)) {
    return { ok: false, reason: 'invalid document', message: userMessage('error.print-invalid') }
  }
  if (Buffer.byteLength(html) > MAX_PRINT_BYTES) {
    return { ok: false, reason: 'the document is too large to print', message: userMessage('error.print-too-large') }
  }
  return { ok: true, html, fileName }
}

/** `x.html` → `x.pdf`; any other name gets `.pdf` added. */
export function pdfFileName(fileName: string): string {
  return fileName.replace(/\.html?$/i, '') + '.pdf'
}

export async function printToPdf(
  BrowserWindowClass: typeof BrowserWindow,
  dialog: Pick<Dialog, 'showSaveDialog'>,
  parent: BrowserWindow | null,
  html: string,
  fileName: string
): Promise<string | null> {
  const window = new BrowserWindowClass(printWindowOptions())
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`)
    const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })
    const options = { defaultPath: pdfFileName(fileName), filters: [{ name: 'PDF', extensions: ['pdf'] }] }
    const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
    if (choice.canceled || !choice.filePath) return null
    await writeFile(choice.filePath, pdf)
    return choice.filePath
  } finally {
    window.destroy()
  }
}

export function setupPrint(deps: {
  ipcMain: Pick<IpcMain, 'handle'>
  BrowserWindow: typeof BrowserWindow
  dialog: Pick<Dialog, 'showSaveDialog' | 'showErrorBox'>
}): void {
  deps.ipcMain.handle(PRINT_PDF_CHANNEL, async (event, html: unknown, fileName: unknown) => {
    const request = printRequest(event, html, fileName)
    if (!request.ok) {
      console.warn(`Roundtable: refused to print (${request.reason})`)
      // A trainer who pressed Print is told why nothing happened; a foreign frame is not.
      if (request.message) deps.dialog.showErrorBox('Bàn Tròn — Roundtable', inBothLanguages(request.message))
      return null
    }
    try {
      const parent = deps.BrowserWindow.fromWebContents(event.sender)
      return await printToPdf(deps.BrowserWindow, deps.dialog, parent, request.html, request.fileName)
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      deps.dialog.showErrorBox('Bàn Tròn — Roundtable', inBothLanguages(userMessage('error.print-failed', { detail })))
      return null
    }
  })
}
