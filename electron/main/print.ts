import { writeFile } from 'node:fs/promises'
import type { BrowserWindow as BrowserWindowType, Dialog } from 'electron'
import { secureWebPreferences } from './window-options'

/**
 * Prints a self-contained document to an A4 PDF: rendered in a hidden, sandboxed window (no preload,
 * no network: the document has everything inline), then saved where the trainer chooses.
 */
export async function printToPdf(
  BrowserWindow: typeof BrowserWindowType,
  dialog: Dialog,
  parent: BrowserWindowType | null,
  html: string,
  fileName: string
): Promise<string | null> {
  const window = new BrowserWindow({ show: false, webPreferences: { ...secureWebPreferences(''), preload: undefined, javascript: false } })
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`)
    const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })
    const options = { defaultPath: fileName.replace(/\.html$/, '.pdf'), filters: [{ name: 'PDF', extensions: ['pdf'] }] }
    const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
    if (choice.canceled || !choice.filePath) return null
    await writeFile(choice.filePath, pdf)
    return choice.filePath
  } finally {
    window.destroy()
  }
}
