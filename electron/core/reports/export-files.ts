import { zipFiles } from '../workshops/package-file'

export type ExportFormat = 'html' | 'markdown' | 'csv' | 'json'
export interface ExportedFile {
  name: string
  content: string
  type: string
  base64: boolean
}

/**
 * A report as the file(s) to download, named `<base>.<ext>`. CSV is one file per table delivered in
 * one ZIP (`<base>-csv.zip`): one download, one place on the USB stick. Only the asked-for writer runs.
 */
export async function exportFiles(
  base: string,
  format: ExportFormat,
  writers: { html: () => string; markdown: () => string; json: () => string; csv: () => Record<string, string> }
): Promise<ExportedFile[]> {
  switch (format) {
    case 'html':
      return [{ name: `${base}.html`, content: writers.html(), type: 'text/html', base64: false }]
    case 'markdown':
      return [{ name: `${base}.md`, content: writers.markdown(), type: 'text/markdown', base64: false }]
    case 'json':
      return [{ name: `${base}.json`, content: writers.json(), type: 'application/json', base64: false }]
    case 'csv': {
      const zip = await zipFiles(Object.entries(writers.csv()).map(([name, text]) => ({ name: `${base}/${name}`, text })))
      return [{ name: `${base}-csv.zip`, content: zip.toString('base64'), type: 'application/zip', base64: true }]
    }
  }
}
