import { SaxesParser } from 'saxes'
import yauzl from 'yauzl'

/**
 * For tests only: the native charts of a Word file, read with libraries independent of the writer
 * (yauzl unzips, saxes parses and rejects malformed XML), as a person's Word or LibreOffice would
 * find them: each inline chart in document order with its title and alt text, the part its
 * relationship points at, and that part's cached series (name, category labels, values).
 */

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  types: 'http://schemas.openxmlformats.org/package/2006/content-types',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
}

export interface ReadChart {
  /** The chart part, e.g. word/charts/chart1.xml. */
  part: string
  /** The drawing's title and alt text (wp:docPr). */
  title: string
  description: string
  /** The title drawn on the chart. */
  shownTitle: string
  series: { name: string; categories: string[]; values: number[] }[]
  /** The content type [Content_Types].xml gives the part. */
  contentType: string | null
  /** The embedded workbook the chart's own relationships point at, if any. */
  workbook: Buffer | null
}

/** Every entry of a ZIP file by name, unzipped with yauzl. */
export function unzipEntries(file: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a ZIP file'))
      const entries = new Map<string, Buffer>()
      zip.on('error', reject)
      zip.on('end', () => resolve(entries))
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(`cannot read ${entry.fileName}`))
          const chunks: Buffer[] = []
          stream.on('data', (chunk: Buffer) => chunks.push(chunk))
          stream.on('error', reject)
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks))
            zip.readEntry()
          })
        })
      })
      zip.readEntry()
    })
  })
}

/** An XML element: its namespace and local name, attributes by qualified name, children and text. */
export interface XmlElement {
  uri: string
  local: string
  attributes: Map<string, string>
  /** Attributes by namespace and local name ("uri local"). */
  attributesNS: Map<string, string>
  children: XmlElement[]
  text: string
}

/** Parses XML with namespaces, throwing on any error (a part Word would refuse); returns the root. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true })
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  parser.on('error', (error) => {
    throw new Error(`malformed XML: ${error.message}`)
  })
  parser.on('opentag', (tag) => {
    const attributes = Object.values(tag.attributes)
    const element: XmlElement = {
      uri: tag.uri,
      local: tag.local,
      attributes: new Map(attributes.map((a) => [a.name, a.value])),
      attributesNS: new Map(attributes.map((a) => [`${a.uri} ${a.local}`, a.value])),
      children: [],
      text: ''
    }
    stack.at(-1)?.children.push(element)
    root ??= element
    stack.push(element)
  })
  parser.on('text', (chunk) => {
    const open = stack.at(-1)
    if (open) open.text += chunk
  })
  parser.on('closetag', () => void stack.pop())
  parser.write(text).close()
  if (!root) throw new Error('no root element')
  return root
}

/** Every element below `node` (and itself) with this namespace and local name, in document order. */
const all = (node: XmlElement, ns: string, name: string): XmlElement[] => [
  ...(node.uri === ns && node.local === name ? [node] : []),
  ...node.children.flatMap((child) => all(child, ns, name))
]
const texts = (node: XmlElement | undefined, name: string): string[] =>
  node ? all(node, NS.c, 'pt').map((pt) => all(pt, NS.c, name)[0]?.text ?? '') : []

/** The charts of a Word file in document order. */
export async function readDocxCharts(file: Buffer): Promise<ReadChart[]> {
  const entries = await unzipEntries(file)
  const xml = (name: string): XmlElement => {
    const entry = entries.get(name)
    if (!entry) throw new Error(`no ${name} in the Word file`)
    return parseXml(entry.toString('utf8'))
  }
  const targets = new Map(
    all(xml('word/_rels/document.xml.rels'), NS.rels, 'Relationship').map((r) => [
      r.attributes.get('Id'),
      `word/${r.attributes.get('Target')}`
    ])
  )
  const types = new Map(
    all(xml('[Content_Types].xml'), NS.types, 'Override').map((o) => [
      o.attributes.get('PartName')!.slice(1),
      o.attributes.get('ContentType')
    ])
  )
  return all(xml('word/document.xml'), NS.wp, 'inline')
    .filter((inline) => all(inline, NS.c, 'chart').length > 0)
    .map((inline) => {
      const docPr = all(inline, NS.wp, 'docPr')[0]!
      const part = targets.get(all(inline, NS.c, 'chart')[0]!.attributesNS.get(`${NS.r} id`)!)
      if (!part) throw new Error('a chart without its relationship')
      const chart = xml(part)
      const relsName = part.replace(/([^/]+)$/, '_rels/$1.rels')
      const embedded = entries.has(relsName)
        ? all(xml(relsName), NS.rels, 'Relationship')[0]?.attributes.get('Target')
        : undefined
      return {
        part,
        title: docPr.attributes.get('title') ?? '',
        description: docPr.attributes.get('descr') ?? '',
        shownTitle: all(chart, NS.a, 't')
          .map((t) => t.text)
          .join(''),
        series: all(chart, NS.c, 'ser').map((ser) => ({
          name: texts(all(ser, NS.c, 'tx')[0], 'v')[0] ?? '',
          categories: texts(all(ser, NS.c, 'cat')[0], 'v'),
          values: texts(all(ser, NS.c, 'val')[0], 'v').map(Number)
        })),
        contentType: types.get(part) ?? null,
        workbook: embedded ? (entries.get(new URL(embedded, `file:///${part}`).pathname.slice(1)) ?? null) : null
      }
    })
}
