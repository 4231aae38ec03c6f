import ExcelJS from 'exceljs'
import mammoth from 'mammoth'

/**
 * For tests only: Word and Excel files read back by libraries independent of the writers (mammoth,
 * exceljs), so a test checks what a person opening the file would see.
 */

/** A Word file's plain text, its HTML as mammoth converts it, and every table as rows of cell texts. */
export async function readDocxBuffer(file: Buffer): Promise<{ text: string; html: string; tables: string[][][] }> {
  const text = (await mammoth.extractRawText({ buffer: file })).value
  const html = (await mammoth.convertToHtml({ buffer: file })).value
  const tables = [...html.matchAll(/<table>(.*?)<\/table>/g)].map((table) =>
    [...table[1]!.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<t[dh]>(.*?)<\/t[dh]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, ''))
    )
  )
  return { text, html, tables }
}

/** An Excel workbook, and each sheet by name as rows of cell values. */
export async function readXlsxBuffer(
  file: Buffer
): Promise<{ workbook: ExcelJS.Workbook; sheets: Map<string, ExcelJS.CellValue[][]> }> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(file as unknown as ArrayBuffer)
  const sheets = new Map(
    workbook.worksheets.map((sheet) => [
      sheet.name,
      sheet
        .getSheetValues()
        .slice(1)
        .map((row) => (row as ExcelJS.CellValue[]).slice(1))
    ])
  )
  return { workbook, sheets }
}
